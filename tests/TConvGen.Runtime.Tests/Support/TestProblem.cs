using System;

namespace TConvGen.Runtime.Tests.Support;

/// <summary>A small, valid problem with its data; <see cref="Random"/> draws one from a seeded generator.</summary>
public sealed record TestProblem(ConvTranspose2dOptions Options, ConvTranspose2dShape Shape, float[] Input, float[] Weight, float[] Bias)
{
    /// <summary>Hout (from the formula of the design, computed here, not by the runtime).</summary>
    public int OutputHeight => (Shape.Height - 1) * Options.StrideHeight - 2 * Options.PaddingHeight
        + Options.DilationHeight * (Options.KernelHeight - 1) + Options.OutputPaddingHeight + 1;

    /// <summary>Wout.</summary>
    public int OutputWidth => (Shape.Width - 1) * Options.StrideWidth - 2 * Options.PaddingWidth
        + Options.DilationWidth * (Options.KernelWidth - 1) + Options.OutputPaddingWidth + 1;

    /// <summary>N * Cout * Hout * Wout.</summary>
    public int OutputLength => Shape.Batch * Shape.OutChannels * OutputHeight * OutputWidth;

    /// <summary>A random valid configuration: asymmetric kernel, stride, padding, dilation, output padding, groups and batch.</summary>
    /// <param name="random">The seeded source.</param>
    /// <param name="integers">Data are small integers (then every sum is exact in float32) instead of uniform in [-1, 1).</param>
    /// <param name="withBias">Whether to draw a bias (otherwise it is empty).</param>
    public static TestProblem Random(Random random, bool integers = false, bool withBias = true)
    {
        ArgumentNullException.ThrowIfNull(random);
        while (true)
        {
            int groups = random.Next(1, 4);
            var options = new ConvTranspose2dOptions(1)
            {
                KernelHeight = random.Next(1, 6),
                KernelWidth = random.Next(1, 6),
                StrideHeight = random.Next(1, 5),
                StrideWidth = random.Next(1, 5),
                DilationHeight = random.Next(1, 4),
                DilationWidth = random.Next(1, 4),
                Groups = groups,
            };
            options = options with
            {
                PaddingHeight = random.Next(0, options.DilationHeight * (options.KernelHeight - 1) / 2 + 2),
                PaddingWidth = random.Next(0, options.DilationWidth * (options.KernelWidth - 1) / 2 + 2),
                OutputPaddingHeight = random.Next(0, Math.Max(options.StrideHeight, options.DilationHeight)),
                OutputPaddingWidth = random.Next(0, Math.Max(options.StrideWidth, options.DilationWidth)),
            };
            var shape = new ConvTranspose2dShape(random.Next(1, 3), groups * random.Next(1, 4), groups * random.Next(1, 4), random.Next(1, 7), random.Next(1, 7));
            var problem = Filled(options, shape, random, integers, withBias);
            if (problem.OutputHeight >= 1 && problem.OutputWidth >= 1)
                return problem;
        }
    }

    /// <summary>The given configuration and shape with random data.</summary>
    public static TestProblem Filled(ConvTranspose2dOptions options, ConvTranspose2dShape shape, Random random, bool integers = false, bool withBias = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        int weightLength = shape.InChannels * (shape.OutChannels / options.Groups) * options.KernelHeight * options.KernelWidth;
        return new TestProblem(options, shape,
            Data(random, shape.Batch * shape.InChannels * shape.Height * shape.Width, integers),
            Data(random, weightLength, integers),
            withBias ? Data(random, shape.OutChannels, integers) : []);
    }

    /// <summary>Runs the problem with <paramref name="algorithm"/> and returns a fresh output.</summary>
    public float[] Run(ConvTranspose2dAlgorithm algorithm, int maxDegreeOfParallelism = -1)
    {
        var output = new float[OutputLength];
        ConvTranspose2d.Create(Options, algorithm).Run(Input, Weight, Bias, output, Shape, maxDegreeOfParallelism);
        return output;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Options} on {Shape}";

    private static float[] Data(Random random, int length, bool integers)
    {
        var data = new float[length];
        for (int i = 0; i < length; i++)
            data[i] = integers ? random.Next(-3, 4) : (float)(random.NextDouble() * 2 - 1);
        return data;
    }
}
