using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TConvGen.Generator.Model;

namespace TConvGen.Generator.Planning;

/// <summary>Spec -> <see cref="KernelPlan"/>: phases, taps, offsets and blocking. Pure.</summary>
internal static class Planner
{
    public static KernelPlan Plan(ConvSpec spec, KernelApi api = KernelApi.ConvTranspose2d)
    {
        // Past the limits nothing is unrolled, so nothing is planned (and huge kernels or strides are never enumerated).
        if (FallbackReason(spec, api) is { } reason)
            return new KernelPlan(spec, EquatableArray<RowPhase>.Empty, EquatableArray<ColumnTap>.Empty,
                EquatableArray<RegisterBlocking>.Empty, reason);
        var rowPhases = RowPhases(spec.Height);
        var columnTaps = ColumnTaps(spec.Width);
        // Targets with the same blocking share its bodies (they are generic over the width).
        var blockings = UnrollLimits.TargetsFor(spec)
            .Select(target => (Target: target, Block: RegisterBlock(spec, rowPhases, columnTaps, target)))
            .GroupBy(planned => planned.Block)
            .Select(group => new RegisterBlocking(group.Key.Block, EquatableArray.From(BlockSizes(spec, group.Key.Block)), group.Key.Vectors,
                EquatableArray.From(group.Select(planned => planned.Target))))
            .ToList();
        return new KernelPlan(spec, EquatableArray.From(rowPhases), EquatableArray.From(columnTaps), EquatableArray.From(blockings), null,
            WinogradPlanner.Plan(spec));
    }

    /// <summary>Why a configuration is not unrolled, or null when it is; in the words of the method's API (a 1-D layer has one
    /// axis, the planar form's width).</summary>
    public static string? FallbackReason(ConvSpec spec, KernelApi api = KernelApi.ConvTranspose2d)
    {
        bool line = api == KernelApi.ConvTranspose1d;
        if (spec.Width.Stride > UnrollLimits.MaxStrideWidth)
            return Format(line ? "the stride {0} exceeds {1} (one accumulator per phase would not fit in registers)"
                : "the horizontal stride {0} exceeds {1} (one accumulator per column phase would not fit in registers)",
                spec.Width.Stride, UnrollLimits.MaxStrideWidth);
        if (spec.Height.Stride > UnrollLimits.MaxStrideHeight)
            return Format("the vertical stride {0} exceeds {1} (each row phase gets its own unrolled body)", spec.Height.Stride, UnrollLimits.MaxStrideHeight);
        // Every phase holds at least one kernel column per row tap, so kernels larger than the limit never fit.
        if (spec.Width.Kernel > UnrollLimits.MaxTapsPerPhase || spec.Height.Kernel > UnrollLimits.MaxTapsPerPhase)
            return line ? Format("the kernel size {0} exceeds the unroll limit of {1} taps per phase", spec.Width.Kernel, UnrollLimits.MaxTapsPerPhase)
                : Format("the kernel ({0} x {1}) exceeds the unroll limit of {2} taps per phase", spec.Height.Kernel, spec.Width.Kernel, UnrollLimits.MaxTapsPerPhase);
        int taps = MaxRowTaps(RowPhases(spec.Height)) * spec.Width.Kernel;
        if (taps > UnrollLimits.MaxTapsPerPhase)
            return Format("a phase has {0} taps per output channel, more than the unroll limit of {1}", taps, UnrollLimits.MaxTapsPerPhase);
        return null;
    }

    /// <summary>Row phase r (output rows <c>oy = r + sH * j</c>) holds the kernel rows that reach it, each reading input row
    /// <c>j + offset</c>: the runtime's <see cref="AxisPhases"/>.</summary>
    public static List<RowPhase> RowPhases(ConvAxis axis)
    {
        var phases = new AxisPhases(axis);
        return Enumerable.Range(0, phases.Stride)
            .Select(r => new RowPhase(r, EquatableArray.From(phases.Taps[r].Select((k, t) => new RowTap(k, phases.Offsets[r][t])))))
            .ToList();
    }

    /// <summary>Every kernel column, in order, with the column phase it feeds and the input offset it reads (<see cref="AxisPhases"/>).</summary>
    public static List<ColumnTap> ColumnTaps(ConvAxis axis)
    {
        var phases = new AxisPhases(axis);
        return Enumerable.Range(0, phases.Stride)
            .SelectMany(r => phases.Taps[r].Select((k, t) => new ColumnTap(k, r, phases.Offsets[r][t])))
            .OrderBy(tap => tap.Kx)
            .ToList();
    }

