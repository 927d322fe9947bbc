using System;
using System.Linq;
using TConvGen;
using TConvGen.Runtime.Tests.Support;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>The patch-scatter kernel on the inputs it is for (a pixel or a few, wide channels), at every width this machine
/// runs and the portable code (and the width each runs, as its name says): the in-place
/// path where the only pixel's patch is the output, and the clipped scatter where padding, dilation, output padding or a
/// second pixel make it differ; one thread and several (tiles split over channels, or over rows).</summary>
public sealed class KernelPatchScatterTests
{
    [Theory]
    // (kH, kW, stride, padding, outputPadding, dilation, groups, Cin, Cout, H, W, batch, threads)
    [InlineData(4, 4, 1, 0, 0, 1, 1, 100, 512, 1, 1, 1, 1)] // DCGAN's first layer: in place
    [InlineData(4, 4, 1, 0, 0, 1, 1, 100, 512, 1, 1, 3, 2)]
    [InlineData(3, 3, 2, 0, 0, 1, 2, 38, 70, 1, 1, 2, 2)] // groups, odd channel counts: in place
    [InlineData(2, 5, 3, 0, 0, 1, 1, 33, 17, 1, 1, 1, 2)] // rectangular kernel: in place
    [InlineData(4, 4, 2, 1, 0, 1, 1, 64, 96, 1, 1, 1, 2)] // padding crops the patch
    [InlineData(3, 3, 2, 0, 1, 1, 1, 40, 24, 1, 1, 2, 1)] // output padding adds bias-only rows
    [InlineData(3, 3, 1, 1, 0, 2, 1, 24, 48, 1, 1, 1, 2)] // dilation spreads the patch
    [InlineData(4, 4, 2, 1, 0, 1, 4, 64, 128, 2, 3, 2, 2)] // several pixels, overlapping patches
    [InlineData(5, 3, 3, 2, 2, 1, 1, 48, 300, 3, 2, 1, 2)] // tiles split over rows as well
    public void MatchesTheReference(int kernelHeight, int kernelWidth, int stride, int padding, int outputPadding, int dilation, int groups,
        int inChannels, int outChannels, int height, int width, int batch, int threads)
    {
        var options = new ConvTranspose2dOptions(kernelHeight, stride, padding)
        {
            KernelWidth = kernelWidth,
            OutputPadding = outputPadding,
            Dilation = dilation,
            Groups = groups,
        };
        var shape = new ConvTranspose2dShape(batch, inChannels, outChannels, height, width);
        ReferenceCheck.AllMatch(options, shape, inChannels * 31 + outChannels, threads,
            Enum.GetValues<SimdLevel>().Select(level => new PatchScatterConvTranspose2d(options, level)));
    }

    [Fact]
    public void AForcedWidthIsLoweredToOneThatRunsAndNamed()
    {
        var options = new ConvTranspose2dOptions(4, stride: 1);
        foreach (var requested in Enum.GetValues<SimdLevel>())
            Assert.Equal($"PatchScatter ({SimdPath.Lower(requested).Label()})", new PatchScatterConvTranspose2d(options, requested).Algorithm);
        Assert.Equal($"PatchScatter ({SimdPath.Preferred.Label()})", ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.PatchScatter).Algorithm);
    }

    [Theory]
    [InlineData(1, 1, 0, true)]
    [InlineData(1, 1, 1, false)]
    [InlineData(1, 2, 0, false)]
    public void ThePatchIsTheOutputOnlyForOnePixelWithoutPadding(int height, int width, int padding, bool expected)
    {
        var problem = ConvTranspose2dProblem.Create(new ConvTranspose2dOptions(4, 1, padding), new ConvTranspose2dShape(1, 8, 8, height, width));
        Assert.Equal(expected, PatchScatterPrepared.PatchIsOutput(problem));
    }
}
