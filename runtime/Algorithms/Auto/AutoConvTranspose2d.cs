using System;

namespace TConvGen;

/// <summary>
/// <see cref="ConvTranspose2dAlgorithm.Auto"/>: the choice needs the channel counts and the input size, so it is made per
/// run by <see cref="AlgorithmSelector"/> inside the prepared kernel (<see cref="AutoPreparedConvTranspose2d"/>). Weights or a
/// geometry the phase kernels would not compute exactly or in bounded memory take the exact path (<see cref="ExactPath"/>).
/// </summary>
internal sealed class AutoConvTranspose2d : ConvTranspose2d
{
    /// <summary>The kernels Auto chooses among, in the order its <see cref="Algorithm"/> names them.</summary>
    private static readonly ConvTranspose2dAlgorithm[] Candidates =
    [
        ConvTranspose2dAlgorithm.PhaseDirect, ConvTranspose2dAlgorithm.GemmCol2Im, ConvTranspose2dAlgorithm.ChannelVectorized,
        ConvTranspose2dAlgorithm.PatchScatter, ConvTranspose2dAlgorithm.OneTap, ConvTranspose2dAlgorithm.Winograd,
    ];

    private readonly SimdLevel _level;

    /// <summary>One instance per candidate, as <see cref="KernelFactory"/> makes them; indexed like <see cref="Candidates"/>.</summary>
    private readonly ConvTranspose2d[] _kernels;

    public AutoConvTranspose2d(ConvTranspose2dOptions options, bool useVectors) : base(options)
    {
        _level = SimdPath.Best(useVectors);
        _kernels = Array.ConvertAll(Candidates, algorithm => KernelFactory.Create(options, algorithm, useVectors));
    }

    public override string Algorithm => $"Auto ({string.Join(" | ", Array.ConvertAll(_kernels, kernel => kernel.Algorithm))})";

    /// <summary>The kernel Auto runs for <paramref name="algorithm"/>, one of its candidates (the selector's picks).</summary>
    internal ConvTranspose2d KernelFor(ConvTranspose2dAlgorithm algorithm) => _kernels[Array.IndexOf(Candidates, algorithm)];

    protected override PreparedConvTranspose2d PrepareCore(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels) =>
        ExactPath.IsRequired(Options, weight)
            ? ExactPath.Prepare(this, _level, weight, bias, inChannels, outChannels)
            : new AutoPreparedConvTranspose2d(this, weight, bias, inChannels, outChannels);
}
