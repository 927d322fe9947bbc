using System;

namespace TConvGen;

/// <summary>
/// <see cref="ConvTranspose2dAlgorithm.Auto"/>: defers the choice to <c>Prepare</c> (and <c>Run</c>), where the channel
/// counts are known, and hands the work to the kernel <see cref="AlgorithmSelector"/> picks.
/// </summary>
internal sealed class AutoConvTranspose2d : ConvTranspose2d
{
    private readonly ConvTranspose2d _direct;
    private readonly ConvTranspose2d _gemm;

    public AutoConvTranspose2d(ConvTranspose2dOptions options, bool useVectors) : base(options)
    {
        _direct = new PhaseDirectConvTranspose2d(options, useVectors);
        _gemm = new GemmCol2ImConvTranspose2d(options, useVectors);
    }

    public override string Algorithm => "Auto";

    /// <summary>The kernel Auto runs for these channel counts.</summary>
    internal ConvTranspose2d Choose(int inChannels, int outChannels) =>
        AlgorithmSelector.Choose(Options, inChannels, outChannels) == ConvTranspose2dAlgorithm.GemmCol2Im ? _gemm : _direct;

    protected override PreparedConvTranspose2d PrepareCore(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels) =>
        Choose(inChannels, outChannels).Prepare(weight, bias, inChannels, outChannels);
}
