using System;
using System.Runtime.Intrinsics.X86;

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
    /// <param name="level">The body to run, lowered to what the machine supports (the tests force each one). Other
    /// configurations run PhaseDirect at the width this machine prefers, or its portable code when this is portable.</param>
    /// <param name="narrowBlock">Use the one-channel Vector256 block (for 16 vector registers) even where 32 are available: the tests use it.</param>
    public OneTapConvTranspose2d(ConvTranspose2dOptions options, SimdLevel level, bool narrowBlock = false) : base(options)
    {
        _level = SimdPath.Clamp(level);
        // PhaseDirect has bodies at every width (Vector128 where OneTap's own bodies do not run: ARM64, AOT's default ISA).
        _phaseDirectLevel = level == SimdLevel.Portable ? SimdLevel.Portable : SimdPath.Preferred;
        // Three channels x four phases x two vectors are 24 accumulators: only with 32 registers (and always under Vector512).
        _block = _level == SimdLevel.Vector512 || _level == SimdLevel.Vector256 && Avx512F.VL.IsSupported && !narrowBlock ? 3 : 1;
    }

    /// <summary>Whether OneTap's own code runs: for its configurations, unless only its portable loops would run while vectors
    /// were asked for (a Vector128-only machine), where PhaseDirect's Vector128 code is the faster.</summary>
    private bool RunsOwnBodies => OneTapPrepared.Supports(Options) && (_level != SimdLevel.Portable || _phaseDirectLevel == SimdLevel.Portable);

    public override string Algorithm => !RunsOwnBodies
        ? $"OneTap (PhaseDirect, {_phaseDirectLevel.Label()})"
        : _level switch
        {
            SimdLevel.Vector512 => "OneTap",
            SimdLevel.Vector256 => _block == 3 ? "OneTap (Vector256)" : "OneTap (Vector256, 1 channel)",
            _ => "OneTap (portable)",
        };

    protected override PreparedConvTranspose2d PrepareCore(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels) =>
        ExactPath.IsRequired(Options, weight) ? ExactPath.Prepare(this, _level, weight, bias, inChannels, outChannels)
        : RunsOwnBodies ? new OneTapPrepared(this, weight, bias, inChannels, outChannels, _level, _block)
        : new PhaseDirectPrepared(this, weight, bias, inChannels, outChannels, _phaseDirectLevel);
}
