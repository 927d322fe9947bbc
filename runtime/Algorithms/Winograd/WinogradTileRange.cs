using System;

namespace TConvGen;

/// <summary>
/// One piece of a Winograd run: the Winograd tiles <c>[FirstTile, EndTile)</c>, in raster order, of one image and group,
/// for all the group's output channels. A run is cut into such ranges rather than into row bands
/// (<see cref="TilePartitioner"/>) because a row band computes every tile row it cuts and ends in a partly filled GEMM
/// column block: e (128->64 32x32 k4s2p1, 11 x 11 tiles) at two threads ran four bands of 16 rows, 14 tile rows for 11 and
/// 192 GEMM columns for the one thread's 128, and scaled 1.2-1.35x (Vector256, Zen 3). Ranges of whole column blocks cover
/// each tile once and waste only the image's last block. A range never splits the group's output channels: every piece
/// would repeat the packing and the input transform of all input channels (h 64->64 56x56 at two threads, Vector512: 590 us
/// unsplit, 874 us in two channel chunks).
/// </summary>
/// <param name="Image">The image index n.</param>
/// <param name="Group">The group g.</param>
/// <param name="FirstTile">The first tile, in raster order within the image's tile grid.</param>
/// <param name="EndTile">One past the last tile.</param>
internal readonly record struct WinogradTileRange(int Image, int Group, int FirstTile, int EndTile)
{
    /// <summary>The pieces of a run: one per image and group on one thread or for small runs; else each image's tiles cut into
    /// ranges of whole GEMM column blocks, about <see cref="TilePartitioner.TilesPerThread"/> per thread overall, but no more
    /// than the image's strips (each range streams all the transformed weights once per strip), unless fewer strips than
    /// threads are left, then as many ranges as threads (or column blocks).</summary>
    /// <param name="problem">The validated problem.</param>
    /// <param name="threads">The threads the run may use, at least 1.</param>
    /// <param name="tilesPerImage">The Winograd tiles of one image.</param>
    /// <param name="strip">The tiles of a full strip (<see cref="WinogradBlocking.Strip"/> over the whole image).</param>
    /// <param name="columns">The tiles of a GEMM column block (<see cref="WinogradBlocking.Columns"/>).</param>
    public static WinogradTileRange[] Partition(ConvTranspose2dProblem problem, int threads, int tilesPerImage, int strip, int columns)
    {
        ArgumentNullException.ThrowIfNull(problem);
        long images = (long)problem.Batch * problem.Groups;
        int blocks = TilePartitioner.DivideRoundingUp(tilesPerImage, columns), pieces = 1;
        if (TilePartitioner.Splits(problem, threads, TilePartitioner.EstimatedWork(problem)))
        {
            long wanted = TilePartitioner.DivideRoundingUp((long)threads * TilePartitioner.TilesPerThread, images);
            pieces = (int)Math.Min(wanted, TilePartitioner.DivideRoundingUp(tilesPerImage, strip));
            if (pieces * images < threads)
                pieces = (int)Math.Min(TilePartitioner.DivideRoundingUp(threads, images), blocks);
        }
        var result = new WinogradTileRange[checked((int)(images * pieces))];
        int index = 0;
        for (int n = 0; n < problem.Batch; n++)
        {
            for (int g = 0; g < problem.Groups; g++)
            {
                // Piece k gets column blocks [k B / P, (k + 1) B / P): at most one block more than any other.
                for (int k = 0; k < pieces; k++)
                {
                    int first = (int)((long)k * blocks / pieces * columns);
                    int end = (int)Math.Min(tilesPerImage, (long)(k + 1) * blocks / pieces * columns);
                    result[index++] = new WinogradTileRange(n, g, first, end);
                }
            }
        }
        return result;
    }
}
