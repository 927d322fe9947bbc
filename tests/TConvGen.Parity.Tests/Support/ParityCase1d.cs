using System;

namespace TConvGen.Parity.Tests.Support;

/// <summary>One 1-D problem for the parity tests: configuration, shape and data (uniform in [-1, 1)).</summary>
public sealed record ParityCase1d(string Name, ConvTranspose1dOptions Options, ConvTranspose1dShape Shape, float[] Input, float[] Weight, float[] Bias)
{
    /// <summary>Random data for a configuration and shape.</summary>
    public static ParityCase1d Create(string name, ConvTranspose1dOptions options, ConvTranspose1dShape shape, int seed, bool withBias = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(seed);
        return new ParityCase1d(name, options, shape,
            Data(random, shape.Batch * shape.InChannels * shape.Length),
            Data(random, shape.InChannels * (shape.OutChannels / options.Groups) * options.Kernel),
            withBias ? Data(random, shape.OutChannels) : []);
    }

    /// <summary>A random valid configuration from <paramref name="seed"/>: kernel 1-20, stride 1-10, dilation 1-3, padding,
    /// output padding up to max(stride, dilation) - 1, groups 1-4, batch 1-2, lengths 1-40, and an activation one time in two.</summary>
    public static ParityCase1d Random(int seed)
    {
        var random = new Random(seed);
        while (true)
        {
            int groups = random.Next(1, 5), kernel = random.Next(1, 21), stride = random.Next(1, 11), dilation = random.Next(1, 4);
            var activation = random.Next(2) == 0 ? ConvTransposeActivation.None : (ConvTransposeActivation)random.Next(1, 7);
            var options = new ConvTranspose1dOptions(kernel, stride, random.Next(0, dilation * (kernel - 1) / 2 + 2))
            {
                Dilation = dilation, Groups = groups, OutputPadding = random.Next(0, Math.Max(stride, dilation)), Activation = activation,
            };
            var shape = new ConvTranspose1dShape(random.Next(1, 3), groups * random.Next(1, 4), groups * random.Next(1, 4), random.Next(1, 41));
            if ((shape.Length - 1) * stride - 2 * options.Padding + dilation * (kernel - 1) + options.OutputPadding + 1 < 1)
                continue;
            return Create($"random 1-D #{seed}", options, shape, seed + 2_000_000, withBias: random.Next(2) == 0);
        }
    }

    /// <summary>TConvGen's output with <paramref name="algorithm"/>, through Run and through Prepare, and its shape.</summary>
    public (float[] Run, float[] Prepared, long[] Shape) RunTConvGen(ConvTranspose2dAlgorithm algorithm)
    {
        var kernel = ConvTranspose1d.Create(Options, algorithm);
        int length = kernel.GetOutputLength(Shape.Length);
        var run = new float[Shape.Batch * Shape.OutChannels * length];
        kernel.Run(Input, Weight, Bias, run, Shape);
        var prepared = new float[run.Length];
        kernel.Prepare(Weight, Bias, Shape.InChannels, Shape.OutChannels).Run(Input, prepared, Shape.Batch, Shape.Length);
        return (run, prepared, [Shape.Batch, Shape.OutChannels, length]);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Options} on {Shape}";

    private static float[] Data(Random random, int length)
    {
        var data = new float[length];
        for (int i = 0; i < length; i++)
            data[i] = (float)(random.NextDouble() * 2 - 1);
        return data;
    }
}
