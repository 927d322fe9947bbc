using System;
using System.Linq;
using TConvGen;
using TConvGen.Runtime.Tests.Support;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>The channel-vectorised kernel on channel counts the random sweep does not reach: several full register blocks
/// (64 channels under Vector512, 16 under Vector256) and a padded remainder, every body, one thread and several (tiles split
/// over channels and over rows), and bands that cut a tile.</summary>
public sealed class KernelChannelVectorizedTests
{
    [Theory]
    [InlineData(4, 2, 1, 0, 70, 150, 9, 11, 1, 1)]
    [InlineData(4, 2, 1, 1, 130, 136, 5, 7, 1, 2)]
    [InlineData(3, 1, 1, 0, 64, 64, 13, 10, 1, 2)]
    [InlineData(2, 2, 0, 0, 40, 72, 17, 9, 2, 2)]
    [InlineData(5, 3, 2, 2, 24, 100, 6, 5, 1, 2)]
    [InlineData(3, 2, 1, 1, 600, 80, 40, 41, 1, 2)]
    [InlineData(1, 1, 0, 0, 33, 65, 3, 3, 1, 1)]
    public void WideChannelsMatchTheReference(int kernel, int stride, int padding, int outputPadding, int inChannels, int outChannels,
        int height, int width, int batch, int threads)
    {
        var options = new ConvTranspose2dOptions(kernel, stride, padding) { OutputPadding = outputPadding };
        var shape = new ConvTranspose2dShape(batch, inChannels, outChannels, height, width);
        ReferenceCheck.AllMatch(options, shape, inChannels * 7 + outChannels, threads,
            Enum.GetValues<SimdLevel>().Select(level => new ChannelVectorizedConvTranspose2d(options, level)));
    }
}
