namespace TConvGen;

/// <summary>
/// The rule behind <see cref="ConvTranspose2dAlgorithm.Auto"/>, from side-by-side measurements of PhaseDirect and
/// GemmCol2Im (one thread, Zen 5). PhaseDirect wins or ties everywhere except where its vectors would run partly empty:
/// at least 32x32 channel pairs per group on an input so narrow that one phase of an output row is shorter than the
/// micro-kernel's narrowest block (8 positions for stride 2, 16 otherwise). There the GEMM, whose vectors run along the
/// flattened pixels of a chunk of rows, keeps them full: e.g. 64->64 4x4 k3s1p1 GEMM 22us vs direct 42us,
/// 1024->512 4x4 k4s2p1 4.5ms vs 7.8ms; while 16->16 4x4 k4s2p1 direct 15us vs GEMM 20us and 64->64 8x8 k4s2p1 direct
/// 113us vs GEMM 129us.
/// </summary>
internal static class AlgorithmSelector
{
    /// <summary>Below this many (Cin/g) x (Cout/g) channel pairs PhaseDirect wins even on narrow inputs.</summary>
    internal const int WideChannelPairs = 32 * 32;

    /// <summary>Whether GemmCol2Im may win for some input size: Auto then keeps the weights to pack them for it on demand.</summary>
    public static bool MayPreferGemm(ConvTranspose2dOptions options, int inChannels, int outChannels) =>
        (long)(inChannels / options.Groups) * (outChannels / options.Groups) >= WideChannelPairs;

    /// <summary>The phase length below which PhaseDirect's narrowest block runs partly empty.</summary>
    internal static int NarrowPhase(ConvTranspose2dOptions options) => options.StrideWidth == 2 ? 8 : 16;

    /// <summary>The algorithm Auto runs for a validated problem.</summary>
    public static ConvTranspose2dAlgorithm Choose(ConvTranspose2dProblem problem)
    {
        var o = problem.Options;
        int phaseLength = (problem.OutputWidth + o.StrideWidth - 1) / o.StrideWidth;
        return MayPreferGemm(o, problem.InChannels, problem.OutChannels) && phaseLength < NarrowPhase(o)
            ? ConvTranspose2dAlgorithm.GemmCol2Im
            : ConvTranspose2dAlgorithm.PhaseDirect;
    }
}
