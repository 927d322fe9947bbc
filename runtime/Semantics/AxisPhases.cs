using System;

namespace TConvGen;

/// <summary>
/// The sub-pixel (phase) decomposition of one axis. Output position <c>o = r + s*j</c> (phase <c>r</c> in <c>[0, s)</c>)
/// only meets the taps <c>k</c> with <c>(r + p - k*d) % s == 0</c>, each reading input <c>j + offset(k)</c>, so a phase
/// is a dense stride-1 correlation with its own short tap list: no multiplication by the zeros a stride inserts.
/// </summary>
internal sealed class AxisPhases
{
    public AxisPhases(ConvAxis axis)
    {
        Stride = axis.Stride;
        // Each tap reaches exactly one phase, r = (k*d - p) mod s: one pass to count, one to fill (O(s + k), not O(s * k)).
        var counts = new int[Stride];
        for (int k = 0; k < axis.Kernel; k++)
            counts[PhaseOf(axis, k)]++;
        Taps = new int[Stride][];
        Offsets = new int[Stride][];
        for (int r = 0; r < Stride; r++)
        {
            Taps[r] = new int[counts[r]];
            Offsets[r] = new int[counts[r]];
        }
        var filled = new int[Stride];
        int minOffset = int.MaxValue, maxOffset = int.MinValue;
        for (int k = 0; k < axis.Kernel; k++)
        {
            int r = PhaseOf(axis, k), t = filled[r]++;
            // Exact division: the numerator is a multiple of the stride.
            int offset = (int)(((long)r + axis.Padding - (long)k * axis.Dilation) / Stride);
            Taps[r][t] = k;
            Offsets[r][t] = offset;
            minOffset = Math.Min(minOffset, offset);
            maxOffset = Math.Max(maxOffset, offset);
        }
        MinOffset = minOffset == int.MaxValue ? 0 : minOffset;
        MaxOffset = maxOffset == int.MinValue ? 0 : maxOffset;
    }

    /// <summary>The stride s: the number of phases.</summary>
    public int Stride { get; }

    /// <summary>Per phase, the kernel taps that reach it.</summary>
    public int[][] Taps { get; }

    /// <summary>Per phase, for each tap, the input offset: output <c>r + s*j</c> reads input <c>j + offset</c>.</summary>
    public int[][] Offsets { get; }

    /// <summary>The smallest offset over all phases (0 when no tap reaches any phase).</summary>
    public int MinOffset { get; }

    /// <summary>The largest offset over all phases (0 when no tap reaches any phase).</summary>
    public int MaxOffset { get; }

    /// <summary>How many output positions phase <paramref name="phase"/> has in an output of <paramref name="outputLength"/>.</summary>
    public int PhaseLength(int phase, int outputLength) =>
        phase >= outputLength ? 0 : (outputLength - phase + Stride - 1) / Stride;

    /// <summary>The phase tap <paramref name="k"/> reaches: the r in [0, s) with <c>(r + p - k*d) % s == 0</c>.</summary>
    private static int PhaseOf(ConvAxis axis, int k)
    {
        long remainder = ((long)k * axis.Dilation - axis.Padding) % axis.Stride;
        return (int)(remainder < 0 ? remainder + axis.Stride : remainder);
    }
}
