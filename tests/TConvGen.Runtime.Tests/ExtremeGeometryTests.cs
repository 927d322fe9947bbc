using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using TConvGen;
using TConvGen.Runtime.Tests.Support;
using TConvGen.Tests.Shared;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>
/// Legal configurations with extreme strides, dilations, paddings and kernels (PyTorch accepts them all, each with a small
/// output) run right in memory bounded by their input, output and weights: every algorithm, <c>Run</c> and <c>Prepare</c> +
/// <c>Run</c>, on one thread, allocating at most <see cref="AllocationAssert.DefaultLimit"/>, checked against the Reference
/// (or, where even the Reference takes seconds, an exact closed form). The phase kernels hand the geometries they cannot
/// hold in bounded memory to the exact path (<see cref="ExactPath.IsBounded"/>).
/// </summary>
public sealed class ExtremeGeometryTests
{
    private const int Big = 1 << 20;

    /// <summary>One case: its configuration and shape; whether it is too heavy for the portable code (kernels of tens of
    /// thousands of taps, where the scalar loops take seconds); and, for the heaviest, the only algorithms run and an exact
    /// closed form in place of the Reference.</summary>
    private sealed record Case(ConvTranspose2dOptions Options, ConvTranspose2dShape Shape, bool VectorsOnly = false,
        ConvTranspose2dAlgorithm[]? Only = null, Func<float[], float[], float[]>? ClosedForm = null);

