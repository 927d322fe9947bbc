using System;
using System.Collections.Generic;
using TConvGen;

namespace DcganSample;

/// <summary>One layer of the generator: a prepared transposed convolution, and what runs after it as separate passes
/// (nothing when the kernel fuses the BatchNorm and the activation).</summary>
/// <param name="Name">For the timing table, e.g. "512->256, 8x8".</param>
/// <param name="Prepared">The kernel with its weights packed.</param>
/// <param name="InputSize">The input's height and width.</param>
/// <param name="After">Applied in place to the layer's output (N, C, H, W) after the kernel.</param>
public sealed record DcganLayer(string Name, PreparedConvTranspose2d Prepared, int InputSize, Action<Span<float>> After);

/// <summary>The inference parameters of one BatchNorm2d: gamma, beta, running mean and variance per channel.</summary>
public sealed record BatchNorm(float[] Gamma, float[] Beta, float[] Mean, float[] Variance, float Epsilon = 1e-5f)
{
    /// <summary>A trained-looking BatchNorm: gamma near 1, beta and mean near 0, variances 0.5 to 2.</summary>
    public static BatchNorm Random(Random random, int channels)
    {
        float[] Draw(double low, double high)
        {
            var values = new float[channels];
            for (int i = 0; i < channels; i++)
                values[i] = (float)(low + (high - low) * random.NextDouble());
            return values;
        }
        return new BatchNorm(Draw(0.8, 1.2), Draw(-0.1, 0.1), Draw(-0.1, 0.1), Draw(0.5, 2.0));
    }

    /// <summary>For <see cref="ConvTranspose2d.Prepare(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, BatchNormParameters)"/>.</summary>
    public BatchNormParameters Parameters => new(Gamma, Beta, Mean, Variance, Epsilon);

    /// <summary><c>(x - mean) / sqrt(var + eps) * gamma + beta</c> in place, per channel of planes of <paramref name="plane"/> values.</summary>
    public void Apply(Span<float> values, int plane)
    {
        for (int i = 0; i < values.Length; i++)
        {
            int c = i / plane % Gamma.Length;
            values[i] = (values[i] - Mean[c]) / MathF.Sqrt(Variance[c] + Epsilon) * Gamma[c] + Beta[c];
        }
    }
}

/// <summary>A DCGAN generator forward pass with seeded random weights and BatchNorms (no training: the point is the layers).</summary>
public sealed class DcganGenerator
{
    private static readonly (int In, int Out, int InputSize)[] Shapes = [(100, 512, 1), (512, 256, 4), (256, 128, 8), (128, 64, 16), (64, 3, 32)];

    /// <summary>Builds the five layers with the kernels of <paramref name="kernelFor"/> (layer index -> kernel).</summary>
    /// <param name="kernelFor">The kernel of each layer.</param>
    /// <param name="fused">True: the kernels carry the activation (their options) and Prepare folds the BatchNorm in.
    /// False: they are plain convolutions, and the BatchNorm and activation run afterwards, each as its own pass.</param>
    /// <param name="seed">The same seed gives the same weights and BatchNorms.</param>
    public DcganGenerator(Func<int, ConvTranspose2d> kernelFor, bool fused, int seed)
    {
        var random = new Random(seed);
        var layers = new List<DcganLayer>();
        for (int i = 0; i < Shapes.Length; i++)
        {
            var (inChannels, outChannels, inputSize) = Shapes[i];
            var kernel = kernelFor(i);
            // Bias-free convolutions, as in DCGAN: the BatchNorm's beta is the bias.
            var weight = RandomNormal(random, inChannels * outChannels * 16, Math.Sqrt(2.0 / (inChannels * 4)));
            bool last = i == Shapes.Length - 1;
            var batchNorm = last ? null : BatchNorm.Random(random, outChannels);
            var (outHeight, outWidth) = kernel.GetOutputSize(inputSize, inputSize);
            int plane = outHeight * outWidth;
            string name = $"{inChannels}->{outChannels}, {inputSize}x{inputSize}";
            if (fused)
            {
                var prepared = batchNorm is null
                    ? kernel.Prepare(weight, [], inChannels, outChannels)
                    : kernel.Prepare(weight, [], inChannels, outChannels, batchNorm.Parameters);
                layers.Add(new DcganLayer(name, prepared, inputSize, _ => { }));
            }
            else
            {
                Action<Span<float>> after = last ? Activations.Tanh : values => { batchNorm!.Apply(values, plane); Activations.Relu(values); };
                layers.Add(new DcganLayer(name, kernel.Prepare(weight, [], inChannels, outChannels), inputSize, after));
            }
        }
        Layers = layers;
    }

    /// <summary>The layers in order.</summary>
    public IReadOnlyList<DcganLayer> Layers { get; }

    /// <summary>The options of layer <paramref name="index"/> without an activation: the plain convolution.</summary>
    public static ConvTranspose2dOptions PlainOptions(int index) => index == 0 ? new ConvTranspose2dOptions(4, 1, 0) : new ConvTranspose2dOptions(4, 2, 1);

    /// <summary>Runs the forward pass on <paramref name="batch"/> codes; returns each layer's output (the last is the images, N x 3 x 64 x 64).</summary>
    public List<float[]> Forward(float[] codes, int batch)
    {
        var outputs = new List<float[]>();
        float[] current = codes;
        foreach (var layer in Layers)
        {
            var output = Run(layer, current, batch);
            outputs.Add(output);
            current = output;
        }
        return outputs;
    }

    /// <summary>One layer: the kernel, then what runs after it, into a new output.</summary>
    public static float[] Run(DcganLayer layer, float[] input, int batch)
    {
        var (height, width) = layer.Prepared.Kernel.GetOutputSize(layer.InputSize, layer.InputSize);
        var output = new float[batch * layer.Prepared.OutChannels * height * width];
        Run(layer, input, batch, output);
        return output;
    }

    /// <summary>One layer into <paramref name="output"/>, which has the layer's output length.</summary>
    public static void Run(DcganLayer layer, float[] input, int batch, float[] output)
    {
        layer.Prepared.Run(input, output, batch, layer.InputSize, layer.InputSize);
        layer.After(output);
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

/// <summary>The activations as separate passes, as one writes them without fusion.</summary>
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
