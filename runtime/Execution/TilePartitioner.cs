using System;
using System.Collections.Generic;

namespace TConvGen;

/// <summary>Splits a problem into independent output tiles: images x groups x output-channel chunks x row bands.</summary>
internal static class TilePartitioner
{
    /// <summary>Below this many multiply-adds a run stays on the calling thread: spreading it costs more than it saves.</summary>
    internal const long ParallelThreshold = 1L << 18;

    /// <summary>Tiles per thread, so that uneven tiles still balance.</summary>
    private const int TilesPerThread = 4;

    /// <param name="problem">The validated problem.</param>
    /// <param name="threads">The threads the run may use, at least 1.</param>
    /// <param name="outChannelBlock">Channel chunks are multiples of this (the kernel's register block).</param>
    /// <param name="rowAlignment">Row bands start at multiples of this (e.g. the vertical stride, so bands share phases).</param>
    public static ConvTranspose2dTile[] Partition(ConvTranspose2dProblem problem, int threads, int outChannelBlock, int rowAlignment)
    {
        int perGroup = problem.OutChannelsPerGroup;
        int chunk = perGroup;
        int rowsPerBand = problem.OutputHeight;
        if (threads > 1 && problem.MultiplyAdds >= ParallelThreshold)
        {
            long wanted = (long)threads * TilesPerThread;
            long tiles = (long)problem.Batch * problem.Groups;
            int block = Math.Max(1, outChannelBlock);
            // Split output channels first: each chunk then reads only its slice of the weights.
            int chunks = 1;
            while (tiles * chunks < wanted && (long)(chunks * 2) * block <= perGroup)
                chunks *= 2;
            chunk = RoundUp(DivideRoundingUp(perGroup, chunks), block);
            chunks = DivideRoundingUp(perGroup, chunk);
            // Then rows, in aligned bands.
            int align = Math.Max(1, rowAlignment);
            int bands = (int)Math.Min(DivideRoundingUp(wanted, tiles * chunks), Math.Max(1, problem.OutputHeight / align));
            rowsPerBand = RoundUp(DivideRoundingUp(problem.OutputHeight, bands), align);
        }

        var result = new List<ConvTranspose2dTile>();
        for (int n = 0; n < problem.Batch; n++)
        {
            for (int g = 0; g < problem.Groups; g++)
            {
                for (int c = 0; c < perGroup; c += chunk)
                {
                    int start = g * perGroup + c;
                    int end = g * perGroup + Math.Min(perGroup, c + chunk);
                    for (int row = 0; row < problem.OutputHeight; row += rowsPerBand)
                        result.Add(new ConvTranspose2dTile(n, g, start, end, row, Math.Min(problem.OutputHeight, row + rowsPerBand)));
                }
            }
        }
        return result.ToArray();
    }

    private static int DivideRoundingUp(int value, int divisor) => (value + divisor - 1) / divisor;

    private static long DivideRoundingUp(long value, long divisor) => (value + divisor - 1) / divisor;

    private static int RoundUp(int value, int multiple) => DivideRoundingUp(value, multiple) * multiple;
}