    private static ConvTranspose2dOptions Strided(int stride) => new(3, stride, 0);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // The issue's table: a 1x1 input, kernel 3, huge strides (the output is 3x3 whatever the stride).
        ["1x1 k3 stride 2^20"] = new(Strided(Big), new(1, 1, 1, 1, 1)),
        ["1x1 k3 stride 2^24"] = new(Strided(1 << 24), new(1, 1, 1, 1, 1)),
        ["1x1 k3 stride 2^26"] = new(Strided(1 << 26), new(1, 1, 1, 1, 1)),
        ["1x1 k3 stride 2^30"] = new(Strided(1 << 30), new(1, 1, 1, 1, 1)),
        ["1x1 k3 stride int.MaxValue"] = new(Strided(int.MaxValue), new(1, 1, 1, 1, 1)),
        ["1x1 k3 stride 10000"] = new(Strided(10000), new(1, 1, 1, 1, 1)),
        ["1x1 k3 stride 46341"] = new(Strided(46341), new(1, 1, 1, 1, 1)),
        ["1x1 k3 stride 65536"] = new(Strided(65536), new(1, 1, 1, 1, 1)),
        ["1x1 k3 stride 2^20 output padding 4, 3->5"] = new(Strided(Big) with { OutputPadding = 4 }, new(2, 3, 5, 1, 1)),
        ["1x1 k3 stride 2^24, 512->512 (threads)"] = new(Strided(1 << 24), new(1, 512, 512, 1, 1)),
        ["stride 2^20 x 3, 1x5"] = new(new(3, 1, 0) { StrideHeight = Big, StrideWidth = 3 }, new(1, 2, 2, 1, 5)),
        // The issue's table: kernel 1x2, dilation 2^30, padding 2^29: every tap lands outside the output, which is the bias.
        ["k1x2 dilation 2^30 padding 2^29, 4x8"] = new(new(1) { KernelWidth = 2, DilationWidth = 1 << 30, PaddingWidth = 1 << 29 }, new(1, 1, 1, 4, 8)),
        ["k1x2 dilation 2^30 padding 2^29, 3->2 4x8"] = new(new(1) { KernelWidth = 2, DilationWidth = 1 << 30, PaddingWidth = 1 << 29 }, new(2, 3, 2, 4, 8)),
        // Stride and dilation 2^20 (and 2^30, where i*s + k*d passes the int range) with padding so that two taps meet.
        ["k2 stride = dilation = 2^20 padding 2^20-1, 2->3 2x2"] = new(new(2, Big, Big - 1) { Dilation = Big }, new(1, 2, 3, 2, 2)),
        ["k2 stride = dilation = 2^30 padding 2^30-1, groups 2 4->6 2x2"] =
            new(new(2, 1 << 30, (1 << 30) - 1) { Dilation = 1 << 30, Groups = 2 }, new(1, 4, 6, 2, 2)),
        ["k3 dilation 2^20 padding 2^20, 3->3 3x3"] = new(new(3, 1, Big) { Dilation = Big }, new(1, 3, 3, 3, 3)),
        ["k3 stride 2 dilation 5000 padding 5000, 2->2 6x6"] = new(new(3, 2, 5000) { Dilation = 5000 }, new(1, 2, 2, 6, 6)),
        // Kernels of tens of thousands at stride 1.
        ["k1x20000 on 1x100"] = new(new(1) { KernelWidth = 20000 }, new(1, 1, 1, 1, 100), VectorsOnly: true),
        ["k1x12000 on 1x12000"] = new(new(1) { KernelWidth = 12000 }, new(1, 1, 1, 1, 12000), VectorsOnly: true),
        // 2^31 multiply-adds: the Reference would take seconds, so an exact closed form judges, and the algorithms that
        // run it in well under a second do (GemmCol2Im, which overflowed here, among them).
        ["k1x46341 on 1x46341"] = new(new(1) { KernelWidth = 46341 }, new(1, 1, 1, 1, 46341), VectorsOnly: true,
            Only: [ConvTranspose2dAlgorithm.GemmCol2Im, ConvTranspose2dAlgorithm.PhaseDirect, ConvTranspose2dAlgorithm.OneTap, ConvTranspose2dAlgorithm.Auto],
            ClosedForm: FullCorrelationOfOnes),
    };

    public static TheoryData<string, ConvTranspose2dAlgorithm, bool> CasesAlgorithmsAndPaths()
    {
        var data = new TheoryData<string, ConvTranspose2dAlgorithm, bool>();
        foreach (var (name, c) in Cases)
        {
            // The Reference is the judge; its own answers on these cases are checked by hand below.
            foreach (var algorithm in c.Only ?? Enum.GetValues<ConvTranspose2dAlgorithm>().Where(a => a != ConvTranspose2dAlgorithm.Reference).ToArray())
            {
                data.Add(name, algorithm, false);
                data.Add(name, algorithm, true);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CasesAlgorithmsAndPaths))]
    public void RunsRightInBoundedMemory(string name, ConvTranspose2dAlgorithm algorithm, bool prepared)
    {
        var c = Cases[name];
        var (input, weight, bias, expected) = Data(name);
        var shape = c.Shape;
        foreach (bool vectors in c.VectorsOnly ? [true] : new[] { true, false })
        {
            string what = $"{name}, {algorithm}{(vectors ? "" : " (portable)")}, {(prepared ? "Prepare+Run" : "Run")}";
            var buffer = OutputAssert.GuardedBuffer(expected.Length);
            var output = buffer.AsMemory(0, expected.Length);
            AllocationAssert.AtMost(() =>
            {
                var kernel = KernelFactory.Create(c.Options, algorithm, vectors);
                if (prepared)
                    kernel.Prepare(weight, bias, shape.InChannels, shape.OutChannels).Run(input, output.Span, shape.Batch, shape.Height, shape.Width, 1);
                else
                    kernel.Run(input, weight, bias, output.Span, shape, 1);
            }, what);
            OutputAssert.CloseAndGuarded(expected, buffer, what);

            if (prepared && !c.VectorsOnly)
            {
                // All cores as well: the tiles of a wide layer are split over threads.
                buffer = OutputAssert.GuardedBuffer(expected.Length);
                KernelFactory.Create(c.Options, algorithm, vectors).Prepare(weight, bias, shape.InChannels, shape.OutChannels)
                    .Run(input, buffer.AsSpan(0, expected.Length), shape.Batch, shape.Height, shape.Width);
                OutputAssert.CloseAndGuarded(expected, buffer, what + ", all cores");
            }
        }
    }

    /// <summary>The judge itself on the extreme cases, against answers worked out by hand.</summary>
    [Fact]
    public void TheReferenceGivesTheDefinitionsAnswers()
    {
        // A 1x1 input: output (oc, ky, kx) = bias + sum_ic x * w[ic, oc, ky, kx], whatever the stride.
        foreach (int stride in new[] { 2, 10000, 46341, 65536, Big, 1 << 26, int.MaxValue })
        {
            var shape = new ConvTranspose2dShape(1, 2, 3, 1, 1);
            float[] x = [2, -3], w = Enumerable.Range(0, 2 * 3 * 9).Select(i => (float)(i % 7 - 3)).ToArray(), b = [1, 2, 3];
            var output = new float[3 * 9];
            ConvTranspose2d.Create(Strided(stride), ConvTranspose2dAlgorithm.Reference).Run(x, w, b, output, shape, 1);
            for (int oc = 0; oc < 3; oc++)
            for (int t = 0; t < 9; t++)
                Assert.Equal(b[oc] + x[0] * w[oc * 9 + t] + x[1] * w[(3 + oc) * 9 + t], output[oc * 9 + t]);
        }

        // Dilation 2^30, padding 2^29: pure bias.
        var (_, _, bias, expected) = Data("k1x2 dilation 2^30 padding 2^29, 3->2 4x8");
        for (int i = 0; i < expected.Length; i++)
            Assert.Equal(bias[i / 32 % 2], expected[i]);

        // Dilation 2^20, padding 2^20, kernel 3 on 3x3: only the centre tap lands, on the pixel itself.
        var (x3, w3, b3, centre) = Data("k3 dilation 2^20 padding 2^20, 3->3 3x3");
        for (int oc = 0; oc < 3; oc++)
        for (int p = 0; p < 9; p++)
            Assert.Equal(b3[oc] + Enumerable.Range(0, 3).Sum(ic => (double)x3[ic * 9 + p] * w3[(ic * 3 + oc) * 9 + 4]), centre[oc * 9 + p], 5);

        // Stride = dilation = 2^20, padding 2^20 - 1, kernel 2 on 2x2: output (1, 1) sums taps (1, 1) of input (0, 0),
        // (0, 1) of (1, 0), (1, 0) of (0, 1) and (0, 0) of (1, 1); output (0, 0) of row 0 and column 0 gets nothing.
        var (x2, w2, b2, meet) = Data("k2 stride = dilation = 2^20 padding 2^20-1, 2->3 2x2");
        for (int oc = 0; oc < 3; oc++)
        {
            double sum = b2[oc];
            for (int ic = 0; ic < 2; ic++)
            {
                float[] pixel = x2.AsSpan(ic * 4, 4).ToArray(), tap = w2.AsSpan((ic * 3 + oc) * 4, 4).ToArray();
                sum += (double)pixel[0] * tap[3] + (double)pixel[2] * tap[1] + (double)pixel[1] * tap[2] + (double)pixel[3] * tap[0];
            }
            Assert.Equal(sum, meet[oc * 9 + 4], 5);
            Assert.Equal(b2[oc], meet[oc * 9]);
        }

        // One row, stride 1, no padding, all-ones input: the closed form of the heaviest case, on a size the Reference runs fast.
        var options = new ConvTranspose2dOptions(1) { KernelWidth = 3000 };
        var ones = Enumerable.Repeat(1f, 2000).ToArray();
        var taps = Integers(new Random(9), 3000);
        var reference = new float[4999];
        ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.Reference).Run(ones, taps, [], reference, new(1, 1, 1, 1, 2000), 1);
        Assert.Equal(FullCorrelationOfOnes(ones, taps), reference);
    }

    /// <summary>The predicate keeps realistic layers on the fast kernels and refuses the issue's geometries.</summary>
    [Fact]
    public void RealisticLayersStayOnTheFastKernels()
    {
        Assert.True(ExactPath.IsBounded(new ConvTranspose2dOptions(4, 2, 1)));
        Assert.True(ExactPath.IsBounded(new ConvTranspose2dOptions(128, 64, 32)));
        Assert.True(ExactPath.IsBounded(new ConvTranspose2dOptions(3, ExactPath.MaxStride, 1)));
        Assert.True(ExactPath.IsBounded(new ConvTranspose2dOptions(1) { KernelWidth = 46341 }));
        Assert.True(ExactPath.IsBounded(new ConvTranspose2dOptions(3, 1, 300) { Dilation = 300 }));
        Assert.True(ExactPath.IsBounded(new ConvTranspose2dOptions(3, 1, 0) { Dilation = 513 }));
        Assert.True(ExactPath.IsBounded(new ConvTranspose2dOptions(5, 2, 0) { Dilation = 514 }));

        Assert.False(ExactPath.IsBounded(new ConvTranspose2dOptions(3, 1, 0) { Dilation = 514 }));
        Assert.False(ExactPath.IsBounded(new ConvTranspose2dOptions(3, ExactPath.MaxStride + 1, 1)));
        Assert.False(ExactPath.IsBounded(new ConvTranspose2dOptions(3) { StrideWidth = 10000 }));
        foreach (var c in Cases.Values.Where(c => c.Options.StrideHeight > ExactPath.MaxStride || c.Options.DilationWidth >= 1 << 20))
            Assert.False(ExactPath.IsBounded(c.Options), c.Options.ToString());
    }

    /// <summary>Auto neither prepares nor picks a phase kernel for such geometry, even where its channel rules would (wide
    /// output channels and a long reduction: ChannelVectorized; a kernel-2 stride-2-like shape: OneTap).</summary>
    [Theory]
    [InlineData(1 << 20, 1)]
    [InlineData(ExactPath.MaxStride + 1, 1)]
    [InlineData(2, 1 << 20)]
    public void AutoTakesTheExactPathForUnboundedGeometry(int stride, int dilation)
    {
        // A dilated kernel's padding cancels its reach, so that the output is one pixel.
        var options = new ConvTranspose2dOptions(4, stride, dilation == 1 ? 0 : 3 * dilation / 2) { Dilation = dilation };
        var shape = new ConvTranspose2dShape(1, 256, 128, 1, 1);
        var problem = ConvTranspose2dProblem.Create(options, shape);
        Assert.Equal(ConvTranspose2dAlgorithm.PatchScatter, AlgorithmSelector.Choose(problem, MachineDescription.Current));
        Assert.IsType<PatchScatterPrepared>(ConvTranspose2d.Create(options).Prepare(new float[problem.WeightLength], [], 256, 128));
        var bounded = new ConvTranspose2dOptions(4, 2, 0);
        Assert.IsNotType<PatchScatterPrepared>(ConvTranspose2d.Create(bounded).Prepare(new float[problem.WeightLength], [], 256, 128));
    }

    /// <summary>The tiling of a wide layer with a stride near the int range (the phase kernels' row alignment) still
    /// covers each output row exactly once.</summary>
    [Fact]
    public void TilesWithAHugeRowAlignmentCoverEveryRowOnce()
    {
        var problem = ConvTranspose2dProblem.Create(Strided(int.MaxValue) with { OutputPadding = 100 }, new(1, 512, 512, 1, 1));
        var tiles = TilePartitioner.Partition(problem, 2, 4, int.MaxValue);
        var rows = new int[512 * problem.OutputHeight];
        foreach (var tile in tiles)
        {
            for (int oc = tile.OutChannelStart; oc < tile.OutChannelEnd; oc++)
            for (int row = tile.RowStart; row < tile.RowEnd; row++)
                rows[oc * problem.OutputHeight + row]++;
        }
        Assert.True(tiles.Length > 1);
        Assert.All(rows, count => Assert.Equal(1, count));
    }

    private static readonly ConcurrentDictionary<string, (float[] Input, float[] Weight, float[] Bias, float[] Expected)> DataCache = new();

    /// <summary>A case's data (small integers, so that every sum is exact in float32 and the closed forms are exact) and its
    /// expected output, worked out once.</summary>
    private static (float[] Input, float[] Weight, float[] Bias, float[] Expected) Data(string name) => DataCache.GetOrAdd(name, key =>
    {
        var c = Cases[key];
        var problem = ConvTranspose2dProblem.Create(c.Options, c.Shape);
        var random = new Random(key.Length);
        float[] weight = Integers(random, problem.WeightLength), bias = Integers(random, c.Shape.OutChannels);
        if (c.ClosedForm is { } closedForm)
        {
            var ones = Enumerable.Repeat(1f, problem.InputLength).ToArray();
            return (ones, weight, [], closedForm(ones, weight));
        }
        float[] input = Integers(random, problem.InputLength);
        var expected = new float[problem.OutputLength];
        ConvTranspose2d.Create(c.Options, ConvTranspose2dAlgorithm.Reference).Run(input, weight, bias, expected, c.Shape, 1);
        return (input, weight, bias, expected);
    });

    /// <summary>One row, one channel, stride 1, no padding, all-ones input of n: <c>y[o] = sum of w[k] for o - n &lt; k &lt;= o</c>,
    /// by prefix sums (exact: the values are small integers).</summary>
    private static float[] FullCorrelationOfOnes(float[] ones, float[] weight)
    {
        int n = ones.Length, k = weight.Length;
        var prefix = new long[k + 1];
        for (int i = 0; i < k; i++)
            prefix[i + 1] = prefix[i] + (long)weight[i];
        var y = new float[n + k - 1];
        for (int o = 0; o < y.Length; o++)
            y[o] = prefix[Math.Min(k, o + 1)] - prefix[Math.Max(0, o - n + 1)];
        return y;
    }

    private static float[] Integers(Random random, int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
            values[i] = random.Next(-3, 4);
        return values;
    }
}
