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
            return new KernelPlan(spec, EquatableArray<RowPhase>.Empty, EquatableArray<ColumnTap>.Empty, 1, EquatableArray.From(new[] { 1 }), 1, reason);
        var rowPhases = RowPhases(spec.Height);
        var columnTaps = ColumnTaps(spec.Width);
        int pairs = MaxRowTaps(rowPhases) * spec.Width.Kernel;
        int block = ChannelBlock(spec);
        int vectors = Vectors(spec.Width.Stride, block, pairs);
        return new KernelPlan(spec, EquatableArray.From(rowPhases), EquatableArray.From(columnTaps), block, EquatableArray.From(BlockSizes(spec, block)),
            vectors, null);
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

    /// <summary>Row phase r (output rows <c>oy = r + sH * j</c>) holds the kernel rows with <c>(r + pH - ky * dH) % sH == 0</c>;
    /// such a row reads input row <c>j + (r + pH - ky * dH) / sH</c>.</summary>
    public static List<RowPhase> RowPhases(AxisSpec axis)
    {
        var phases = new List<RowPhase>();
        for (int phase = 0; phase < axis.Stride; phase++)
        {
            var taps = Enumerable.Range(0, axis.Kernel)
                .Where(k => Modulo((long)phase + axis.Padding - (long)k * axis.Dilation, axis.Stride) == 0)
                .Select(k => new RowTap(k, (int)(((long)phase + axis.Padding - (long)k * axis.Dilation) / axis.Stride)));
            phases.Add(new RowPhase(phase, EquatableArray.From(taps)));
        }
        return phases;
    }

    /// <summary>Kernel column kx feeds output phase <c>(kx * dW - pW) mod sW</c> and reads input column <c>j + (phase + pW - kx * dW) / sW</c>.</summary>
    public static List<ColumnTap> ColumnTaps(AxisSpec axis) =>
        Enumerable.Range(0, axis.Kernel)
            .Select(k =>
            {
                int phase = (int)Modulo((long)k * axis.Dilation - axis.Padding, axis.Stride);
                return new ColumnTap(k, phase, (int)(((long)phase + axis.Padding - (long)k * axis.Dilation) / axis.Stride));
            })
            .ToList();

    /// <summary>The register block of output channels. With the channel count known: its largest divisor up to 8 whose
    /// accumulators (one per column phase) fit, so that no remainder block is needed (21 channels: blocks of 7); without a
    /// divisor above 1 (or unknown), the largest power of two that fits, 4 at most when unknown.</summary>
    public static int ChannelBlock(ConvSpec spec)
    {
        int stride = spec.Width.Stride;
        int perGroup = spec.OutChannels > 0 ? spec.OutChannels / spec.Groups : 0;
        bool Fits(int block) => block * stride <= UnrollLimits.MaxAccumulators;
        if (perGroup > 0)
        {
            for (int block = Math.Min(UnrollLimits.MaxChannelBlock, perGroup); block > 1; block--)
            {
                if (perGroup % block == 0 && Fits(block))
                    return block;
            }
        }
        int limit = perGroup > 0 ? Math.Min(perGroup, UnrollLimits.MaxChannelBlock) : 4;
        foreach (int candidate in new[] { 8, 4, 2 })
        {
            if (candidate <= limit && Fits(candidate))
                return candidate;
        }
        return 1;
    }

    /// <summary>Vectors per column phase: as many as the accumulator budget and the body size allow.</summary>
    public static int Vectors(int stride, int block, int tapsPerChannel)
    {
        int byRegisters = UnrollLimits.MaxAccumulators / Math.Max(1, block * stride);
        int bySize = UnrollLimits.MaxMultiplyAddsPerBody / Math.Max(1, block * tapsPerChannel);
        return Math.Max(1, Math.Min(UnrollLimits.MaxVectors, Math.Min(byRegisters, bySize)));
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

    private static long Modulo(long value, int divisor) => ((value % divisor) + divisor) % divisor;

    private static string Format(string format, params object[] arguments) => string.Format(CultureInfo.InvariantCulture, format, arguments);
}
