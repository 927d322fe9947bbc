using System;

namespace TConvGen;

/// <summary>
/// The Winograd kernel (<see cref="ConvTranspose2dAlgorithm.Winograd"/>): for kernel 3 x 3, stride 1, dilation 1 and padding
/// 0 to 2, F(2x2, 3x3) over the zero-padded input, see <see cref="WinogradTiles"/>; for kernel 4 x 4, stride 2, padding 1,
/// dilation 1 (output padding 0 or 1), F(3x3, 2x2) on each of the four phases from one shared input tile, see
/// <see cref="WinogradPhaseTiles"/>. Every other configuration is prepared as
/// <see cref="ConvTranspose2dAlgorithm.PhaseDirect"/>, so that the algorithm accepts all of them; weights or a geometry
/// neither computes exactly or in bounded memory take the exact path (<see cref="ExactPath"/>), and so do inputs with a NaN
/// or an infinity (<see cref="WinogradPrepared"/>).
/// </summary>
internal sealed class WinogradConvTranspose2d : ConvTranspose2d
{
    private readonly SimdLevel _level;
    private readonly SimdLevel _phaseDirectLevel;

    /// <param name="options">The hyper-parameters.</param>
    /// <param name="level">The width to run, lowered to what the machine runs (the tests force each one). Other
    /// configurations run PhaseDirect at the width this machine prefers, or its portable code when this is portable.</param>
    public WinogradConvTranspose2d(ConvTranspose2dOptions options, SimdLevel level) : base(options)
    {
        _level = SimdPath.Lower(level);
        _phaseDirectLevel = level == SimdLevel.Portable ? SimdLevel.Portable : SimdPath.Preferred;
    }

    /// <summary>Whether one of the Winograd tilings computes these options (the others run PhaseDirect).</summary>
    internal static bool Supports(ConvTranspose2dOptions options) => WinogradTiles.Supports(options) || WinogradPhaseTiles.Supports(options);

    public override string Algorithm => Supports(Options)
        ? $"Winograd ({_level.Label()})"
        : $"Winograd (PhaseDirect, {_phaseDirectLevel.Label()})";

    protected override PreparedConvTranspose2d PrepareCore(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels) =>
        ExactPath.IsRequired(Options, weight) ? ExactPath.Prepare(this, SimdPath.Best(_level != SimdLevel.Portable), weight, bias, inChannels, outChannels)
        : Supports(Options) ? WinogradPrepared.Create(this, weight, bias, inChannels, outChannels, _level)
        : new PhaseDirectPrepared(this, weight, bias, inChannels, outChannels, _phaseDirectLevel);
}
