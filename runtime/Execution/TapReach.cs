using System;

namespace TConvGen;

/// <summary>
/// Which input positions reach which outputs along one axis (<c>o = i*s - p + k*d</c>), and the bias fill that starts a
/// tile: shared by the kernels that scatter from input positions (GemmCol2Im, PatchScatter).
/// </summary>
internal static class TapReach
{
    /// <summary>The input rows <c>[first, last]</c> with a tap in output rows <c>[rowStart, rowEnd)</c>; empty when last &lt; first.</summary>
    public static (int First, int Last) InputRows(ConvTranspose2dProblem problem, int rowStart, int rowEnd)
    {
        var o = problem.Options;
        int first = Math.Max(0, CeilingDivide((long)rowStart + o.PaddingHeight - (long)(o.KernelHeight - 1) * o.DilationHeight, o.StrideHeight));
        int last = Math.Min(problem.InputHeight - 1, FloorDivide(rowEnd - 1L + o.PaddingHeight, o.StrideHeight));
        return (first, last);
    }

    /// <summary>The input positions <c>[first, last]</c> along an axis of <paramref name="inputLength"/> whose
    /// <c>o = i*stride + shift</c> lies in <c>[0, outputLength)</c>.</summary>
    public static (int First, int Last) ReachingInputs(long shift, int stride, int inputLength, int outputLength) =>
        (Math.Max(0, CeilingDivide(-shift, stride)), Math.Min(inputLength - 1, FloorDivide(outputLength - 1L - shift, stride)));

    /// <summary>Writes each output channel's bias into the tile's rows.</summary>
    public static void FillBias(Span<float> output, ConvTranspose2dProblem problem, ConvTranspose2dTile tile, float[] bias)
    {
        for (int oc = tile.OutChannelStart; oc < tile.OutChannelEnd; oc++)
            output.Slice(oc * problem.OutputPlaneLength + tile.RowStart * problem.OutputWidth, (tile.RowEnd - tile.RowStart) * problem.OutputWidth).Fill(bias[oc]);
    }

    /// <summary>floor(value / divisor) for a positive divisor (|value| below 2^62), clamped to the int range (the callers clamp it further).</summary>
    private static int FloorDivide(long value, int divisor) =>
        (int)Math.Clamp(value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor), int.MinValue, int.MaxValue);

    /// <summary>ceil(value / divisor) for a positive divisor.</summary>
    private static int CeilingDivide(long value, int divisor) => -FloorDivide(-value, divisor);
}
