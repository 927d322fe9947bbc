using System;

namespace TConvGen;

/// <summary>
/// The direct kernel over sub-pixel phases (<see cref="ConvTranspose2dAlgorithm.PhaseDirect"/>): fast from one channel to
/// hundreds, for every configuration. See <see cref="PhaseDirectPrepared"/> for how a tile is computed; weights or a geometry
/// it would not compute exactly or in bounded memory take the exact path (<see cref="ExactPath"/>).
/// </summary>
internal sealed class PhaseDirectConvTranspose2d : ConvTranspose2d
{
    private readonly bool _useVectors;

    /// <param name="options">The hyper-parameters.</param>
    /// <param name="useVectors">Run the Vector256 micro-kernels (requires <see cref="SimdPath.IsSupported"/>); false runs the
    /// portable scalar loops.</param>
    public PhaseDirectConvTranspose2d(ConvTranspose2dOptions options, bool useVectors) : base(options)
    {
        _useVectors = useVectors && SimdPath.IsSupported;
    }

    public override string Algorithm => _useVectors ? "PhaseDirect" : "PhaseDirect (portable)";

    protected override PreparedConvTranspose2d PrepareCore(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels) =>
        ExactPath.IsRequired(Options, weight)
            ? ExactPath.Prepare(this, SimdPath.Best(_useVectors), weight, bias, inChannels, outChannels)
            : new PhaseDirectPrepared(this, weight, bias, inChannels, outChannels, _useVectors);
}
