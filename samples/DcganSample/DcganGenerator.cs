using System;
using System.Collections.Generic;
using TConvGen;

namespace DcganSample;

/// <summary>One layer of the generator: a transposed convolution and its prepared weights.</summary>
/// <param name="Name">For the timing table, e.g. "512->256, 8x8".</param>
/// <param name="Prepared">The kernel with its weights packed.</param>
/// <param name="InputSize">The input's height and width.</param>
/// <param name="Activation">Applied in place after the layer.</param>
public sealed record DcganLayer(string Name, PreparedConvTranspose2d Prepared, int InputSize, Action<Span<float>> Activation);

/// <summary>A DCGAN generator forward pass with seeded random weights (no training: the point is the layer shapes).</summary>
public sealed class DcganGenerator
{
    private static readonly (int In, int Out, int InputSize)[] Shapes = [(100, 512, 1), (512, 256, 4), (256, 128, 8), (128, 64, 16), (64, 3, 32)];

    /// <summary>Builds the five layers with kernels chosen by <paramref name="kernelFor"/> (layer index -> kernel).</summary>
    public DcganGenerator(Func<int, ConvTranspose2d> kernelFor, int seed)
    {
        var random = new Random(seed);
        var layers = new List<DcganLayer>();
        for (int i = 0; i < Shapes.Length; i++)
        {
            var (inChannels, outChannels, inputSize) = Shapes[i];
            var kernel = kernelFor(i);
            var weight = RandomNormal(random, inChannels * outChannels * 16, Math.Sqrt(2.0 / (inChannels * 4)));
            var bias = RandomNormal(random, outChannels, 0.05);
            Action<Span<float>> activation = i == Shapes.Length - 1 ? Activations.Tanh : Activations.Relu;
            layers.Add(new DcganLayer($"{inChannels}->{outChannels}, {inputSize}x{inputSize}", kernel.Prepare(weight, bias, inChannels, outChannels), inputSize, activation));
        }
        Layers = layers;
    }

    /// <summary>The layers in order.</summary>
    public IReadOnlyList<DcganLayer> Layers { get; }

    /// <summary>Runs the forward pass on <paramref name="batch"/> codes; returns each layer's output (the last is the images, N x 3 x 64 x 64).</summary>
    public List<float[]> Forward(float[] codes, int batch)
    {
        var outputs = new List<float[]>();
        float[] current = codes;
        foreach (var layer in Layers)
        {
            var (height, width) = layer.Prepared.Kernel.GetOutputSize(layer.InputSize, layer.InputSize);
            var output = new float[batch * layer.Prepared.OutChannels * height * width];
            layer.Prepared.Run(current, output, batch, layer.InputSize, layer.InputSize);
            layer.Activation(output);
            outputs.Add(output);
            current = output;
        }
        return outputs;
    }

    /// <summary>Standard normal values times <paramref name="scale"/> (Box-Muller).</summary>
    public static float[] RandomNormal(Random random, int length, double scale)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            double u = 1.0 - random.NextDouble(), v = random.NextDouble();
            values[i] = (float)(scale * Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2 * Math.PI * v));
        }
        return values;
    }
}

/// <summary>The activations DCGAN's generator uses between layers.</summary>
public static class Activations
{
    /// <summary>max(x, 0) in place.</summary>
    public static void Relu(Span<float> values)
    {
        for (int i = 0; i < values.Length; i++)
            values[i] = Math.Max(values[i], 0f);
    }

    /// <summary>tanh(x) in place.</summary>
    public static void Tanh(Span<float> values)
    {
        for (int i = 0; i < values.Length; i++)
            values[i] = MathF.Tanh(values[i]);
    }
}
