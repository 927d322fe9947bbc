using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using TConvGen;
using TConvGen.Runtime.Tests.Support;
using TConvGen.Tests.Shared;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>
/// Every algorithm of <see cref="ConvTranspose2dAlgorithm"/> (the enum is enumerated, so new ones are covered) against the
/// reference, over a seeded random sweep of configurations and shapes: asymmetric axes, k &lt; s, k &gt; input, 1x1 inputs,
/// padding beyond the kernel's reach, output padding up to its limit, dilation, groups, depthwise, batches, with and
/// without bias; plain <c>Run</c> and <c>Prepare</c> + prepared <c>Run</c>; one thread and several; SIMD (every width the machine runs) and portable code.
/// </summary>
public sealed class RandomSweepTests
{
    private const int Batches = 12;
    private const int CasesPerBatch = 100;

    public static IEnumerable<object[]> BatchIndices => Enumerable.Range(0, Batches).Select(i => new object[] { i });

    [Theory]
    [MemberData(nameof(BatchIndices))]
    public void EveryAlgorithmMatchesTheReference(int batch)
    {
        var random = new Random(20261125 + batch);
        var failures = new StringBuilder();
        int failed = 0;
        for (int i = 0; i < CasesPerBatch; i++)
        {
            var testCase = SweepCase.Draw(random, large: i % 10 == 9);
            foreach (string failure in Check(testCase))
            {
                if (failed++ < 20)
                    failures.AppendLine(failure);
            }
        }
        Assert.True(failed == 0, $"{failed} mismatches; first ones:\n{failures}");
    }

    [Fact]
    public void TheSweepCoversTheCasesItPromises()
    {
        var cases = Enumerable.Range(0, Batches)
            .SelectMany(b => { var r = new Random(20261125 + b); return Enumerable.Range(0, CasesPerBatch).Select(i => SweepCase.Draw(r, i % 10 == 9)); })
            .ToList();
        var o = cases.Select(c => c.Options).ToList();
        Assert.True(cases.Count >= 1000);
        Assert.Contains(cases, c => c.Options.KernelHeight != c.Options.KernelWidth || c.Options.StrideHeight != c.Options.StrideWidth);
        Assert.Contains(o, x => x.KernelWidth < x.StrideWidth);
        Assert.Contains(cases, c => c.Options.KernelWidth > c.Shape.Width);
        Assert.Contains(cases, c => c.Shape.Height == 1 && c.Shape.Width == 1);
        Assert.Contains(o, x => x.PaddingWidth > x.DilationWidth * (x.KernelWidth - 1));
        Assert.Contains(o, x => x.OutputPaddingWidth == Math.Max(x.StrideWidth, x.DilationWidth) - 1 && x.OutputPaddingWidth > 0);
        Assert.Contains(o, x => x.DilationHeight > 1);
        Assert.Contains(cases, c => c.Options.Groups > 1 && c.Options.Groups < c.Shape.InChannels);
        Assert.Contains(cases, c => c.Options.Groups > 1 && c.Options.Groups == c.Shape.InChannels && c.Options.Groups == c.Shape.OutChannels);
        Assert.Contains(cases, c => c.Shape.Batch > 1);
        Assert.Contains(cases, c => c.HasBias);
        Assert.Contains(cases, c => !c.HasBias);
        Assert.True(cases.Count(c => c.SplitsOverThreads) >= 100);
        Assert.True(o.Count(OneTapPrepared.Supports) >= 10);
        Assert.Contains(o, x => OneTapPrepared.Supports(x) && (x.PaddingWidth > 0 || x.OutputPaddingWidth > 0));
    }

    private static IEnumerable<string> Check(SweepCase c)
    {
        var expected = new float[c.Problem.OutputLength];
        ConvTranspose2d.Create(c.Options, ConvTranspose2dAlgorithm.Reference).Run(c.Input, c.Weight, c.Bias, expected, c.Shape, 1);
        float scale = Math.Max(1f, expected.Select(Math.Abs).DefaultIfEmpty(0f).Max());
        foreach (var kernel in KernelVariants.For(c.Options))
        {
            {
                int length = expected.Length;
                var buffer = OutputAssert.GuardedBuffer(length);
                kernel.Run(c.Input, c.Weight, c.Bias, buffer.AsSpan(0, length), c.Shape, 1);
                if (Compare(expected, buffer, scale) is string plain)
                    yield return $"{kernel.Algorithm} Run 1 thread: {plain} for {c}";

                var prepared = kernel.Prepare(c.Weight, c.Bias, c.Shape.InChannels, c.Shape.OutChannels);
                buffer = OutputAssert.GuardedBuffer(length);
                prepared.Run(c.Input, buffer.AsSpan(0, length), c.Shape.Batch, c.Shape.Height, c.Shape.Width, c.Threads);
                if (Compare(expected, buffer, scale) is string viaPrepared)
                    yield return $"{kernel.Algorithm} prepared Run {c.Threads} threads: {viaPrepared} for {c}";
            }
        }
    }

