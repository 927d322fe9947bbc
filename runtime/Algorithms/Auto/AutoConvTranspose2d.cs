using System;

namespace TConvGen;

/// <summary>
/// <see cref="ConvTranspose2dAlgorithm.Auto"/>: the choice needs the channel counts and the input size, so it is made per
/// run by <see cref="AlgorithmSelector"/> inside the prepared kernel (<see cref="AutoPreparedConvTranspose2d"/>). Weights or a
/// geometry the phase kernels would not compute exactly or in bounded memory take the exact path (<see cref="ExactPath"/>).
/// </summary>
internal sealed class AutoConvTranspose2d : ConvTranspose2d
{
    private readonly SimdLevel _level;

    public AutoConvTranspose2d(ConvTranspose2dOptions options, bool useVectors) : base(options)
    {
        _level = SimdPath.Best(useVectors);
        Direct = new PhaseDirectConvTranspose2d(options, useVectors);
        Gemm = new GemmCol2ImConvTranspose2d(options, useVectors);
        Wide = new ChannelVectorizedConvTranspose2d(options, SimdPath.Best(useVectors));
        Scatter = new PatchScatterConvTranspose2d(options, SimdPath.Best(useVectors));
        OneTap = new OneTapConvTranspose2d(options, useVectors ? SimdLevel.Vector512 : SimdLevel.Portable);
        Winograd = new WinogradConvTranspose2d(options, SimdPath.Best(useVectors));
    }

    public override string Algorithm => $"Auto ({Direct.Algorithm} | {Gemm.Algorithm} | {Wide.Algorithm} | {Scatter.Algorithm} | {OneTap.Algorithm} | {Winograd.Algorithm})";

    /// <summary>The direct kernel Auto runs by default.</summary>
    internal ConvTranspose2d Direct { get; }

    /// <summary>The GEMM kernel Auto runs for wide channels on narrow inputs.</summary>
    internal ConvTranspose2d Gemm { get; }

    /// <summary>The channel-vectorised kernel Auto runs for wide output channels and long reductions.</summary>
    internal ConvTranspose2d Wide { get; }

    /// <summary>The patch-scatter kernel Auto runs for wide channels on inputs of a pixel or a few.</summary>
    internal ConvTranspose2d Scatter { get; }

    /// <summary>The one-tap kernel Auto runs for kernel 2, stride 2 layers on inputs wide enough.</summary>
    internal ConvTranspose2d OneTap { get; }

    /// <summary>The Winograd kernel Auto runs for wide 3 x 3 stride-1 layers.</summary>
    internal ConvTranspose2d Winograd { get; }

    protected override PreparedConvTranspose2d PrepareCore(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels) =>
        ExactPath.IsRequired(Options, weight)
            ? ExactPath.Prepare(this, _level, weight, bias, inChannels, outChannels)
            : new AutoPreparedConvTranspose2d(this, weight, bias, inChannels, outChannels);
}
