using System;

namespace TConvGen;

/// <summary>
/// The one-tap kernel (<see cref="ConvTranspose2dAlgorithm.OneTap"/>): for kernel 2 x 2, stride 2, dilation 1 (U-Net's
/// up-convolution), where every output gets exactly one tap, see <see cref="OneTapPrepared"/>. Every other configuration
/// is prepared as <see cref="ConvTranspose2dAlgorithm.PhaseDirect"/>, so that the algorithm accepts all of them, and weights or
/// a geometry neither computes exactly or in bounded memory take the exact path (<see cref="ExactPath"/>).
/// </summary>
internal sealed class OneTapConvTranspose2d : ConvTranspose2d
{
    private readonly SimdLevel _level;
    private readonly SimdLevel _phaseDirectLevel;
    private readonly int _block;

    /// <param name="options">The hyper-parameters.</param>
    /// <param name="level">The width to run, lowered to what the machine runs (the tests force each one). Other
    /// configurations run PhaseDirect at the width this machine prefers, or its portable code when this is portable.</param>
    /// <param name="narrowBlock">Use the one-channel block (for 16 vector registers) even where 32 are available: the tests use it.</param>
    public OneTapConvTranspose2d(ConvTranspose2dOptions options, SimdLevel level, bool narrowBlock = false) : base(options)
    {
        _level = SimdPath.Lower(level);
        _phaseDirectLevel = level == SimdLevel.Portable ? SimdLevel.Portable : SimdPath.Preferred;
        // Three channels x four phases x two vectors are 24 accumulators: only with 32 registers.
        _block = _level != SimdLevel.Portable && SimdPath.VectorRegisters >= 32 && !narrowBlock ? 3 : 1;
    }

    public override string Algorithm => !OneTapPrepared.Supports(Options)
        ? $"OneTap (PhaseDirect, {_phaseDirectLevel.Label()})"
        : _block == 1 && _level != SimdLevel.Portable ? $"OneTap ({_level.Label()}, 1 channel)" : $"OneTap ({_level.Label()})";

    protected override PreparedConvTranspose2d PrepareCore(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels) =>
        ExactPath.IsRequired(Options, weight) ? ExactPath.Prepare(this, _level, weight, bias, inChannels, outChannels)
        : OneTapPrepared.Supports(Options) ? new OneTapPrepared(this, weight, bias, inChannels, outChannels, _level, _block)
        : new PhaseDirectPrepared(this, weight, bias, inChannels, outChannels, _phaseDirectLevel);
}
