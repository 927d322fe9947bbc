namespace TConvGen.Generator.Planning;

/// <summary>How far the generator unrolls. Past these, code size or register pressure would cost more than unrolling saves.</summary>
internal static class UnrollLimits
{
    /// <summary>Lanes of one <c>Vector256&lt;float&gt;</c>: the output columns one phase vector covers.</summary>
    public const int VectorWidth = 8;

    /// <summary>Most taps (kernel rows of a phase x kernel columns) one output channel of a body may have.</summary>
    public const int MaxTapsPerPhase = 144;

    /// <summary>Most fused multiply-adds in one unrolled body (taps x output-channel block).</summary>
    public const int MaxMultiplyAddsPerBody = 512;

    /// <summary>Most accumulator vectors (output-channel block x column phases) a body keeps in registers (16 on AVX2,
    /// minus one input vector, one broadcast weight and spare).</summary>
    public const int MaxAccumulators = 12;

    /// <summary>Largest horizontal stride: one accumulator per column phase must fit in the register budget.</summary>
    public const int MaxStrideWidth = 8;

    /// <summary>Largest vertical stride: each row phase gets its own unrolled body.</summary>
    public const int MaxStrideHeight = 8;
}
