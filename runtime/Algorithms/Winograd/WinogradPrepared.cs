using System;

namespace TConvGen;

/// <summary>
/// The prepared Winograd kernel: <see cref="WinogradTiles"/> or <see cref="WinogradPhaseTiles"/> for finite inputs, the exact path (<see cref="ExactPath"/>) for
/// inputs with a NaN or an infinity. The transforms add and subtract neighbouring inputs, so one non-finite input would reach
/// outputs whose taps never read it (and <c>Inf - Inf</c> is NaN): the scan at each run (vectorised, a few microseconds
/// against the run's hundreds) keeps them where the definition puts them.
/// </summary>
internal sealed class WinogradPrepared : PreparedConvTranspose2d
{
    private readonly TiledPreparedConvTranspose2d _tiles;
    private readonly PreparedConvTranspose2d _exact;

    /// <param name="kernel">The Winograd kernel, whose options <see cref="WinogradTiles.Supports"/> or
    /// <see cref="WinogradPhaseTiles.Supports"/>.</param>
    /// <param name="weight">PyTorch's <c>(Cin, Cout/groups, kH, kW)</c> weights, all finite.</param>
    /// <param name="bias">The bias, or empty.</param>
    /// <param name="inChannels">Cin.</param>
    /// <param name="outChannels">Cout.</param>
    /// <param name="level">The width to run, which must run on this machine.</param>
    public WinogradPrepared(ConvTranspose2d kernel, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels, SimdLevel level)
        : base(kernel, inChannels, outChannels)
    {
        _tiles = WinogradPhaseTiles.Supports(kernel.Options)
            ? new WinogradPhaseTiles(kernel, weight, bias, inChannels, outChannels, level)
            : new WinogradTiles(kernel, weight, bias, inChannels, outChannels, level);
        _exact = ExactPath.Prepare(kernel, SimdPath.Best(level != SimdLevel.Portable), weight, bias, inChannels, outChannels);
    }

    protected internal override void RunCore(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, int maxDegreeOfParallelism)
    {
        ArgumentNullException.ThrowIfNull(problem);
        PreparedConvTranspose2d chosen = ExactPath.AllFinite(input) ? _tiles : _exact;
        chosen.RunCore(input, output, problem, maxDegreeOfParallelism);
    }
}
