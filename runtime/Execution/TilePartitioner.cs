using System;
using System.Collections.Generic;

namespace TConvGen;

/// <summary>Splits a problem into independent output tiles: images x groups x output-channel chunks x row bands.</summary>
/// <remarks>
/// Tuned on the dynamic kernels (2-core Zen 5, shared): a run is split only when its estimated single-thread time is
/// around 50 us or more (<see cref="ParallelWorkThreshold"/>; a fork/join of Parallel.For costs 2-12 us here), into
/// about four tiles per thread: on a loaded machine a worker that the OS delays then holds back less work (two tiles per
/// thread ran 0.5-0.7x of one thread's speed under load, four ran 0.9-1.0x; the split itself adds 0-15% CPU time). Whether channels or
/// rows are split first depends on which tensor a split would make every tile re-read: when the weights outweigh the
/// input, a row split makes every tile stream all the weights (1024->512 on 4x4: 5-8x the CPU time), so channels go
/// first; otherwise a channel split makes every tile re-read (and re-pack) the whole input (128->64 on 64x64, k2s2:
/// 1.6x the CPU time against 1.0-1.1x for rows), so rows go first.
/// </remarks>
internal static class TilePartitioner
{
    /// <summary>Below this many multiply-adds a run stays on the calling thread whatever its size. The real decision is
    /// <see cref="ParallelWorkThreshold"/>; this floor only spares tiny problems the estimate.</summary>
    internal const long ParallelThreshold = 1L << 14;

    /// <summary>The estimated work (<see cref="EstimatedWork"/>) from which a run is split: about 50 us on one core.</summary>
    internal const long ParallelWorkThreshold = 1L << 21;

    /// <summary>Tiles per thread, so that uneven tiles (or a thread the OS delays) still balance.</summary>
    internal const int TilesPerThread = 4;

    /// <summary>The work of a run in multiply-add equivalents: the multiply-adds (~50 per ns vectorised) plus a cost per
    /// output element for the memory traffic (~1.5 elements per ns), which dominates single-channel problems.</summary>
    internal static long EstimatedWork(ConvTranspose2dProblem problem) => problem.MultiplyAdds + 32L * problem.OutputLength;

    /// <param name="problem">The validated problem.</param>
    /// <param name="threads">The threads the run may use, at least 1.</param>
    /// <param name="outChannelBlock">Channel chunks are multiples of this (the kernel's register block).</param>
    /// <param name="rowAlignment">Row bands start at multiples of this (e.g. the vertical stride, so bands share phases).</param>
    public static ConvTranspose2dTile[] Partition(ConvTranspose2dProblem problem, int threads, int outChannelBlock, int rowAlignment) =>
        Partition(problem, threads, outChannelBlock, rowAlignment, EstimatedWork(problem));

    /// <summary>As above, with the kernel's own estimate of the work in place of <see cref="EstimatedWork"/>.</summary>
    public static ConvTranspose2dTile[] Partition(ConvTranspose2dProblem problem, int threads, int outChannelBlock, int rowAlignment, long estimatedWork)
    {
        int perGroup = problem.OutChannelsPerGroup;
        int chunk = perGroup;
        int rowsPerBand = problem.OutputHeight;
        if (Splits(problem, threads, estimatedWork))
        {
            long wanted = (long)threads * TilesPerThread;
            long tiles = (long)problem.Batch * problem.Groups;
            int block = Math.Max(1, outChannelBlock);
            int align = Math.Max(1, rowAlignment);
            int maxBands = Math.Max(1, problem.OutputHeight / align);
            long weights = (long)problem.InChannelsPerGroup * perGroup * problem.KernelPlaneLength;
            long input = (long)problem.InChannelsPerGroup * problem.InputPlaneLength;
            bool channelsFirst = weights > input;

            int bands = 1;
            if (!channelsFirst)
                bands = (int)Math.Min(DivideRoundingUp(wanted, tiles), maxBands);
            // Split output channels: each chunk then reads only its slice of the weights.
            int chunks = 1;
            while (tiles * bands * chunks < wanted && (long)(chunks * 2) * block <= perGroup)
                chunks *= 2;
            chunk = RoundUp(DivideRoundingUp(perGroup, chunks), block);
            chunks = DivideRoundingUp(perGroup, chunk);
            // Then (or still) rows, in aligned bands.
            bands = (int)Math.Min(Math.Max(bands, DivideRoundingUp(wanted, tiles * chunks)), maxBands);
            // In 64 bits: the alignment may be a stride near the int range (then there is one band, the whole output).
            rowsPerBand = (int)Math.Min(problem.OutputHeight, DivideRoundingUp(DivideRoundingUp((long)problem.OutputHeight, bands), align) * align);
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
                    for (long row = 0; row < problem.OutputHeight; row += rowsPerBand)
                        result.Add(new ConvTranspose2dTile(n, g, start, end, (int)row, (int)Math.Min(problem.OutputHeight, row + rowsPerBand)));
                }
            }
        }
        return result.ToArray();
    }

    /// <summary>Whether a run of this much <paramref name="estimatedWork"/> is split over <paramref name="threads"/> at all.</summary>
    internal static bool Splits(ConvTranspose2dProblem problem, int threads, long estimatedWork) =>
        threads > 1 && problem.MultiplyAdds >= ParallelThreshold && estimatedWork >= ParallelWorkThreshold;

    internal static int DivideRoundingUp(int value, int divisor) => (value + divisor - 1) / divisor;

    internal static long DivideRoundingUp(long value, long divisor) => (value + divisor - 1) / divisor;

    private static int RoundUp(int value, int multiple) => DivideRoundingUp(value, multiple) * multiple;
}
