using System;
using System.Linq;
using TConvGen;
using TConvGen.Runtime.Tests.Support;
using TConvGen.Tests.Shared;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>The one-tap kernel (kernel == stride, dilation 1) on the cases the random sweep rarely reaches: stride 2 with
/// padding and output padding (phases shifted and cropped, bias-only rows and columns), groups, batches, channel counts
/// that leave a padded register block, widths that are not a multiple of the micro-kernel's columns, one thread and two
/// (tiles that split a row pair when the padding is odd), every width this machine runs with 3 and with 1 channel per block
/// and the portable code; and strides 3 and 4, which it hands to PhaseDirect. Also the width each runs, as its name says.</summary>
public sealed class KernelOneTapTests
{
    [Theory]
    [InlineData(2, 0, 0, 1, 128, 64, 64, 64, 1, 1)]
    [InlineData(2, 0, 0, 1, 128, 64, 64, 64, 1, 2)]
    [InlineData(2, 0, 0, 1, 16, 10, 13, 37, 2, 2)]
    [InlineData(2, 1, 0, 1, 7, 8, 9, 33, 1, 2)]
    [InlineData(2, 1, 1, 1, 5, 4, 10, 17, 1, 1)]
    [InlineData(2, 0, 1, 1, 3, 5, 6, 16, 2, 2)]
    [InlineData(2, 2, 1, 1, 9, 7, 11, 40, 1, 2)]
    [InlineData(2, 3, 0, 1, 4, 2, 7, 9, 1, 1)]
    [InlineData(2, 1, 0, 2, 8, 12, 20, 50, 1, 2)]
    [InlineData(2, 0, 0, 4, 8, 8, 5, 65, 3, 2)]
    [InlineData(2, 0, 0, 1, 1, 1, 1, 1, 1, 1)]
    [InlineData(2, 0, 1, 1, 2, 3, 1, 2, 1, 2)]
    [InlineData(2, 0, 0, 1, 300, 70, 24, 24, 1, 2)]
    [InlineData(3, 1, 2, 1, 6, 5, 9, 11, 1, 2)]
    [InlineData(4, 0, 3, 2, 4, 6, 7, 8, 2, 1)]
    public void MatchesTheReference(int stride, int padding, int outputPadding, int groups, int inChannels, int outChannels,
        int height, int width, int batch, int threads)
    {
        var options = new ConvTranspose2dOptions(stride, stride, padding) { OutputPadding = outputPadding, Groups = groups };
        var shape = new ConvTranspose2dShape(batch, inChannels, outChannels, height, width);
        var kernels = Enum.GetValues<SimdLevel>().Select(level => new OneTapConvTranspose2d(options, level))
            .Concat(VectorLevels.Running.Select(level => new OneTapConvTranspose2d(options, level, narrowBlock: true)));
        ReferenceCheck.AllMatch(options, shape, inChannels * 31 + outChannels * 7 + width, threads, kernels);
    }

    [Fact]
    public void TilesThatSplitARowPairMatchTheReference()
    {
        // Odd padding: tiles start at even output rows, which are row phase 1 of one input row and phase 0 of the next.
        var options = new ConvTranspose2dOptions(2, 2, 1) { OutputPadding = 1 };
        var shape = new ConvTranspose2dShape(1, 40, 9, 30, 35);
        var problem = ConvTranspose2dProblem.Create(options, shape);
        var random = new Random(5);
        float[] input = RandomData.Uniform(random, problem.InputLength), weight = RandomData.Uniform(random, problem.WeightLength), bias = RandomData.Uniform(random, 9);
        var expected = new float[problem.OutputLength];
        ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.Reference).Run(input, weight, bias, expected, shape, 1);
        Assert.Contains(TilePartitioner.Partition(problem, 2, 3, 2), tile => tile.RowStart > 0);
        foreach (var kernel in Enum.GetValues<SimdLevel>().Select(level => new OneTapConvTranspose2d(options, level))
            .Concat(VectorLevels.Running.Select(level => new OneTapConvTranspose2d(options, level, narrowBlock: true))))
        {
            var prepared = kernel.Prepare(weight, bias, 40, 9);
            var actual = new float[problem.OutputLength];
            actual.AsSpan().Fill(float.NaN);
            prepared.Run(input, actual, 1, 30, 35, 2);
            float scale = Math.Max(1f, expected.Max(Math.Abs));
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 * scale, $"{prepared.Kernel.Algorithm}: [{i}] expected {expected[i]} got {actual[i]}");
        }
    }

    [Fact]
    public void AForcedWidthIsLoweredToOneThatRunsAndNamed()
    {
        var options = new ConvTranspose2dOptions(2, stride: 2);
        string Block(SimdLevel level) => level != SimdLevel.Portable && SimdPath.VectorRegisters < 32 ? ", 1 channel" : "";
        foreach (var requested in Enum.GetValues<SimdLevel>())
        {
            var level = SimdPath.Lower(requested);
            Assert.Equal($"OneTap ({level.Label()}{Block(level)})", new OneTapConvTranspose2d(options, requested).Algorithm);
        }
        var widest = SimdPath.Lower(SimdLevel.Vector512);
        Assert.Equal($"OneTap ({widest.Label()}{Block(widest)})", ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.OneTap).Algorithm);
        Assert.Equal($"OneTap (PhaseDirect, {SimdPath.Preferred.Label()})",
            ConvTranspose2d.Create(new ConvTranspose2dOptions(3, stride: 2), ConvTranspose2dAlgorithm.OneTap).Algorithm);
    }
}
