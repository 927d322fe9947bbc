using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TConvGen;

/// <summary>
/// The zero-padded input band that lets kernels run borders through the same unchecked code as the interior: input rows
/// of one group copied as <c>[row][channel][paddedWidth]</c>, packed column <c>k</c> holding input column
/// <c>firstColumn + k</c>, zeros outside the input. Shared by PhaseDirect, OneTap and the generated kernels (through
/// <see cref="CompilerServices.GeneratedKernelBand"/>).
/// </summary>
internal static unsafe class InputBand
{
    /// <summary>The copy prefetches the rows of the channel this many channels ahead: the rows of one channel are a short
    /// run (the hardware prefetcher barely starts), and the input is usually out of L2 (OneTap, 128->3 64x64: 245 -> 215 us
    /// for a run dominated by the packing).</summary>
    private const int PrefetchDistance = 4;

    /// <summary>Copies input rows <c>[firstRow, firstRow + rowCount)</c> of <paramref name="group"/>'s channels into
    /// <paramref name="destination"/>; rows and columns outside the input become zeros.</summary>
    /// <param name="input">One image's input, <c>(Cin, Hin, Win)</c>.</param>
    /// <param name="problem">The validated problem.</param>
    /// <param name="group">The group whose input channels are copied.</param>
    /// <param name="firstRow">The first input row (may be negative).</param>
    /// <param name="rowCount">How many rows (0 copies nothing).</param>
    /// <param name="firstColumn">The input column at packed column 0: negative for zeros left of the input, positive to skip columns.</param>
    /// <param name="paddedWidth">The length of a packed row.</param>
    /// <param name="destination">At least <c>rowCount * Cin/groups * paddedWidth</c> floats.</param>
    /// <exception cref="ArgumentException">The band does not fit the input or the destination.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs once per band: tiering would leave its loops unoptimised
    public static void Pack(ReadOnlySpan<float> input, ConvTranspose2dProblem problem, int group, int firstRow, int rowCount,
        int firstColumn, int paddedWidth, Span<float> destination)
    {
        int channels = problem.InChannelsPerGroup, width = problem.InputWidth;
        long rowFloats = (long)channels * paddedWidth;
        if (rowCount < 0 || paddedWidth < 0 || (uint)group >= (uint)problem.Groups || input.Length < problem.InputImageLength
            || rowCount * rowFloats > destination.Length)
        {
            throw new ArgumentException("The band does not fit the input or the destination.");
        }
        // Packed columns [0, lead) are left of the input, [lead, lead + count) copy input columns [from, from + count).
        int lead = (int)Math.Clamp(-(long)firstColumn, 0, paddedWidth);
        int from = Math.Max(0, firstColumn);
        int count = Math.Clamp(width - from, 0, paddedWidth - lead);
        // The rows that exist; the others are zeros.
        int validStart = Math.Max(firstRow, 0), validEnd = (int)Math.Min((long)firstRow + rowCount, problem.InputHeight);
        if (validEnd <= validStart)
        {
            destination.Slice(0, (int)(rowCount * rowFloats)).Clear();
            return;
        }
        destination.Slice(0, (int)((validStart - firstRow) * rowFloats)).Clear();
        destination.Slice((int)((validEnd - firstRow) * rowFloats), (int)((firstRow + rowCount - validEnd) * rowFloats)).Clear();

        fixed (float* source = input)
        fixed (float* target = destination)
        {
            // Channel outermost: the rows of one channel are contiguous in the input. Rows are short (a few hundred bytes),
            // so an inline vector loop beats a memmove call per row (OneTap, 128->64 64x64: 140 us with CopyTo, 100 us so).
            int lines = (int)Math.Clamp(((long)(validEnd - validStart) * width - from) / 16, 0, 1 << 12);
            for (int c = 0; c < channels; c++)
            {
                float* channel = source + ((nint)group * channels + c) * problem.InputPlaneLength + (nint)validStart * width + from;
                if (Sse.IsSupported && c + PrefetchDistance < channels)
                {
                    // Whole lines inside the same rows of a later channel of the group (a prefetch never faults, but stays inside the input anyway).
                    float* ahead = channel + PrefetchDistance * (nint)problem.InputPlaneLength;
                    for (int line = 0; line < lines; line++)
                        Sse.Prefetch0(ahead + line * 16);
                }
                for (int row = validStart; row < validEnd; row++)
                {
                    CopyRow(channel, target + (row - firstRow) * rowFloats + (nint)c * paddedWidth, lead, count, paddedWidth);
                    channel += width;
                }
            }
        }
    }

    /// <summary>Zeros <c>[0, lead)</c>, copies <paramref name="count"/> floats to <c>[lead, lead + count)</c>, zeros the rest of <paramref name="length"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyRow(float* from, float* to, int lead, int count, int length)
    {
        int k = 0;
        for (; k < lead; k++)
            to[k] = 0f;
        float* copy = to + lead;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= count; i += 8)
                Vector256.Store(Vector256.Load(from + i), copy + i);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            // x64 without AVX2 and ARM64: the element loop copied 3x slower (DOTNET_EnableAVX2=0, the band of 56->1 64x64 k9s3p4: 220-234 us, 65-93 us so).
            for (; i + 4 <= count; i += 4)
                Vector128.Store(Vector128.Load(from + i), copy + i);
        }
        for (; i < count; i++)
            copy[i] = from[i];
        for (k = lead + count; k < length; k++)
            to[k] = 0f;
    }
}
