using System;
using System.Linq;
using TConvGen;
using TConvGen.Runtime.Tests.Support;
using TConvGen.Tests.Shared;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>The Winograd kernel's F(3x3, 2x2) on the four phases of k4 s2 p1 (<see cref="WinogradPhaseTiles"/>), at every
/// width this machine runs and in the portable code: output padding 0 and 1 per axis, inputs of one to a few pixels (a
/// single tile whose first output row and column are clipped), widths around the tile (six outputs) and the vector, strips
/// that span tile rows, several bands, groups, batches, channel counts that leave a padded register block, and one thread
/// and two (tile ranges that cut tile rows, <see cref="WinogradTileRangeTests"/>); the phase taps read from <see cref="AxisPhases"/>; and what it runs.</summary>
public sealed class KernelWinogradPhaseTests
{
    [Theory]
    [InlineData(0, 0, 16, 16, 8, 8, 1, 1)]
    [InlineData(0, 0, 64, 32, 16, 16, 1, 2)]
    [InlineData(1, 1, 3, 5, 7, 9, 1, 2)]
    [InlineData(0, 1, 5, 3, 9, 8, 2, 1)]
    [InlineData(1, 0, 7, 11, 6, 13, 1, 2)]
    [InlineData(0, 0, 4, 9, 5, 70, 1, 2)]
    [InlineData(0, 0, 1, 1, 1, 1, 1, 1)]
    [InlineData(1, 1, 2, 2, 1, 1, 1, 1)]
    [InlineData(0, 0, 2, 3, 2, 3, 1, 1)]
    [InlineData(0, 1, 9, 14, 40, 150, 1, 2)]
    [InlineData(0, 0, 20, 30, 17, 19, 3, 2)]
    [InlineData(0, 0, 64, 8, 25, 25, 1, 1)]
    [InlineData(1, 0, 64, 9, 21, 30, 2, 2)]
    [InlineData(0, 0, 200, 7, 10, 100, 1, 1)]
    [InlineData(0, 0, 8, 8, 48, 3, 1, 2)]
    public void MatchesTheReference(int outputPaddingHeight, int outputPaddingWidth, int inChannels, int outChannels, int height, int width, int batch, int threads)
    {
        var options = new ConvTranspose2dOptions(4, 2, 1) { OutputPaddingHeight = outputPaddingHeight, OutputPaddingWidth = outputPaddingWidth };
        Assert.True(WinogradPhaseTiles.Supports(options));
        var shape = new ConvTranspose2dShape(batch, inChannels, outChannels, height, width);
        ReferenceCheck.AllMatch(options, shape, inChannels * 37 + outChannels * 5 + width, threads, AllWidths(options));
    }

    [Theory]
    [InlineData(2, 8, 6, 10, 11)]
    [InlineData(4, 12, 20, 9, 9)]
    [InlineData(5, 5, 5, 16, 7)]
    public void GroupsMatchTheReference(int groups, int inChannels, int outChannels, int height, int width)
    {
        var options = new ConvTranspose2dOptions(4, 2, 1) { Groups = groups };
        var shape = new ConvTranspose2dShape(2, inChannels, outChannels, height, width);
        ReferenceCheck.AllMatch(options, shape, groups * 17 + width, 2, AllWidths(options));
    }

    /// <summary>Every activation in the output transform's stores, at every width (the after-store ones, sigmoid, tanh and
    /// SiLU, through the scratch): the kernel's outputs match the Reference's activated ones.</summary>
    [Theory]
    [InlineData(ConvTransposeActivation.Relu)]
    [InlineData(ConvTransposeActivation.LeakyRelu)]
    [InlineData(ConvTransposeActivation.Relu6)]
    [InlineData(ConvTransposeActivation.Sigmoid)]
    [InlineData(ConvTransposeActivation.Tanh)]
    [InlineData(ConvTransposeActivation.Silu)]
    public void ActivationsAreFusedInTheOutputTransform(ConvTransposeActivation activation)
    {
        var options = new ConvTranspose2dOptions(4, 2, 1) { Activation = activation, ActivationSlope = 0.2f, OutputPaddingWidth = 1 };
        ReferenceCheck.AllMatch(options, new ConvTranspose2dShape(2, 24, 19, 11, 23), 40 + (int)activation, 2, AllWidths(options));
    }

