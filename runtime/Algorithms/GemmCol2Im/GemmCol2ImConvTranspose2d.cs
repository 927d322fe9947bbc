using System;

namespace TConvGen;

/// <summary>
/// GEMM + col2im (<see cref="ConvTranspose2dAlgorithm.GemmCol2Im"/>), the seed notebook's third formulation: per image
/// and group, <c>columns = W^T X</c>, then each column is scatter-added into the output. See <see cref="GemmCol2ImPrepared"/>.
/// </summary>
internal sealed class GemmCol2ImConvTranspose2d : ConvTranspose2d
{
    private readonly SimdLevel _level;

    /// <param name="options">The hyper-parameters.</param>
    /// <param name="useVectors">Run the vector GEMM at the width this machine prefers (<see cref="SimdPath.Preferred"/>); false
    /// runs the portable loops.</param>
    public GemmCol2ImConvTranspose2d(ConvTranspose2dOptions options, bool useVectors)
        : this(options, useVectors ? SimdPath.Preferred : SimdLevel.Portable)
    {
    }

    /// <param name="options">The hyper-parameters.</param>
    /// <param name="level">The width to run, lowered to what the machine runs (the tests force each one).</param>
    public GemmCol2ImConvTranspose2d(ConvTranspose2dOptions options, SimdLevel level) : base(options)
    {
        _level = SimdPath.Lower(level);
    }

    public override string Algorithm => $"GemmCol2Im ({_level.Label()})";

    protected override PreparedConvTranspose2d PrepareCore(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels) =>
        new GemmCol2ImPrepared(this, weight, bias, inChannels, outChannels, _level);
}
