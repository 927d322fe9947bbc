using System;
using System.Linq;
using TConvGen;
using TConvGen.Runtime.Tests.Support;
using TConvGen.Tests.Shared;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>The Winograd kernel (F(2x2, 3x3) for k3 s1) on the cases the random sweep rarely reaches, at every width this
/// machine runs and in the portable code: every padding 0 to 2 per axis (odd and even outputs, so clipped edge tiles on the
/// right and at the bottom), rows shorter and longer than a vector, strips that span tile rows, several bands, groups, batches, channel counts that leave
/// a padded register block, one thread and two (tiles that split rows and channels); configurations it hands to PhaseDirect;
/// and the width each runs, as its name says.</summary>
public sealed class KernelWinogradTests
{
    [Theory]
    [InlineData(1, 1, 64, 64, 12, 12, 1, 1)]
    [InlineData(1, 1, 64, 64, 12, 12, 1, 2)]
    [InlineData(0, 0, 3, 5, 7, 9, 1, 2)]
    [InlineData(2, 2, 5, 3, 9, 8, 2, 1)]
    [InlineData(0, 2, 7, 11, 6, 13, 1, 2)]
    [InlineData(2, 0, 4, 9, 5, 70, 1, 2)]
    [InlineData(1, 0, 16, 17, 33, 35, 1, 2)]
    [InlineData(1, 1, 1, 1, 1, 1, 1, 1)]
    [InlineData(0, 0, 2, 2, 1, 1, 1, 1)]
    [InlineData(2, 2, 1, 1, 3, 3, 1, 1)]
    [InlineData(1, 1, 9, 14, 40, 150, 1, 2)]
    [InlineData(1, 2, 20, 30, 17, 19, 3, 2)]
    [InlineData(1, 1, 64, 8, 40, 40, 1, 1)]
    [InlineData(0, 2, 64, 9, 41, 30, 2, 2)]
    [InlineData(2, 1, 200, 7, 20, 300, 1, 1)]
    public void MatchesTheReference(int paddingHeight, int paddingWidth, int inChannels, int outChannels, int height, int width, int batch, int threads)
    {
        var options = new ConvTranspose2dOptions(3, 1, paddingHeight) { PaddingWidth = paddingWidth };
        var shape = new ConvTranspose2dShape(batch, inChannels, outChannels, height, width);
        ReferenceCheck.AllMatch(options, shape, inChannels * 31 + outChannels * 7 + width, threads, AllWidths(options));
    }

    [Theory]
    [InlineData(2, 8, 6, 10, 11)]
    [InlineData(4, 12, 20, 9, 9)]
    [InlineData(5, 5, 5, 16, 7)]
    public void GroupsMatchTheReference(int groups, int inChannels, int outChannels, int height, int width)
    {
        var options = new ConvTranspose2dOptions(3, 1, 1) { Groups = groups };
        var shape = new ConvTranspose2dShape(2, inChannels, outChannels, height, width);
        ReferenceCheck.AllMatch(options, shape, groups * 13 + width, 2, AllWidths(options));
    }

    /// <summary>Configurations outside F(2x2, 3x3) run PhaseDirect, correctly.</summary>
    [Theory]
    [InlineData(3, 2, 1, 1)]
    [InlineData(3, 1, 3, 1)]
    [InlineData(3, 1, 1, 2)]
    [InlineData(4, 1, 1, 1)]
    [InlineData(2, 2, 0, 1)]
    public void OtherConfigurationsRunPhaseDirect(int kernelSize, int stride, int padding, int dilation)
    {
        var options = new ConvTranspose2dOptions(kernelSize, stride, padding) { Dilation = dilation };
        Assert.False(WinogradTiles.Supports(options));
        var kernel = ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.Winograd);
        Assert.Equal($"Winograd (PhaseDirect, {SimdPath.Preferred.Label()})", kernel.Algorithm);
        Assert.IsType<PhaseDirectPrepared>(kernel.Prepare(new float[4 * 5 * kernelSize * kernelSize], [], 4, 5));
        ReferenceCheck.AllMatch(options, new ConvTranspose2dShape(1, 4, 5, 9, 8), kernelSize * 7 + padding, 2, AllWidths(options));
    }

    [Fact]
    public void AForcedWidthIsLoweredToOneThatRunsAndNamed()
    {
        var options = new ConvTranspose2dOptions(3, 1, 1);
        Assert.True(WinogradTiles.Supports(options));
        foreach (var requested in Enum.GetValues<SimdLevel>())
            Assert.Equal($"Winograd ({SimdPath.Lower(requested).Label()})", new WinogradConvTranspose2d(options, requested).Algorithm);
        Assert.Equal($"Winograd ({SimdPath.Preferred.Label()})", ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.Winograd).Algorithm);
        Assert.IsType<WinogradPrepared>(ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.Winograd).Prepare(new float[2 * 3 * 9], [], 2, 3));
    }

    private static System.Collections.Generic.IEnumerable<ConvTranspose2d> AllWidths(ConvTranspose2dOptions options) =>
        Enum.GetValues<SimdLevel>().Where(SimdPath.Runs).Select(level => new WinogradConvTranspose2d(options, level));
}
