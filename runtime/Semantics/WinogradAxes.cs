namespace TConvGen;

/// <summary>
/// The axes the two Winograd tilings compute, written once for the runtime's kernels and the generator (which links this
/// file): a layer runs a tiling when both of its axes are that tiling's.
/// </summary>
internal static class WinogradAxes
{
    /// <summary>An axis of F(2x2, 3x3) over the zero-padded input: kernel 3, stride 1, dilation 1, padding 0 to 2, and so no
    /// output padding.</summary>
    public static bool IsTileAxis(ConvAxis axis) =>
        axis is { Kernel: 3, Stride: 1, Dilation: 1, OutputPadding: 0 } && (uint)axis.Padding <= 2;

    /// <summary>An axis of F(3x3, 2x2) on the phases of kernel 4, stride 2, padding 1, dilation 1, with output padding 0 or 1.</summary>
    public static bool IsPhaseAxis(ConvAxis axis) =>
        axis is { Kernel: 4, Stride: 2, Padding: 1, Dilation: 1 } && (uint)axis.OutputPadding <= 1;
}
