using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TConvGen;

/// <summary>
/// When the phase-based kernels (PhaseDirect, OneTap, ChannelVectorized, Auto's default and the generated ones) hand a
/// layer to the exact path, <see cref="PatchScatterPrepared"/>: it scatters only real input pixels into outputs that exist,
/// so it never multiplies the zero padding, and its memory is one patch (channels x kH x kW) whatever the geometry.
/// <list type="bullet">
/// <item>Weights with a NaN or an infinity: the phase kernels read zero-padded input bands, and <c>0 * Inf</c> is NaN where
/// the definition (and libtorch) adds no term at all.</item>
/// <item>Geometry the phase kernels cannot hold in bounded memory (<see cref="IsBounded"/>): their phase tables grow with the
/// stride, and their zero-padded bands with <c>dilation * (kernel - 1) / stride</c>.</item>
/// </list>
/// Both are decided once, at Prepare (and in the one-shot Run, which prepares), so finite, ordinary layers pay one pass over
/// the weights there and nothing per run.
/// </summary>
internal static class ExactPath
{
    /// <summary>The largest stride per axis the phase kernels take. Their tables are O(stride) per axis and ChannelVectorized
    /// walks all sH*sW phases per band: 256 keeps that under 64 Ki phases (a few hundred KB, microseconds) while every
    /// realistic stride (up to ~64) stays on the fast kernels.</summary>
    internal const int MaxStride = 256;

    /// <summary>How far past the kernel size the input offsets of one phase may spread, in input positions: the zero-padded
    /// band is about <c>input + 2.5 * (kernel + this)</c> columns wide. 1024 keeps dilation up to 513 at kernel 3 (257 at
    /// kernel 5) and kernels of any size at dilation 1 on the fast kernels.</summary>
    internal const int MaxExtraReach = 1024;

    /// <summary>Whether these weights or this configuration must take the exact path.</summary>
    public static bool IsRequired(ConvTranspose2dOptions options, ReadOnlySpan<float> weight) =>
        !IsBounded(options) || !AllFinite(weight);

    /// <summary>Whether the phase kernels run these options in memory proportional to the input, output and kernel: per axis
    /// the stride is at most <see cref="MaxStride"/> and the offsets a phase reads, which span <c>d*(k-1)/s</c> input
    /// positions (the padding is bounded by the input and that span, or the output would be empty), span at most
    /// <c>k + </c><see cref="MaxExtraReach"/>.</summary>
    public static bool IsBounded(ConvTranspose2dOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return AxisIsBounded(options.HeightAxis) && AxisIsBounded(options.WidthAxis);
    }

    private static bool AxisIsBounded(ConvAxis axis) =>
        axis.Stride <= MaxStride
        && (long)axis.Dilation * (axis.Kernel - 1) <= (long)axis.Stride * ((long)axis.Kernel + MaxExtraReach);

    /// <summary>Whether every value is finite (no NaN, no infinity): the exponent bits are not all ones.</summary>
    public static bool AllFinite(ReadOnlySpan<float> values)
    {
        var bits = MemoryMarshal.Cast<float, int>(values);
        const int exponent = 0x7F80_0000;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var mask = Vector256.Create(exponent);
            for (; i + Vector256<int>.Count <= bits.Length; i += Vector256<int>.Count)
            {
                if (Vector256.EqualsAny(Vector256.Create(bits.Slice(i, Vector256<int>.Count)) & mask, mask))
                    return false;
            }
        }
        for (; i < bits.Length; i++)
        {
            if ((bits[i] & exponent) == exponent)
                return false;
        }
        return true;
    }

    /// <summary>The exact path's prepared kernel for <paramref name="kernel"/>'s options, at <paramref name="level"/> lowered to what
    /// the machine runs.</summary>
    public static PreparedConvTranspose2d Prepare(ConvTranspose2d kernel, SimdLevel level, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias,
        int inChannels, int outChannels) =>
        new PatchScatterPrepared(kernel, weight, bias, inChannels, outChannels, SimdPath.Lower(level));
}
