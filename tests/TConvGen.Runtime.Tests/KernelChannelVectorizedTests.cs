using System;
using System.Linq;
using TConvGen;
using TConvGen.Runtime.Tests.Support;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>The channel-vectorised kernel on channel counts the random sweep does not reach: several full register blocks
/// (4 vectors with 32 registers, 2 with 16) and a padded remainder of 1, 2 or 4 vectors, at every width this machine runs
/// with the block sizes of both register files, and the portable code; one thread and several (tiles split over channels
/// and over rows), and bands that cut a tile. Also the width each runs, as its name says.</summary>
public sealed class KernelChannelVectorizedTests
{
    /// <summary>The register file this machine does not have (its blocks run correctly anywhere, spilling where they do not fit).</summary>
    private static int OtherRegisterFile => SimdPath.VectorRegisters >= 32 ? 16 : 32;

    [Theory]
    [InlineData(4, 2, 1, 0, 70, 150, 9, 11, 1, 1)]
    [InlineData(4, 2, 1, 1, 130, 136, 5, 7, 1, 2)]
    [InlineData(3, 1, 1, 0, 64, 64, 13, 10, 1, 2)]
    [InlineData(2, 2, 0, 0, 40, 72, 17, 9, 2, 2)]
    [InlineData(5, 3, 2, 2, 24, 100, 6, 5, 1, 2)]
    [InlineData(3, 2, 1, 1, 600, 80, 40, 41, 1, 2)]
    [InlineData(1, 1, 0, 0, 33, 65, 3, 3, 1, 1)]
    [InlineData(3, 1, 1, 0, 9, 13, 7, 8, 1, 1)]
    [InlineData(2, 2, 0, 0, 5, 3, 4, 3, 1, 1)]
    public void WideChannelsMatchTheReference(int kernel, int stride, int padding, int outputPadding, int inChannels, int outChannels,
        int height, int width, int batch, int threads)
    {
        var options = new ConvTranspose2dOptions(kernel, stride, padding) { OutputPadding = outputPadding };
        var shape = new ConvTranspose2dShape(batch, inChannels, outChannels, height, width);
        var kernels = Enum.GetValues<SimdLevel>().Select(level => new ChannelVectorizedConvTranspose2d(options, level))
            .Concat(VectorLevels.Running.Select(level => new ChannelVectorizedConvTranspose2d(options, level, OtherRegisterFile)));
        ReferenceCheck.AllMatch(options, shape, inChannels * 7 + outChannels, threads, kernels);
    }

    [Fact]
    public void AForcedWidthIsLoweredToOneThatRunsAndNamed()
    {
        var options = new ConvTranspose2dOptions(3, stride: 1, padding: 1);
        foreach (var requested in Enum.GetValues<SimdLevel>())
            Assert.Equal($"ChannelVectorized ({SimdPath.Lower(requested).Label()})", new ChannelVectorizedConvTranspose2d(options, requested).Algorithm);
        Assert.Equal($"ChannelVectorized ({SimdPath.Preferred.Label()})",
            ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.ChannelVectorized).Algorithm);
    }
}
