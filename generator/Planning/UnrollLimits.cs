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

    /// <summary>Vector registers a body's inner loop may keep live (accumulators, input vectors, a broadcast weight) of a
    /// register file: all but one. The bias and the addresses are reloaded outside the inner loop, so the JIT needs no
    /// other vector register there (checked in the disassembly of 21->21 k4s2p1's 16-register body: 12 accumulators, 2
    /// inputs and the weight in ymm0-ymm15, no spill in the loop). Measured with AVX-512 off: 21->21 64x64 k4s2p1 630-730
    /// -> 540 us with a 3-channel block instead of 2, 64->3 364 -> 279 us, 128->64 32x32 2.77 -> 2.44 ms.</summary>
    public static int UsableRegisters(int registers) => registers - 1;

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
