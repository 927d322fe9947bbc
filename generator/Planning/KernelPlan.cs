using TConvGen.Generator.Model;

namespace TConvGen.Generator.Planning;

/// <summary>One kernel column <c>kx</c>: it feeds output columns of phase <c>(ox + pW) % sW == Phase</c>
/// and reads input column <c>(ox + pW) / sW - Offset</c>.</summary>
internal sealed record ColumnTap(int Kx, int Phase, int Offset);

/// <summary>One kernel row <c>ky</c> of a row phase: it reads input row <c>(oy + pH) / sH - Offset</c>.</summary>
internal sealed record RowTap(int Ky, int Offset);

/// <summary>The output rows with <c>(oy + pH) % sH == Phase</c>: a dense stride-1 correlation over these kernel rows.</summary>
/// <param name="Phase">The row phase.</param>
/// <param name="Taps">The kernel rows that meet these output rows (may be empty when kH * dH &lt; sH).</param>
internal sealed record RowPhase(int Phase, EquatableArray<RowTap> Taps)
{
    /// <summary>The largest row offset (the tap reaching furthest up), 0 without taps.</summary>
    public int MaxOffset
    {
        get
        {
            int max = 0;
            foreach (var tap in Taps)
                max = System.Math.Max(max, tap.Offset);
            return max;
        }
    }

    /// <summary>The smallest row offset, 0 without taps.</summary>
    public int MinOffset
    {
        get
        {
            int min = Taps.Count == 0 ? 0 : int.MaxValue;
            foreach (var tap in Taps)
                min = System.Math.Min(min, tap.Offset);
            return min;
        }
    }
}

/// <summary>Everything the emitter needs for one configuration, computed once from the spec.</summary>
/// <param name="Spec">The configuration.</param>
/// <param name="RowPhases">One entry per row phase, <c>sH</c> of them.</param>
/// <param name="ColumnTaps">Every kernel column, with its phase and input offset.</param>
/// <param name="ColumnStart">The first column quotient <c>(ox + pW) / sW</c> a vector block may start at: every tap is inside
/// the input and every phase's output is at column 0 or later.</param>
/// <param name="MaxColumnOffset">The largest column offset (the tap reaching furthest left).</param>
/// <param name="ChannelBlock">Output channels computed together by one body (the register block).</param>
/// <param name="BlockSizes">The block sizes that get a body: the register block, then its halves for a group's remaining channels.</param>
/// <param name="FallbackReason">Why the configuration is not unrolled (the dynamic kernel runs it), or null.</param>
internal sealed record KernelPlan(
    ConvSpec Spec,
    EquatableArray<RowPhase> RowPhases,
    EquatableArray<ColumnTap> ColumnTaps,
    int ColumnStart,
    int MaxColumnOffset,
    int ChannelBlock,
    EquatableArray<int> BlockSizes,
    string? FallbackReason);
