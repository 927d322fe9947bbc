using System;

namespace TConvGen;

/// <summary>
/// The channel-vectorised kernel (<see cref="ConvTranspose2dAlgorithm.ChannelVectorized"/>): output channels in the vector
/// lanes, for wide channel counts. See <see cref="ChannelVectorizedPrepared"/> for how a tile is computed; weights or a
/// geometry it would not compute exactly or in bounded memory take the exact path (<see cref="ExactPath"/>).
/// </summary>
internal sealed class ChannelVectorizedConvTranspose2d : ConvTranspose2d
{
    private readonly SimdLevel _level;

    /// <param name="options">The hyper-parameters.</param>
    /// <param name="level">The body to run, lowered to what the machine supports (the tests force each one).</param>
    public ChannelVectorizedConvTranspose2d(ConvTranspose2dOptions options, SimdLevel level) : base(options)
    {
        _level = SimdPath.Clamp(level);
    }

    public override string Algorithm => _level switch
    {
        SimdLevel.Vector512 => "ChannelVectorized",
        SimdLevel.Vector256 => "ChannelVectorized (Vector256)",
        _ => "ChannelVectorized (portable)",
    };

    protected override PreparedConvTranspose2d PrepareCore(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels) =>
        ExactPath.IsRequired(Options, weight)
            ? ExactPath.Prepare(this, _level, weight, bias, inChannels, outChannels)
            : new ChannelVectorizedPrepared(this, weight, bias, inChannels, outChannels, _level);
}