    /// <summary>The register block (output channels x vectors per column phase) with the best estimated throughput.
    /// Per input channel a body issues <c>taps x block x vectors</c> multiply-adds and
    /// <c>rowTaps x distinctColumnOffsets x vectors</c> input loads plus <c>taps x block</c> weight broadcasts:
    /// wider blocks share loads and broadcasts, within the accumulator budget, and need 8 or more accumulators to hide the
    /// multiply-add latency. With the channel count known, blocks that leave a remainder are charged for the smaller blocks
    /// that compute it. A larger block must be more than 2% cheaper to win, since it wastes more of a short row.</summary>
    public static (int Block, int Vectors) RegisterBlock(ConvSpec spec, IReadOnlyList<RowPhase> rowPhases, IReadOnlyList<ColumnTap> columnTaps, BodyTarget target)
    {
        int perGroup = spec.OutChannels > 0 ? spec.OutChannels / spec.Groups : 0;
        int rowTaps = MaxRowTaps(rowPhases);
        int taps = rowTaps * spec.Width.Kernel;
        int offsets = columnTaps.Select(tap => tap.Offset).Distinct().Count();
        int phases = Math.Max(1, columnTaps.Select(tap => tap.Phase).Distinct().Count());
        var candidates = new List<(int Block, int Vectors, double Cost)>();
        for (int block = 1; block <= UnrollLimits.MaxChannelBlock; block++)
        {
            // Unknown channel counts get power-of-two blocks of at most 4 (remainders halve); known ones any block that fits.
            if (perGroup == 0 ? block > 4 || (block & (block - 1)) != 0 : block > perGroup)
                continue;
            // Powers of two: row widths usually are, so whole blocks cover them.
            for (int vectors = 1; vectors <= UnrollLimits.MaxVectors && vectors * target.Lanes <= UnrollLimits.MaxPositions(target.Lanes); vectors *= 2)
            {
                int accumulators = block * phases * vectors;
                if (accumulators > UnrollLimits.MaxAccumulators || accumulators + vectors + 1 > UnrollLimits.UsableRegisters(target) ||
                    taps * block * vectors > UnrollLimits.MaxMultiplyAddsPerBody)
                {
                    continue;
                }
                candidates.Add((block, vectors, CostPerOutput(block, vectors, taps, rowTaps, offsets, phases, perGroup)));
            }
        }
        // Within 2% of the cheapest, the smallest block wins: the run-time width is unknown, and a wide block wastes more of a short row.
        double cheapest = candidates.Min(candidate => candidate.Cost);
        var best = candidates.Where(candidate => candidate.Cost <= cheapest * 1.02)
            .OrderBy(candidate => candidate.Block * candidate.Vectors).ThenByDescending(candidate => candidate.Block).First();
        return (best.Block, best.Vectors);
    }

    /// <summary>Estimated cycles per output vector of one channel, per input channel, over a group's blocks.</summary>
    private static double CostPerOutput(int block, int vectors, int taps, int rowTaps, int offsets, int phases, int perGroup)
    {
        // Multiply-adds and loads at 2 per cycle each, 3 per cycle together (measured: a body with as many loads as
        // multiply-adds runs well below the multiply-add peak); each accumulator's chain of taps at 4 cycles per multiply-add.
        double Body(int b)
        {
            double multiplyAdds = taps * b * vectors, loads = rowTaps * offsets * vectors + taps * b;
            double cycles = Math.Max(Math.Max(multiplyAdds / 2, loads / 2), Math.Max((multiplyAdds + loads) / 3, taps / (double)phases * 4));
            return cycles / (b * phases * vectors);
        }
        if (perGroup == 0 || perGroup % block == 0)
            return Body(block);
        // The remainder runs in halving blocks, as GeneratedKernelWeights.BlockAt cuts it.
        double total = perGroup / block * block * Body(block);
        for (int left = perGroup % block, size = block / 2; left > 0; size = Math.Max(1, size / 2))
        {
            if (size > left)
                continue;
            total += size * Body(size);
            left -= size;
        }
        return total / perGroup;
    }

    /// <summary>The block sizes a group's channels are cut into: the register block, then halves of it for the remainder
    /// (as GeneratedKernelWeights.BlockAt cuts them), unless the channel count is known and a multiple of the block.</summary>
    public static List<int> BlockSizes(ConvSpec spec, int block)
    {
        var sizes = new List<int> { block };
        bool exact = spec.OutChannels > 0 && spec.OutChannels / spec.Groups % block == 0;
        for (int size = block / 2; !exact && size >= 1; size /= 2)
            sizes.Add(size);
        return sizes;
    }

    private static int MaxRowTaps(IEnumerable<RowPhase> phases) => Math.Max(1, phases.Max(phase => phase.Taps.Count));

    private static string Format(string format, params object[] arguments) => string.Format(CultureInfo.InvariantCulture, format, arguments);
}