    /// <summary>The worst element of the output part of a guarded buffer beyond tolerance, or a store past the output; null when neither.</summary>
    private static string? Compare(float[] expected, float[] actual, float scale)
    {
        int touched = OutputAssert.GuardTouchedAt(actual, expected.Length);
        if (touched >= 0)
            return $"wrote past the output, at index {touched} of {expected.Length}";
        int worst = -1;
        double worstError = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs((double)expected[i] - actual[i]);
            if (double.IsNaN(error) || error > worstError)
            {
                worst = i;
                worstError = double.IsNaN(error) ? double.PositiveInfinity : error;
            }
        }
        return worst >= 0 && worstError > 1e-5 * scale ? $"[{worst}] expected {expected[worst]} got {actual[worst]} (scale {scale})" : null;
    }

    /// <summary>One random configuration and shape, with its data.</summary>
    private sealed record SweepCase(ConvTranspose2dOptions Options, ConvTranspose2dShape Shape, ConvTranspose2dProblem Problem, bool HasBias,
        float[] Input, float[] Weight, float[] Bias, int Threads)
    {
        public static SweepCase Draw(Random random, bool large)
        {
            while (true)
            {
                bool square = random.Next(3) == 0;
                int kH = Kernel(random), kW = square ? kH : Kernel(random);
                int sH = Stride(random), sW = square ? sH : Stride(random);
                int dH = random.Next(5) == 0 ? random.Next(2, 4) : 1, dW = square ? dH : random.Next(5) == 0 ? random.Next(2, 4) : 1;
                int pH = Padding(random, kH, dH), pW = square ? pH : Padding(random, kW, dW);
                int opH = OutputPadding(random, sH, dH), opW = OutputPadding(random, sW, dW);

                int groups = 1, inPerGroup, outPerGroup;
                switch (random.Next(6))
                {
                    case 0: groups = random.Next(2, 5); inPerGroup = random.Next(1, 4); outPerGroup = random.Next(1, 4); break;
                    case 1: groups = random.Next(2, large ? 24 : 8); inPerGroup = 1; outPerGroup = 1; break; // depthwise
                    default: inPerGroup = Channels(random, large); outPerGroup = Channels(random, large); break;
                }
                int batch = random.Next(4) == 0 ? random.Next(2, 4) : 1;
                int h = Size(random, large), w = Size(random, large);
                var options = new ConvTranspose2dOptions(1)
                {
                    KernelHeight = kH, KernelWidth = kW, StrideHeight = sH, StrideWidth = sW, PaddingHeight = pH, PaddingWidth = pW,
                    OutputPaddingHeight = opH, OutputPaddingWidth = opW, DilationHeight = dH, DilationWidth = dW, Groups = groups,
                };
                var shape = new ConvTranspose2dShape(batch, inPerGroup * groups, outPerGroup * groups, h, w);
                if (options.HeightAxis.OutputLength(h) < 1 || options.WidthAxis.OutputLength(w) < 1)
                    continue;
                var problem = ConvTranspose2dProblem.Create(options, shape);
                if (large && !Splits(problem))
                    continue;
                if (problem.MultiplyAdds > 4_000_000)
                    continue;
                bool hasBias = random.Next(2) == 0;
                return new SweepCase(options, shape, problem, hasBias, RandomData.Uniform(random, problem.InputLength), RandomData.Uniform(random, problem.WeightLength),
                    hasBias ? RandomData.Uniform(random, shape.OutChannels) : [], random.Next(2, 5));
            }
        }

        /// <summary>Whether a run with several threads is cut into several tiles (so the parallel path runs).</summary>
        public bool SplitsOverThreads => Splits(Problem);

        private static bool Splits(ConvTranspose2dProblem problem) => TilePartitioner.Partition(problem, 2, 4, 1).Length > 1;

        public override string ToString() =>
            $"{Options} shape (N={Shape.Batch}, Cin={Shape.InChannels}, Cout={Shape.OutChannels}, H={Shape.Height}, W={Shape.Width}), bias={HasBias}";

        private static int Kernel(Random r) => r.Next(10) switch { 0 => r.Next(6, 10), < 4 => r.Next(1, 3), _ => r.Next(3, 6) };

        private static int Stride(Random r) => r.Next(10) switch { < 3 => 1, < 7 => 2, < 9 => 3, _ => r.Next(4, 7) };

        // Usually within the kernel's reach, sometimes beyond it (the output still has to be >= 1).
        private static int Padding(Random r, int k, int d) => r.Next(6) == 0 ? r.Next(0, d * (k - 1) + 4) : r.Next(0, (d * (k - 1)) / 2 + 1);

        // Often at its limit max(s, d) - 1.
        private static int OutputPadding(Random r, int s, int d)
        {
            int limit = Math.Max(s, d) - 1;
            return r.Next(3) switch { 0 => 0, 1 => limit, _ => r.Next(0, limit + 1) };
        }

        private static int Channels(Random r, bool large) => large ? r.Next(4, 40) : r.Next(5) == 0 ? r.Next(5, 13) : r.Next(1, 5);

        private static int Size(Random r, bool large) => r.Next(8) switch
        {
            0 => 1,
            1 => r.Next(20, large ? 70 : 45),
            _ => r.Next(1, large ? 30 : 12),
        };
    }
}
