using System;
using TConvGen;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>The tiles of <see cref="TilePartitioner"/> cover every output exactly once, respect the register block and the
/// row alignment, and stay single for small runs.</summary>
public sealed class KernelTilePartitionerTests
{
    [Theory]
    [InlineData(1, 1, 1, 1, 512, 512, 4, 2, 1)]
    [InlineData(1, 1024, 512, 1, 4, 4, 4, 2, 1)]
    [InlineData(1, 128, 64, 1, 64, 64, 2, 2, 1)]
    [InlineData(2, 64, 64, 1, 56, 56, 3, 1, 4)]
    [InlineData(3, 21, 21, 21, 64, 64, 4, 2, 2)]
    [InlineData(1, 12, 30, 3, 37, 41, 5, 3, 7)]
    [InlineData(1, 64, 3, 1, 64, 64, 4, 2, 3)]
    public void TilesCoverEveryOutputOnce(int batch, int inChannels, int outChannels, int groups, int height, int width, int kernel, int stride, int threads)
    {
        var options = new ConvTranspose2dOptions(kernel, stride, 1) { Groups = groups };
        var problem = ConvTranspose2dProblem.Create(options, new ConvTranspose2dShape(batch, inChannels, outChannels, height, width));
        const int block = 4;
        var tiles = TilePartitioner.Partition(problem, threads, block, stride);
        var covered = new int[problem.OutputLength / problem.OutputWidth];
        foreach (var t in tiles)
        {
            int groupFirst = t.Group * problem.OutChannelsPerGroup;
            Assert.InRange(t.OutChannelStart, groupFirst, groupFirst + problem.OutChannelsPerGroup - 1);
            Assert.InRange(t.OutChannelEnd, t.OutChannelStart + 1, groupFirst + problem.OutChannelsPerGroup);
            Assert.Equal(0, (t.OutChannelStart - groupFirst) % block);
            Assert.True((t.OutChannelEnd - groupFirst) % block == 0 || t.OutChannelEnd == groupFirst + problem.OutChannelsPerGroup);
            Assert.Equal(0, t.RowStart % stride);
            Assert.InRange(t.RowEnd, t.RowStart + 1, problem.OutputHeight);
            for (int c = t.OutChannelStart; c < t.OutChannelEnd; c++)
            for (int r = t.RowStart; r < t.RowEnd; r++)
                covered[(t.Image * problem.OutChannels + c) * problem.OutputHeight + r]++;
        }
        Assert.All(covered, count => Assert.Equal(1, count));
        if (threads > 1 && TilePartitioner.EstimatedWork(problem) >= TilePartitioner.ParallelWorkThreshold)
            Assert.True(tiles.Length >= Math.Min(threads, batch * groups * (long)problem.OutputHeight), $"{tiles.Length} tiles for {threads} threads");
        if (threads == 1)
            Assert.Equal(batch * groups, tiles.Length);
    }

    [Fact]
    public void SmallRunsStayOnOneTile()
    {
        var problem = ConvTranspose2dProblem.Create(new ConvTranspose2dOptions(4, 2, 1), new ConvTranspose2dShape(1, 16, 16, 8, 8));
        Assert.Single(TilePartitioner.Partition(problem, 8, 4, 2));
    }
}
