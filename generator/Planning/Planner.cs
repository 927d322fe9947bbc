using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TConvGen.Generator.Model;

namespace TConvGen.Generator.Planning;

/// <summary>Spec -> <see cref="KernelPlan"/>: phases, taps, offsets and blocking. Pure.</summary>
internal static class Planner
{
    public static KernelPlan Plan(ConvSpec spec)
    {
        // Past the limits nothing is unrolled, so nothing is planned (and huge kernels or strides are never enumerated).
        if (FallbackReason(spec) is { } reason)
            return new KernelPlan(spec, EquatableArray<RowPhase>.Empty, EquatableArray<ColumnTap>.Empty, 0, 0, 1, EquatableArray.From(new[] { 1 }), reason);
        var rowPhases = RowPhases(spec.Height);
        var columnTaps = ColumnTaps(spec.Width);
        int maxColumnOffset = columnTaps.Max(tap => tap.Offset);
        int columnStart = Math.Max(DivideRoundingUp(spec.Width.Padding, spec.Width.Stride), maxColumnOffset);
        int block = ChannelBlock(spec, MaxRowTaps(rowPhases) * spec.Width.Kernel);
        var sizes = BlockSizes(spec, block);
        return new KernelPlan(spec, EquatableArray.From(rowPhases), EquatableArray.From(columnTaps), columnStart, maxColumnOffset, block,
            EquatableArray.From(sizes), null);
    }

    /// <summary>Why a configuration is not unrolled, or null when it is.</summary>
    public static string? FallbackReason(ConvSpec spec)
    {
        if (spec.Width.Stride > UnrollLimits.MaxStrideWidth)
            return Format("the horizontal stride {0} exceeds {1} (one accumulator per column phase would not fit in registers)",
                spec.Width.Stride, UnrollLimits.MaxStrideWidth);
        if (spec.Height.Stride > UnrollLimits.MaxStrideHeight)
            return Format("the vertical stride {0} exceeds {1} (each row phase gets its own unrolled body)", spec.Height.Stride, UnrollLimits.MaxStrideHeight);
        // Every phase holds at least one kernel column per row tap, so kernels larger than the limit never fit.
        if (spec.Width.Kernel > UnrollLimits.MaxTapsPerPhase || spec.Height.Kernel > UnrollLimits.MaxTapsPerPhase)
            return Format("the kernel ({0} x {1}) exceeds the unroll limit of {2} taps per phase", spec.Height.Kernel, spec.Width.Kernel, UnrollLimits.MaxTapsPerPhase);
        int taps = MaxRowTaps(RowPhases(spec.Height)) * spec.Width.Kernel;
        if (taps > UnrollLimits.MaxTapsPerPhase)
            return Format("a phase has {0} taps per output channel, more than the unroll limit of {1}", taps, UnrollLimits.MaxTapsPerPhase);
        return null;
    }

    /// <summary>Row phase p holds the kernel rows with <c>ky * dH % sH == p</c>; such a row reads input row <c>q - ky * dH / sH</c>.</summary>
    public static List<RowPhase> RowPhases(AxisSpec axis)
    {
        var phases = new List<RowPhase>();
        for (int phase = 0; phase < axis.Stride; phase++)
        {
            var taps = Enumerable.Range(0, axis.Kernel)
                .Where(k => k * axis.Dilation % axis.Stride == phase)
                .Select(k => new RowTap(k, k * axis.Dilation / axis.Stride));
            phases.Add(new RowPhase(phase, EquatableArray.From(taps)));
        }
        return phases;
    }

    /// <summary>Kernel column kx feeds column phase <c>kx * dW % sW</c> and reads input column <c>qx - kx * dW / sW</c>.</summary>
    public static List<ColumnTap> ColumnTaps(AxisSpec axis) =>
        Enumerable.Range(0, axis.Kernel)
            .Select(k => new ColumnTap(k, k * axis.Dilation % axis.Stride, k * axis.Dilation / axis.Stride))
            .ToList();

    /// <summary>The register block of output channels: the largest of 8, 4, 2, 1 whose accumulators and body fit the limits,
    /// or the per-group channel count when it is known and smaller.</summary>
    public static int ChannelBlock(ConvSpec spec, int tapsPerChannel)
    {
        int perGroup = spec.OutChannels > 0 ? spec.OutChannels / spec.Groups : 0;
        foreach (int candidate in new[] { 8, 4, 2, 1 })
        {
            int block = perGroup > 0 ? Math.Min(candidate, perGroup) : candidate;
            if (block * spec.Width.Stride <= UnrollLimits.MaxAccumulators && block * Math.Max(tapsPerChannel, 1) <= UnrollLimits.MaxMultiplyAddsPerBody)
                return block;
        }
        return 1;
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

    private static int MaxRowTaps(IEnumerable<RowPhase> phases) => phases.Max(phase => phase.Taps.Count);

    private static int DivideRoundingUp(int value, int divisor) => (value + divisor - 1) / divisor;

    private static string Format(string format, params object[] arguments) => string.Format(CultureInfo.InvariantCulture, format, arguments);
}
