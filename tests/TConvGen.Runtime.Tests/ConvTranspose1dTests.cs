using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using TConvGen.CompilerServices;
using TConvGen.Runtime.Tests.Support;
using TConvGen.Tests.Shared;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>
/// <see cref="ConvTranspose1d"/> against <see cref="ConvTranspose1dDefinition"/> (double, from the definition): a seeded
/// random sweep over kernel, stride, padding, output padding, dilation, groups, activation, bias and batch with every
/// algorithm at every SIMD width the machine runs, HiFi-GAN V1's upsampling layers and an inverse-STFT overlap-add.
/// </summary>
public sealed class ConvTranspose1dTests
{
    private const int Batches = 4;
    private const int CasesPerBatch = 40;

    public static IEnumerable<object[]> BatchIndices => Enumerable.Range(0, Batches).Select(i => new object[] { i });

    [Theory]
    [MemberData(nameof(BatchIndices))]
    public void EveryAlgorithmAtEveryWidthMatchesTheDefinition(int batch)
    {
        var random = new Random(20261202 + batch);
        var failures = new StringBuilder();
        int failed = 0;
        for (int i = 0; i < CasesPerBatch; i++)
        {
            var c = Case1d.Draw(random);
            var expected = ConvTranspose1dDefinition.Run(c.Options, c.Shape, c.Input, c.Weight, c.Bias);
            foreach (var kernel in Kernels(c.Options))
            {
                foreach (string failure in Check(kernel, c, expected, threads: 1 + i % 3))
                {
                    if (failed++ < 20)
                        failures.AppendLine(failure);
                }
            }
        }
        Assert.True(failed == 0, $"{failed} mismatches; first ones:\n{failures}");
    }

    [Fact]
    public void TheSweepCoversTheCasesItPromises()
    {
        var cases = Enumerable.Range(0, Batches)
            .SelectMany(b => { var r = new Random(20261202 + b); return Enumerable.Range(0, CasesPerBatch).Select(_ => Case1d.Draw(r)); })
            .ToList();
        var o = cases.Select(c => c.Options).ToList();
        Assert.Contains(o, x => x.Kernel < x.Stride);
        Assert.Contains(cases, c => c.Options.Kernel > c.Shape.Length);
        Assert.Contains(cases, c => c.Shape.Length == 1);
        Assert.Contains(o, x => x.OutputPadding == Math.Max(x.Stride, x.Dilation) - 1 && x.OutputPadding > 0);
        Assert.Contains(o, x => x.Dilation > 1);
        Assert.Contains(o, x => x.Padding > 0);
        Assert.Contains(o, x => x.Groups > 1);
        Assert.Contains(cases, c => c.Options.Groups > 1 && c.Options.Groups == c.Shape.InChannels && c.Options.Groups == c.Shape.OutChannels);
        Assert.Contains(cases, c => c.Shape.Batch > 1);
        Assert.Contains(cases, c => c.Shape.Batch == 0);
        Assert.Contains(cases, c => c.Bias.Length == 0);
        Assert.Contains(cases, c => c.Bias.Length > 0);
        foreach (var activation in Enum.GetValues<ConvTransposeActivation>())
            Assert.Contains(o, x => x.Activation == activation);
    }

