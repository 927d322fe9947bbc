using System;

namespace TConvGen;

/// <summary>
/// The patch-scatter kernel (<see cref="ConvTranspose2dAlgorithm.PatchScatter"/>): the definition's scatter, vectorised along
/// the weights, for inputs of a few pixels. See <see cref="PatchScatterPrepared"/>.
/// </summary>
internal sealed class PatchScatterConvTranspose2d : ConvTranspose2d
{
    private readonly SimdLevel _level;

    /// <param name="options">The hyper-parameters.</param>
    /// <param name="level">The width to run, lowered to what the machine runs (the tests force each one).</param>
    public PatchScatterConvTranspose2d(ConvTranspose2dOptions options, SimdLevel level) : base(options)
    {
        _level = SimdPath.Lower(level);
    }

    public override string Algorithm => $"PatchScatter ({_level.Label()})";

    protected override PreparedConvTranspose2d PrepareCore(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels) =>
        new PatchScatterPrepared(this, weight, bias, inChannels, outChannels, _level);
}
