using System;

namespace TConvGen;

/// <summary>
/// The direct kernel over sub-pixel phases (<see cref="ConvTranspose2dAlgorithm.PhaseDirect"/>): fast from one channel to
/// hundreds, for every configuration. See <see cref="PhaseDirectPrepared"/> for how a tile is computed; weights or a geometry
/// it would not compute exactly or in bounded memory take the exact path (<see cref="ExactPath"/>).
/// </summary>
internal sealed class PhaseDirectConvTranspose2d : ConvTranspose2d
{
    private readonly SimdLevel _level;

    /// <param name="options">The hyper-parameters.</param>
    /// <param name="useVectors">Run the vector micro-kernels at the width this machine prefers (<see cref="SimdPath.Preferred"/>);
    /// false runs the portable scalar loops.</param>
    public PhaseDirectConvTranspose2d(ConvTranspose2dOptions options, bool useVectors)
        : this(options, useVectors ? SimdPath.Preferred : SimdLevel.Portable)
    {
    }

    /// <param name="options">The hyper-parameters.</param>
    /// <param name="level">The width to run, lowered to what the machine runs (the tests force each one).</param>
    public PhaseDirectConvTranspose2d(ConvTranspose2dOptions options, SimdLevel level) : base(options)
    {
        _level = SimdPath.Lower(level);
    }

    public override string Algorithm => $"PhaseDirect ({_level.Label()})";

    protected override PreparedConvTranspose2d PrepareCore(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels) =>
        ExactPath.IsRequired(Options, weight)
            ? ExactPath.Prepare(this, SimdPath.Best(_level != SimdLevel.Portable), weight, bias, inChannels, outChannels)
            : new PhaseDirectPrepared(this, weight, bias, inChannels, outChannels, _level);
}
