using System.Linq;
using TConvGen;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>How <see cref="WinogradTileRange.Partition"/> cuts a Winograd run for threads: every tile of every image and group
/// exactly once, in ranges of whole GEMM column blocks, as many as the strips allow.</summary>
public sealed class WinogradTileRangeTests
{
    private static ConvTranspose2dProblem Problem(int batch, int groups, int inChannels, int outChannels, int size) =>
        ConvTranspose2dProblem.Create(new ConvTranspose2dOptions(4, 2, 1) { Groups = groups }, new ConvTranspose2dShape(batch, inChannels, outChannels, size, size));

    /// <summary>e (128->64 32x32, 11 x 11 tiles) with Vector256's blocking (column blocks of 16 tiles, strips of 32): two
    /// threads get four ranges of one strip each, where row bands computed 14 tile rows and 192 GEMM columns for 11 and 128.</summary>
    [Fact]
    public void ETwoThreadsGetOneStripEach()
    {
        var ranges = WinogradTileRange.Partition(Problem(1, 1, 128, 64, 32), 2, 121, 32, 16);
        Assert.Equal([new(0, 0, 0, 32), new(0, 0, 32, 64), new(0, 0, 64, 96), new(0, 0, 96, 121)], ranges);
    }

    [Theory]
    [InlineData(1, 1, 2, 121, 32, 16)]
    [InlineData(1, 1, 2, 121, 48, 48)]
    [InlineData(3, 2, 2, 50, 32, 16)]
    [InlineData(1, 1, 8, 100, 64, 16)]
    [InlineData(8, 1, 2, 121, 32, 16)]
    [InlineData(1, 1, 16, 7, 16, 16)]
    [InlineData(1, 1, 1, 121, 32, 16)]
    public void CoverEveryTileOnceInWholeColumnBlocks(int batch, int groups, int threads, int tiles, int strip, int columns)
    {
        var problem = Problem(batch, groups, 128 * groups, 64 * groups, 32);
        var ranges = WinogradTileRange.Partition(problem, threads, tiles, strip, columns);
        for (int n = 0; n < batch; n++)
        {
            for (int g = 0; g < groups; g++)
            {
                var mine = ranges.Where(r => r.Image == n && r.Group == g).ToArray();
                Assert.Equal(0, mine[0].FirstTile);
                Assert.Equal(tiles, mine[^1].EndTile);
                for (int k = 0; k < mine.Length; k++)
                {
                    Assert.True(mine[k].FirstTile < mine[k].EndTile, $"range {k} is empty");
                    Assert.Equal(0, mine[k].FirstTile % columns);
                    if (k > 0)
                        Assert.Equal(mine[k - 1].EndTile, mine[k].FirstTile);
                }
                // Never more ranges than strips, unless the strips are fewer than the threads.
                int strips = (tiles + strip - 1) / strip;
                Assert.True(mine.Length <= System.Math.Max(strips, threads), $"{mine.Length} ranges for {strips} strips");
            }
        }
        if (threads == 1)
            Assert.Equal(batch * groups, ranges.Length);
    }

    /// <summary>A run too small to split (under <see cref="TilePartitioner.ParallelWorkThreshold"/>) stays one range per image.</summary>
    [Fact]
    public void SmallRunsAreNotCut()
    {
        var ranges = WinogradTileRange.Partition(Problem(2, 1, 4, 4, 8), 2, 9, 16, 16);
        Assert.Equal([new(0, 0, 0, 9), new(1, 0, 0, 9)], ranges);
    }

    /// <summary>The two-thread reference cases of <see cref="KernelWinogradPhaseTests"/> include ranges that start inside a tile
    /// row (64->32 16x16: 6 tiles per row, column blocks of 16 or more).</summary>
    [Fact]
    public void TwoThreadsCutATileRow()
    {
        var ranges = WinogradTileRange.Partition(Problem(1, 1, 64, 32, 16), 2, 36, 16, 16);
        Assert.Contains(ranges, r => r.FirstTile % 6 != 0);
    }
}
