using System;
using System.Buffers;
using System.ComponentModel;

namespace TConvGen.CompilerServices;

/// <summary>
/// Building block for generated kernels: a band of input rows copied once into a zero-padded buffer
/// <c>[row][input channel][paddedWidth]</c>, so that every vector load of an unrolled body is in bounds and border
/// outputs run the same unchecked code as the interior (taps outside the input read zeros). Not meant to be called by user code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedKernelBand
{
    /// <summary>The floats a band buffer may hold: it stays within the L2 cache while every output row of the band reads it.</summary>
    public const int BufferFloats = 1 << 17;

    /// <summary>The length of a padded row: input column 0 at <paramref name="leftPadding"/>, and room for every read
    /// <c>j + offset</c> with <c>0 &lt;= j &lt; positions</c> and <c>offset &lt;= maxOffset</c>.</summary>
    /// <param name="inputWidth">Win.</param>
    /// <param name="positions">The positions of a column phase the bodies compute (whole blocks).</param>
    /// <param name="leftPadding">Zeros left of input column 0 (at least minus the smallest column offset).</param>
    /// <param name="maxOffset">The largest column offset.</param>
    public static int PaddedWidth(int inputWidth, int positions, int leftPadding, int maxOffset) =>
        checked(leftPadding + Math.Max(inputWidth, positions + Math.Max(maxOffset, 0)));

    /// <summary>Output rows per band: as many as keep the band's input rows within <see cref="BufferFloats"/>, at least one
    /// row phase's worth, a multiple of <paramref name="strideHeight"/>.</summary>
    /// <param name="rowFloats">The floats of one packed input row (all channels of the group).</param>
    /// <param name="haloRows">The input rows one output row's taps span, minus one.</param>
    /// <param name="strideHeight">The vertical stride.</param>
    /// <param name="outputRows">The rows of the tile.</param>
    public static int OutputRowsPerBand(int rowFloats, int haloRows, int strideHeight, int outputRows)
    {
        long inputRows = Math.Max(haloRows + 1L, BufferFloats / Math.Max(1L, rowFloats));
        return (int)Math.Clamp((inputRows - haloRows) * Math.Max(1, strideHeight), 1, Math.Max(1, outputRows));
    }

    /// <summary>Rents a buffer and copies input rows <c>[firstRow, firstRow + rowCount)</c> of the group's channels into it as
    /// <c>[row][channel][paddedWidth]</c>, input column 0 at <paramref name="leftPadding"/>; rows outside the input and the
    /// padding are zeros. Give it back with <see cref="Return"/>.</summary>
    /// <param name="input">One image's input, <c>(Cin, Hin, Win)</c>.</param>
    /// <param name="problem">The validated problem.</param>
    /// <param name="group">The group whose input channels are copied.</param>
    /// <param name="firstRow">The first input row (may be negative).</param>
    /// <param name="rowCount">How many rows, at least 1.</param>
    /// <param name="leftPadding">Zeros left of input column 0.</param>
    /// <param name="paddedWidth">The length of a packed row, at least <c>leftPadding + Win</c>.</param>
    /// <returns>A rented array of at least <c>rowCount * Cin/groups * paddedWidth</c> floats.</returns>
    /// <exception cref="ArgumentException">A size does not match the problem.</exception>
    public static float[] Rent(ReadOnlySpan<float> input, ConvTranspose2dProblem problem, int group, int firstRow, int rowCount, int leftPadding, int paddedWidth)
    {
        ArgumentNullException.ThrowIfNull(problem);
        int channels = problem.InChannelsPerGroup, width = problem.InputWidth;
        if (input.Length < problem.InputImageLength || (uint)group >= (uint)problem.Groups || rowCount < 1 || leftPadding < 0 ||
            paddedWidth < leftPadding + width)
        {
            throw new ArgumentException("The band does not match the problem.");
        }
        float[] buffer = ArrayPool<float>.Shared.Rent(checked(rowCount * channels * paddedWidth));
        InputBand.Pack(input, problem, group, firstRow, rowCount, -leftPadding, paddedWidth, buffer);
        return buffer;
    }

    /// <summary>Gives back a buffer from <see cref="Rent"/>.</summary>
    public static void Return(float[] buffer) => ArrayPool<float>.Shared.Return(buffer);
}
