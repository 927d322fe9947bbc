using System;

namespace TConvGen;

/// <summary>
/// The zero-padded input band that lets kernels run borders through the same unchecked code as the interior: input rows
/// of one group copied as <c>[row][channel][paddedWidth]</c>, input column 0 at <c>leftPadding</c>, zeros around.
/// Shared by PhaseDirect and the generated kernels (through <see cref="CompilerServices.GeneratedKernelBand"/>).
/// </summary>
internal static class InputBand
{
    /// <summary>Copies input rows <c>[firstRow, firstRow + rowCount)</c> of <paramref name="group"/>'s channels into
    /// <paramref name="destination"/>; rows outside the input and the padding become zeros.</summary>
    /// <param name="input">One image's input, <c>(Cin, Hin, Win)</c>.</param>
    /// <param name="problem">The validated problem.</param>
    /// <param name="group">The group whose input channels are copied.</param>
    /// <param name="firstRow">The first input row (may be negative).</param>
    /// <param name="rowCount">How many rows (0 copies nothing).</param>
    /// <param name="leftPadding">Zeros left of input column 0.</param>
    /// <param name="paddedWidth">The length of a packed row, at least <c>leftPadding + Win</c>.</param>
    /// <param name="destination">At least <c>rowCount * Cin/groups * paddedWidth</c> floats.</param>
    public static void Pack(ReadOnlySpan<float> input, ConvTranspose2dProblem problem, int group, int firstRow, int rowCount,
        int leftPadding, int paddedWidth, Span<float> destination)
    {
        int channels = problem.InChannelsPerGroup, width = problem.InputWidth;
        int rowFloats = checked(channels * paddedWidth);
        for (int r = 0; r < rowCount; r++)
        {
            var band = destination.Slice(r * rowFloats, rowFloats);
            int row = firstRow + r;
            if (row < 0 || row >= problem.InputHeight)
            {
                band.Clear();
                continue;
            }
            for (int c = 0; c < channels; c++)
            {
                var packed = band.Slice(c * paddedWidth, paddedWidth);
                packed.Slice(0, leftPadding).Clear();
                input.Slice((group * channels + c) * problem.InputPlaneLength + row * width, width).CopyTo(packed.Slice(leftPadding));
                packed.Slice(leftPadding + width).Clear();
            }
        }
    }
}
