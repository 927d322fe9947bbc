using System;

namespace TConvGen;

/// <summary>
/// GEMM + col2im (<see cref="ConvTranspose2dAlgorithm.GemmCol2Im"/>), the seed notebook's third formulation: per image
/// and group, <c>columns = W^T X</c>, then each column is scatter-added into the output. See <see cref="GemmCol2ImPrepared"/>.
/// </summary>
internal sealed class GemmCol2ImConvTranspose2d : ConvTranspose2d
{
    private readonly bool _useVectors;

    /// <param name="options">The hyper-parameters.</param>
    /// <param name="useVectors">Run the Vector256 GEMM (requires <see cref="SimdPath.IsSupported"/>); false runs the portable loops.</param>
    public GemmCol2ImConvTranspose2d(ConvTranspose2dOptions options, bool useVectors) : base(options)
    {
        _useVectors = useVectors && SimdPath.IsSupported;
    }

    public override string Algorithm => _useVectors ? "GemmCol2Im" : "GemmCol2Im (portable)";

    protected override PreparedConvTranspose2d PrepareCore(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels) =>
        new GemmCol2ImPrepared(this, weight, bias, inChannels, outChannels, _useVectors);
}
