namespace TConvGen.Generator.Planning;

/// <summary>How far the generator unrolls. Past these, code size or register pressure would cost more than unrolling saves.</summary>
internal static class UnrollLimits
{
    /// <summary>Lanes of one <c>Vector256&lt;float&gt;</c>: the output columns one phase vector covers.</summary>
    public const int VectorWidth = 8;

    /// <summary>Most taps (kernel rows of a phase x kernel columns) one output channel of a body may have.</summary>
    public const int MaxTapsPerPhase = 144;

    /// <summary>Most fused multiply-adds per input channel in one unrolled body (taps x channel block x vectors).</summary>
    public const int MaxMultiplyAddsPerBody = 512;

    /// <summary>Most accumulator vectors (channel block x column phases with taps x vectors) a body keeps in 32 registers.</summary>
    public const int MaxAccumulators = 24;

    /// <summary>Vector registers a body may use (accumulators, input vectors, a broadcast weight) of a register file:
    /// the JIT keeps one or two for itself.</summary>
    public static int UsableRegisters(int registers) => registers - 2;

    /// <summary>The register files a plan is blocked for: 32 (AVX-512VL) and 16 (AVX2) vector registers.</summary>
    public static readonly int[] RegisterFiles = { 32, 16 };

    /// <summary>Most input vectors per column phase a body loads at once (the column block is 8 x this).</summary>
    public const int MaxVectors = 8;

    /// <summary>Largest output-channel register block.</summary>
    public const int MaxChannelBlock = 8;

    /// <summary>Largest horizontal stride: one accumulator per column phase must fit in the register budget.</summary>
    public const int MaxStrideWidth = 8;

    /// <summary>Largest vertical stride: each row phase gets its own unrolled body.</summary>
    public const int MaxStrideHeight = 8;
}