    /// <summary>A NaN or an infinity in the input takes the exact path at Run: it stays where the definition puts it (a
    /// transform would spread it over the tile, and <c>Inf - Inf</c> is NaN), at every width.</summary>
    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void NonFiniteInputsKeepTheirPositions(float value)
    {
        var options = new ConvTranspose2dOptions(4, 2, 1);
        var shape = new ConvTranspose2dShape(1, 8, 5, 9, 10);
        var problem = ConvTranspose2dProblem.Create(options, shape);
        var random = new Random(7);
        float[] input = RandomData.Uniform(random, problem.InputLength), weight = RandomData.Uniform(random, problem.WeightLength);
        input[3 * 90 + 4 * 10 + 5] = value;
        var expected = new float[problem.OutputLength];
        ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.Reference).Run(input, weight, [], expected, shape, 1);
        float scale = Math.Max(1f, expected.Where(float.IsFinite).Max(Math.Abs));
        foreach (var kernel in AllWidths(options))
        {
            var prepared = kernel.Prepare(weight, [], shape.InChannels, shape.OutChannels);
            Assert.IsType<WinogradPrepared>(prepared);
            var actual = new float[problem.OutputLength];
            prepared.Run(input, actual, shape.Batch, shape.Height, shape.Width, 1);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.Equal(float.IsNaN(expected[i]), float.IsNaN(actual[i]));
                if (float.IsInfinity(expected[i]))
                    Assert.Equal(expected[i], actual[i]);
                else if (!float.IsNaN(expected[i]))
                    Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5f * scale, $"{kernel.Algorithm} [{i}]: {expected[i]} vs {actual[i]}");
            }
            Assert.Contains(actual, v => !float.IsFinite(v));
        }
    }

    /// <summary>Per axis, the shared window's two elements hold phase 0's taps (3, 1) and phase 1's (2, 0), as
    /// <see cref="AxisPhases"/> derives them.</summary>
    [Fact]
    public void TheWindowTapsComeFromThePhases()
    {
        var taps = WinogradPhaseWeights.WindowTaps(new ConvTranspose2dOptions(4, 2, 1) { OutputPadding = 1 }.HeightAxis);
        Assert.Equal([3, 1], taps[0]);
        Assert.Equal([2, 0], taps[1]);
        Assert.Throws<ArgumentException>(() => WinogradPhaseWeights.WindowTaps(new ConvTranspose2dOptions(4, 2, 2).WidthAxis));
    }

    /// <summary>Neighbours of k4 s2 p1 that the phase tiles do not compute run PhaseDirect, correctly.</summary>
    [Theory]
    [InlineData(4, 2, 0, 1)]
    [InlineData(4, 2, 2, 1)]
    [InlineData(4, 2, 1, 2)]
    [InlineData(4, 3, 1, 1)]
    [InlineData(5, 2, 1, 1)]
    public void NeighboursRunPhaseDirect(int kernelSize, int stride, int padding, int dilation)
    {
        var options = new ConvTranspose2dOptions(kernelSize, stride, padding) { Dilation = dilation };
        Assert.False(WinogradPhaseTiles.Supports(options));
        var kernel = ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.Winograd);
        Assert.Equal($"Winograd (PhaseDirect, {SimdPath.Preferred.Label()})", kernel.Algorithm);
        Assert.IsType<PhaseDirectPrepared>(kernel.Prepare(new float[4 * 5 * kernelSize * kernelSize], [], 4, 5));
        ReferenceCheck.AllMatch(options, new ConvTranspose2dShape(1, 4, 5, 9, 8), kernelSize * 7 + padding, 2, AllWidths(options));
    }

    /// <summary>One axis k4 s2 p1 and the other not: PhaseDirect.</summary>
    [Fact]
    public void MixedAxesRunPhaseDirect()
    {
        var options = new ConvTranspose2dOptions(4, 2, 1) { KernelWidth = 3, StrideWidth = 1 };
        Assert.False(WinogradPhaseTiles.Supports(options));
        Assert.IsType<PhaseDirectPrepared>(ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.Winograd).Prepare(new float[2 * 3 * 12], [], 2, 3));
        ReferenceCheck.AllMatch(options, new ConvTranspose2dShape(1, 2, 3, 7, 6), 5, 1, AllWidths(options));
    }

    [Fact]
    public void ItRunsThePhaseTilesAndIsNamed()
    {
        var options = new ConvTranspose2dOptions(4, 2, 1);
        foreach (var requested in Enum.GetValues<SimdLevel>())
            Assert.Equal($"Winograd ({SimdPath.Lower(requested).Label()})", new WinogradConvTranspose2d(options, requested).Algorithm);
        Assert.IsType<WinogradPrepared>(ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.Winograd).Prepare(new float[2 * 3 * 16], [], 2, 3));
        var weight = new float[2 * 3 * 16];
        weight[5] = float.NaN;
        Assert.IsType<PatchScatterPrepared>(ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.Winograd).Prepare(weight, [], 2, 3));
    }

    private static System.Collections.Generic.IEnumerable<ConvTranspose2d> AllWidths(ConvTranspose2dOptions options) =>
        Enum.GetValues<SimdLevel>().Where(SimdPath.Runs).Select(level => new WinogradConvTranspose2d(options, level));
}
