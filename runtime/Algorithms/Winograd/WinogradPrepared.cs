using System;
using TConvGen.CompilerServices;

namespace TConvGen;

/// <summary>
/// The prepared Winograd kernel: <see cref="WinogradTiles{TTransform}"/> or <see cref="WinogradPhaseTiles{TTransform}"/> for finite inputs, the exact path (<see cref="ExactPath"/>) for
/// inputs with a NaN or an infinity. The transforms add and subtract neighbouring inputs, so one non-finite input would reach
/// outputs whose taps never read it (and <c>Inf - Inf</c> is NaN): the scan at each run (vectorised, a few microseconds
/// against the run's hundreds) keeps them where the definition puts them.
/// </summary>
internal sealed class WinogradPrepared : PreparedConvTranspose2d
{
    private readonly WinogradDriver _tiles;
    private readonly PreparedConvTranspose2d _exact;

    private WinogradPrepared(ConvTranspose2d kernel, WinogradDriver tiles, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias,
        int inChannels, int outChannels, SimdLevel level)
        : base(kernel, inChannels, outChannels)
    {
        _tiles = tiles;
        _exact = ExactPath.Prepare(kernel, SimdPath.Best(level != SimdLevel.Portable), weight, bias, inChannels, outChannels);
    }

    /// <summary>The runtime's own transforms, F(3x3, 2x2) on the phases where <see cref="WinogradPhaseTiles.Supports"/>, else
    /// F(2x2, 3x3).</summary>
    /// <param name="kernel">The Winograd kernel, whose options <see cref="WinogradTiles.Supports"/> or
    /// <see cref="WinogradPhaseTiles.Supports"/>.</param>
    /// <param name="weight">PyTorch's <c>(Cin, Cout/groups, kH, kW)</c> weights, all finite.</param>
    /// <param name="bias">The bias, or empty.</param>
    /// <param name="inChannels">Cin.</param>
    /// <param name="outChannels">Cout.</param>
    /// <param name="level">The width to run, which must run on this machine.</param>
    public static WinogradPrepared Create(ConvTranspose2d kernel, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels, SimdLevel level) =>
        WinogradPhaseTiles.Supports(kernel.Options)
            ? ForPhaseTiles<WinogradPhaseTransforms>(kernel, weight, bias, inChannels, outChannels, level)
            : ForTiles<WinogradTransforms>(kernel, weight, bias, inChannels, outChannels, level);

    /// <summary>F(2x2, 3x3) with <typeparamref name="TTransform"/>'s transforms (options as <see cref="WinogradTiles.Supports"/>;
    /// the other parameters as <see cref="Create"/>'s).</summary>
    public static WinogradPrepared ForTiles<TTransform>(ConvTranspose2d kernel, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias,
        int inChannels, int outChannels, SimdLevel level)
        where TTransform : struct, IWinogradTileTransform =>
        new(kernel, new WinogradTiles<TTransform>(kernel, weight, bias, inChannels, outChannels, level), weight, bias, inChannels, outChannels, level);

    /// <summary>F(3x3, 2x2) on the phases with <typeparamref name="TTransform"/>'s transforms (options as
    /// <see cref="WinogradPhaseTiles.Supports"/>; the other parameters as <see cref="Create"/>'s).</summary>
    public static WinogradPrepared ForPhaseTiles<TTransform>(ConvTranspose2d kernel, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias,
        int inChannels, int outChannels, SimdLevel level)
        where TTransform : struct, IWinogradPhaseTransform =>
        new(kernel, new WinogradPhaseTiles<TTransform>(kernel, weight, bias, inChannels, outChannels, level), weight, bias, inChannels, outChannels, level);

    protected internal override void RunCore(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, int maxDegreeOfParallelism)
    {
        ArgumentNullException.ThrowIfNull(problem);
        PreparedConvTranspose2d chosen = ExactPath.AllFinite(input) ? _tiles : _exact;
        chosen.RunCore(input, output, problem, maxDegreeOfParallelism);
    }
}
