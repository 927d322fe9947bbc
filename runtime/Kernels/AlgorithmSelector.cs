namespace TConvGen;

/// <summary>
/// The rule behind <see cref="ConvTranspose2dAlgorithm.Auto"/>, from side-by-side measurements of PhaseDirect and
/// GemmCol2Im (Zen 5, one and two threads). PhaseDirect wins or ties everywhere except where its vectors would run mostly
/// empty: many channels on an input so narrow that a phase of an output row is shorter than one vector (e.g.
/// 1024->512 on 4x4, k4 s2: GemmCol2Im ~1.7x faster). There the GEMM, whose vectors run along the flattened pixels of a
/// chunk of rows, keeps them full.
/// </summary>
internal static class AlgorithmSelector
{
    /// <summary>A phase shorter than this (output width / horizontal stride) leaves PhaseDirect's 8-lane vectors partly empty.</summary>
    internal const int NarrowPhase = 8;

    /// <summary>Below this many (Cin/g) x (Cout/g) channel pairs, the GEMM's packing and scatter cost more than empty lanes.</summary>
    internal const int WideChannelPairs = 128 * 64;

    /// <summary>Whether GemmCol2Im may win for some input size: Auto then keeps the weights to pack them for it on demand.</summary>
    public static bool MayPreferGemm(ConvTranspose2dOptions options, int inChannels, int outChannels) =>
        (long)(inChannels / options.Groups) * (outChannels / options.Groups) >= WideChannelPairs;

    /// <summary>The algorithm Auto runs for a validated problem.</summary>
    public static ConvTranspose2dAlgorithm Choose(ConvTranspose2dProblem problem)
    {
        var o = problem.Options;
        int phaseLength = (problem.OutputWidth + o.StrideWidth - 1) / o.StrideWidth;
        return MayPreferGemm(o, problem.InChannels, problem.OutChannels) && phaseLength < NarrowPhase
            ? ConvTranspose2dAlgorithm.GemmCol2Im
            : ConvTranspose2dAlgorithm.PhaseDirect;
    }
}
