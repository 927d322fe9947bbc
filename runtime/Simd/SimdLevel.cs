namespace TConvGen;

/// <summary>Which body a kernel with several runs, narrowest first: the tests force each one.</summary>
internal enum SimdLevel
{
    /// <summary>Scalar loops, any hardware.</summary>
    Portable,

    /// <summary>Vector128: SSE or AVX on x64 (fused multiply-add only where FMA is present), AdvSimd on ARM64.</summary>
    Vector128,

    /// <summary>Vector256 with FMA (AVX2).</summary>
    Vector256,

    /// <summary>Vector512 (AVX-512F).</summary>
    Vector512,
}

/// <summary>What a <see cref="SimdLevel"/> implies.</summary>
internal static class SimdLevelExtensions
{
    /// <summary>The floats in one vector of <paramref name="level"/> (1 for the portable code).</summary>
    public static int FloatsPerVector(this SimdLevel level) => level switch
    {
        SimdLevel.Vector512 => 16,
        SimdLevel.Vector256 => 8,
        SimdLevel.Vector128 => 4,
        _ => 1,
    };

    /// <summary>How a kernel's <c>Algorithm</c> names the width it runs: <c>Vector512</c> ... <c>Vector128</c>, or <c>portable</c>.</summary>
    public static string Label(this SimdLevel level) => level == SimdLevel.Portable ? "portable" : level.ToString();
}
