using System;

namespace TConvGen.Parity.Tests.Support;

/// <summary>One problem for the parity tests: configuration, shape and data (uniform in [-1, 1)).</summary>
public sealed record ParityCase(string Name, ConvTranspose2dOptions Options, ConvTranspose2dShape Shape, float[] Input, float[] Weight, float[] Bias)
{
    /// <summary>Random data for a configuration and shape.</summary>
    public static ParityCase Create(string name, ConvTranspose2dOptions options, ConvTranspose2dShape shape, int seed, bool withBias = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(seed);
        int weightLength = shape.InChannels * (shape.OutChannels / options.Groups) * options.KernelHeight * options.KernelWidth;
        return new ParityCase(name, options, shape,
            Data(random, shape.Batch * shape.InChannels * shape.Height * shape.Width),
            Data(random, weightLength),
            withBias ? Data(random, shape.OutChannels) : []);
    }

    /// <summary>A random valid configuration from <paramref name="seed"/>: kernel 1-7, stride 1-4, dilation 1-3, padding,
    /// output padding up to max(stride, dilation) - 1, groups 1-4, batch 1-2, inputs 1x1 to 9x9, each axis drawn on its own.</summary>
    public static ParityCase Random(int seed)
    {
        var random = new Random(seed);
        while (true)
        {
            int groups = random.Next(1, 5);
            int kh = random.Next(1, 8), kw = random.Next(1, 8), sh = random.Next(1, 5), sw = random.Next(1, 5), dh = random.Next(1, 4), dw = random.Next(1, 4);
            var options = new ConvTranspose2dOptions(1)
            {
                KernelHeight = kh, KernelWidth = kw, StrideHeight = sh, StrideWidth = sw, DilationHeight = dh, DilationWidth = dw, Groups = groups,
                PaddingHeight = random.Next(0, dh * (kh - 1) / 2 + 2),
                PaddingWidth = random.Next(0, dw * (kw - 1) / 2 + 2),
                OutputPaddingHeight = random.Next(0, Math.Max(sh, dh)),
                OutputPaddingWidth = random.Next(0, Math.Max(sw, dw)),
            };
            var shape = new ConvTranspose2dShape(random.Next(1, 3), groups * random.Next(1, 4), groups * random.Next(1, 4), random.Next(1, 10), random.Next(1, 10));
            if (OutputLength(options.KernelHeight, options.StrideHeight, options.PaddingHeight, options.DilationHeight, options.OutputPaddingHeight, shape.Height) < 1
                || OutputLength(options.KernelWidth, options.StrideWidth, options.PaddingWidth, options.DilationWidth, options.OutputPaddingWidth, shape.Width) < 1)
                continue;
            return Create($"random #{seed}", options, shape, seed + 1_000_000, withBias: random.Next(2) == 0);
        }
    }

    /// <summary>The output size from the formula.</summary>
    public static int OutputLength(int k, int s, int p, int d, int op, int input) => (input - 1) * s - 2 * p + d * (k - 1) + op + 1;

    /// <summary>TConvGen's output with <paramref name="algorithm"/>, through Run and through Prepare, and its shape.</summary>
    public (float[] Run, float[] Prepared, long[] Shape) RunTConvGen(ConvTranspose2dAlgorithm algorithm)
    {
        var kernel = ConvTranspose2d.Create(Options, algorithm);
        var (height, width) = kernel.GetOutputSize(Shape.Height, Shape.Width);
        var run = new float[Shape.Batch * Shape.OutChannels * height * width];
        kernel.Run(Input, Weight, Bias, run, Shape);
        var prepared = new float[run.Length];
        kernel.Prepare(Weight, Bias, Shape.InChannels, Shape.OutChannels).Run(Input, prepared, Shape.Batch, Shape.Height, Shape.Width);
        return (run, prepared, [Shape.Batch, Shape.OutChannels, height, width]);
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