    /// <summary>HiFi-GAN V1's four upsampling layers at batch 1, with the dynamic kernel.</summary>
    [Theory]
    [InlineData(512, 256, 86, 16, 8, 4)]
    [InlineData(256, 128, 688, 16, 8, 4)]
    [InlineData(128, 64, 5504, 4, 2, 1)]
    [InlineData(64, 32, 11008, 4, 2, 1)]
    public void HiFiGanLayersMatchTheDefinition(int inChannels, int outChannels, int length, int kernel, int stride, int padding)
    {
        var options = new ConvTranspose1dOptions(kernel, stride, padding);
        var c = Case1d.Filled(options, new ConvTranspose1dShape(1, inChannels, outChannels, length), new Random(length), withBias: true);
        var expected = ConvTranspose1dDefinition.Run(c.Options, c.Shape, c.Input, c.Weight, c.Bias);
        var conv = ConvTranspose1d.Create(options);
        Assert.Equal(length * stride, conv.GetOutputLength(length));
        var failures = Check(conv, c, expected, threads: -1).ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>The same layers with every algorithm (an eighth of the channels, so that the slow ones stay quick), each
    /// followed by an activation.</summary>
    [Theory]
    [InlineData(512, 256, 86, 16, 8, 4, ConvTransposeActivation.LeakyRelu)]
    [InlineData(256, 128, 688, 16, 8, 4, ConvTransposeActivation.Tanh)]
    [InlineData(128, 64, 5504, 4, 2, 1, ConvTransposeActivation.Silu)]
    [InlineData(64, 32, 11008, 4, 2, 1, ConvTransposeActivation.None)]
    public void HiFiGanLayersMatchTheDefinitionWithEveryAlgorithm(int inChannels, int outChannels, int length, int kernel, int stride, int padding,
        ConvTransposeActivation activation)
    {
        var options = new ConvTranspose1dOptions(kernel, stride, padding) { Activation = activation, ActivationSlope = 0.1f };
        var c = Case1d.Filled(options, new ConvTranspose1dShape(1, inChannels / 8, outChannels / 8, length), new Random(length + 1), withBias: true);
        var expected = ConvTranspose1dDefinition.Run(c.Options, c.Shape, c.Input, c.Weight, c.Bias);
        var failures = Enum.GetValues<ConvTranspose2dAlgorithm>()
            .SelectMany(algorithm => Check(ConvTranspose1d.Create(options, algorithm), c, expected, threads: 2)).ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>The inverse STFT as an overlap-add: (re, im) of n_fft/2 + 1 bins per frame -> one signal, kernel n_fft,
    /// hop 128, with the padding that trims the centred frames (0 to n_fft/2).</summary>
    [Theory]
    [InlineData(514, 512, 128, 0)]
    [InlineData(514, 512, 128, 128)]
    [InlineData(514, 512, 128, 256)]
    [InlineData(258, 256, 64, 100)]
    public void InverseStftOverlapAddMatchesTheDefinition(int bins, int fft, int hop, int padding)
    {
        var options = new ConvTranspose1dOptions(fft, hop, padding);
        var c = Case1d.Filled(options, new ConvTranspose1dShape(2, bins, 1, 24), new Random(bins + padding), withBias: false);
        var expected = ConvTranspose1dDefinition.Run(c.Options, c.Shape, c.Input, c.Weight, c.Bias);
        var failures = Enum.GetValues<ConvTranspose2dAlgorithm>()
            .SelectMany(algorithm => Check(ConvTranspose1d.Create(options, algorithm), c, expected, threads: 2)).ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>The 1-D kernel is the 2-D kernel on inputs of height 1: the same algorithm and bit for bit the same output.</summary>
    [Theory]
    [MemberData(nameof(AllAlgorithms.Data), MemberType = typeof(AllAlgorithms))]
    public void RunsThePlanarKernelBitForBit(ConvTranspose2dAlgorithm algorithm)
    {
        var options = new ConvTranspose1dOptions(5, 3, 2) { OutputPadding = 1, Dilation = 2, Groups = 2, Activation = ConvTransposeActivation.Sigmoid };
        var c = Case1d.Filled(options, new ConvTranspose1dShape(2, 6, 4, 33), new Random(5), withBias: true);
        var conv = ConvTranspose1d.Create(options, algorithm);
        var planar = ConvTranspose2d.Create(options.ToPlanar(), algorithm);
        int outputLength = conv.GetOutputLength(33);
        Assert.Equal((1, outputLength), planar.GetOutputSize(1, 33));
        Assert.Equal(planar.Algorithm, conv.Algorithm);

        var oneD = new float[2 * 4 * outputLength];
        var twoD = new float[oneD.Length];
        conv.Run(c.Input, c.Weight, c.Bias, oneD, c.Shape, 1);
        planar.Run(c.Input, c.Weight, c.Bias, twoD, new ConvTranspose2dShape(2, 6, 4, 1, 33), 1);
        Assert.Equal(twoD, oneD);
    }

    [Fact]
    public void PreparedKernelKeepsWhatItWasPreparedFor()
    {
        var options = new ConvTranspose1dOptions(4, 2, 1) { Groups = 2 };
        var conv = ConvTranspose1d.Create(options);
        var prepared = conv.Prepare(new float[6 * 2 * 4], new float[4], 6, 4);
        Assert.Same(conv, prepared.Kernel);
        Assert.Same(options, prepared.Options);
        Assert.Equal(6, prepared.InChannels);
        Assert.Equal(4, prepared.OutChannels);
    }

    [Fact]
    public void ABatchOfZeroWritesNothing()
    {
        var conv = ConvTranspose1d.Create(new ConvTranspose1dOptions(4, 2, 1));
        conv.Run([], new float[2 * 3 * 4], [], [], new ConvTranspose1dShape(0, 2, 3, 10));
        conv.Prepare(new float[2 * 3 * 4], [], 2, 3).Run([], [], 0, 10);
    }

    /// <summary>The dynamic kernel at every algorithm, and every variant the 2-D tests run (each width, portable code)
    /// wrapped as a generated kernel would be.</summary>
    private static IEnumerable<ConvTranspose1d> Kernels(ConvTranspose1dOptions options)
    {
        foreach (var algorithm in Enum.GetValues<ConvTranspose2dAlgorithm>())
            yield return ConvTranspose1d.Create(options, algorithm);
        foreach (var planar in KernelVariants.For(options.ToPlanar()))
            yield return GeneratedConvTranspose1d.Create(options, planar);
    }

    /// <summary>Run and Prepare + Run into guarded buffers; the failures (beyond tolerance or past the output).</summary>
    private static IEnumerable<string> Check(ConvTranspose1d kernel, Case1d c, float[] expected, int threads)
    {
        var buffer = OutputAssert.GuardedBuffer(expected.Length);
        kernel.Run(c.Input, c.Weight, c.Bias, buffer.AsSpan(0, expected.Length), c.Shape, threads);
        if (Compare(expected, buffer) is string plain)
            yield return $"{kernel.Algorithm} Run: {plain} for {c}";

        var prepared = kernel.Prepare(c.Weight, c.Bias, c.Shape.InChannels, c.Shape.OutChannels);
        buffer = OutputAssert.GuardedBuffer(expected.Length);
        prepared.Run(c.Input, buffer.AsSpan(0, expected.Length), c.Shape.Batch, c.Shape.Length, threads);
        if (Compare(expected, buffer) is string viaPrepared)
            yield return $"{kernel.Algorithm} prepared Run: {viaPrepared} for {c}";
    }

    private static string? Compare(float[] expected, float[] buffer)
    {
        int touched = OutputAssert.GuardTouchedAt(buffer, expected.Length);
        if (touched >= 0)
            return $"wrote past the output, at index {touched} of {expected.Length}";
        var difference = OutputDifference.Between(expected, buffer.AsSpan(0, expected.Length));
        return difference.IsClose ? null : difference.Describe("expected");
    }

    /// <summary>One 1-D configuration and shape with its data.</summary>
    internal sealed record Case1d(ConvTranspose1dOptions Options, ConvTranspose1dShape Shape, float[] Input, float[] Weight, float[] Bias)
    {
        public static Case1d Draw(Random random)
        {
            while (true)
            {
                int k = random.Next(10) switch { 0 => random.Next(8, 20), < 4 => random.Next(1, 3), _ => random.Next(3, 8) };
                int s = random.Next(10) switch { < 3 => 1, < 7 => 2, < 9 => random.Next(3, 5), _ => random.Next(5, 10) };
                int d = random.Next(5) == 0 ? random.Next(2, 4) : 1;
                int p = random.Next(6) == 0 ? random.Next(0, d * (k - 1) + 4) : random.Next(0, d * (k - 1) / 2 + 1);
                int limit = Math.Max(s, d) - 1;
                int op = random.Next(3) switch { 0 => 0, 1 => limit, _ => random.Next(0, limit + 1) };
                int groups = 1, inPerGroup, outPerGroup;
                switch (random.Next(5))
                {
                    case 0: groups = random.Next(2, 5); inPerGroup = random.Next(1, 4); outPerGroup = random.Next(1, 4); break;
                    case 1: groups = random.Next(2, 9); inPerGroup = outPerGroup = 1; break; // depthwise
                    default: inPerGroup = random.Next(1, 12); outPerGroup = random.Next(1, 12); break;
                }
                var activation = (ConvTransposeActivation)random.Next(Enum.GetValues<ConvTransposeActivation>().Length);
                var options = new ConvTranspose1dOptions(k, s, p)
                {
                    OutputPadding = op, Dilation = d, Groups = groups, Activation = activation,
                    ActivationSlope = (float)(random.NextDouble() - 0.5),
                };
                int length = random.Next(8) switch { 0 => 1, 1 => random.Next(30, 90), _ => random.Next(1, 24) };
                int batch = random.Next(12) switch { 0 => 0, < 4 => random.Next(2, 4), _ => 1 };
                if (ConvTranspose1dDefinition.OutputLength(options, length) < 1)
                    continue;
                return Filled(options, new ConvTranspose1dShape(batch, inPerGroup * groups, outPerGroup * groups, length), random, random.Next(2) == 0);
            }
        }

        public static Case1d Filled(ConvTranspose1dOptions options, ConvTranspose1dShape shape, Random random, bool withBias) =>
            new(options, shape,
                RandomData.Uniform(random, shape.Batch * shape.InChannels * shape.Length),
                RandomData.Uniform(random, shape.InChannels * (shape.OutChannels / options.Groups) * options.Kernel),
                withBias ? RandomData.Uniform(random, shape.OutChannels) : []);

        public override string ToString() =>
            $"{Options} shape (N={Shape.Batch}, Cin={Shape.InChannels}, Cout={Shape.OutChannels}, L={Shape.Length}), bias={Bias.Length > 0}";
    }
}
