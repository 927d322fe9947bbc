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
    private readonly int _vectorRegisters;

    /// <param name="options">The hyper-parameters.</param>
    /// <param name="level">The width to run, lowered to what the machine runs (the tests force each one).</param>
    public ChannelVectorizedConvTranspose2d(ConvTranspose2dOptions options, SimdLevel level)
        : this(options, level, SimdPath.VectorRegisters)
    {
    }

    /// <param name="options">The hyper-parameters.</param>
    /// <param name="level">The width to run, lowered to what the machine runs.</param>
    /// <param name="vectorRegisters">The register file the blocks are sized for: the tests force the one this machine does not
    /// have (the other block sizes run correctly anywhere, with spills where they do not fit).</param>
    internal ChannelVectorizedConvTranspose2d(ConvTranspose2dOptions options, SimdLevel level, int vectorRegisters) : base(options)
    {
        _level = SimdPath.Lower(level);
        _vectorRegisters = vectorRegisters;
    }

    public override string Algorithm => _vectorRegisters == SimdPath.VectorRegisters
        ? $"ChannelVectorized ({_level.Label()})"
        : $"ChannelVectorized ({_level.Label()}, {_vectorRegisters} registers)";

    protected override PreparedConvTranspose2d PrepareCore(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels) =>
        ExactPath.IsRequired(Options, weight)
            ? ExactPath.Prepare(this, _level, weight, bias, inChannels, outChannels)
            : new ChannelVectorizedPrepared(this, weight, bias, inChannels, outChannels, _level, _vectorRegisters);
}
