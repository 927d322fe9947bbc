using System;
using System.ComponentModel;

namespace TConvGen.CompilerServices;

/// <summary>
/// Building block for generated kernels: the runtime's Winograd drivers with a generated kernel's unrolled transforms, for
/// the layers <c>AlgorithmSelector.PrefersWinograd</c> gives to Winograd. The prepared kernel runs at the width the dynamic
/// Winograd kernel runs here, scans every input for NaN and infinity and sends those runs to the exact path, as the dynamic
/// kernel does; <see cref="GeneratedKernelDispatch"/> runs it for the problems the rule picks. Not meant to be called by
/// user code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedWinograd
{
    /// <summary>F(2x2, 3x3) with <typeparamref name="TTransform"/>'s transforms, or null where Winograd never runs: the
    /// channels are too few or too many for it to win on this machine (<c>AlgorithmSelector.MayPreferWinograd</c>), or the
    /// weights take the exact path (a NaN or an infinity).</summary>
    /// <param name="kernel">The generated kernel: kernel 3 x 3, stride 1, dilation 1, padding 0 to 2.</param>
    /// <param name="weight">PyTorch's <c>(Cin, Cout/groups, 3, 3)</c> weights.</param>
    /// <param name="bias">The bias, or empty.</param>
    /// <param name="inChannels">Cin.</param>
    /// <param name="outChannels">Cout.</param>
    /// <exception cref="ArgumentException"><paramref name="kernel"/>'s options are not F(2x2, 3x3)'s.</exception>
    public static PreparedConvTranspose2d? PrepareTiles<TTransform>(ConvTranspose2d kernel, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias,
        int inChannels, int outChannels)
        where TTransform : struct, IWinogradTileTransform
    {
        ArgumentNullException.ThrowIfNull(kernel);
        if (!WinogradTiles.Supports(kernel.Options))
            throw new ArgumentException($"F(2x2, 3x3) needs kernel 3, stride 1, dilation 1 and padding 0 to 2 in both axes, but got {kernel.Options}.", nameof(kernel));
        return Runs(kernel, weight, inChannels, outChannels)
            ? WinogradPrepared.ForTiles<TTransform>(kernel, weight, bias, inChannels, outChannels, Level)
            : null;
    }

    /// <summary>F(3x3, 2x2) on the four phases with <typeparamref name="TTransform"/>'s transforms, or null where Winograd never
    /// runs (as <see cref="PrepareTiles{TTransform}"/>).</summary>
    /// <param name="kernel">The generated kernel: kernel 4 x 4, stride 2, padding 1, dilation 1, output padding 0 or 1.</param>
    /// <param name="weight">PyTorch's <c>(Cin, Cout/groups, 4, 4)</c> weights.</param>
    /// <param name="bias">The bias, or empty.</param>
    /// <param name="inChannels">Cin.</param>
    /// <param name="outChannels">Cout.</param>
    /// <exception cref="ArgumentException"><paramref name="kernel"/>'s options are not F(3x3, 2x2)'s.</exception>
    public static PreparedConvTranspose2d? PreparePhaseTiles<TTransform>(ConvTranspose2d kernel, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias,
        int inChannels, int outChannels)
        where TTransform : struct, IWinogradPhaseTransform
    {
        ArgumentNullException.ThrowIfNull(kernel);
        if (!WinogradPhaseTiles.Supports(kernel.Options))
            throw new ArgumentException($"F(3x3, 2x2) on the phases needs kernel 4, stride 2, padding 1, dilation 1 and output padding 0 or 1 in both axes, but got {kernel.Options}.", nameof(kernel));
        return Runs(kernel, weight, inChannels, outChannels)
            ? WinogradPrepared.ForPhaseTiles<TTransform>(kernel, weight, bias, inChannels, outChannels, Level)
            : null;
    }

    /// <summary>The dynamic Winograd kernel's width (Auto's, <c>SimdPath.Preferred</c>).</summary>
    private static SimdLevel Level => MachineDescription.Current.WidthOf(ConvTranspose2dAlgorithm.Winograd);

    private static bool Runs(ConvTranspose2d kernel, ReadOnlySpan<float> weight, int inChannels, int outChannels) =>
        AlgorithmSelector.MayPreferWinograd(kernel.Options, inChannels, outChannels, MachineDescription.Current)
        && !ExactPath.IsRequired(kernel.Options, weight);
}
