using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TConvGen;

/// <summary>Decides whether the dynamic kernels use their Vector256 code or their portable scalar code.</summary>
internal static class SimdPath
{
    /// <summary>True where the hardware runs the Vector256 code at full speed: AVX2 with FMA (the interleaving stores
    /// use AVX shuffles). Elsewhere the kernels run their portable scalar code.</summary>
    public static bool IsSupported { get; } =
        Vector256.IsHardwareAccelerated && Avx2.IsSupported && Fma.IsSupported;

    /// <summary>True where the JIT accelerates Vector512 and AVX-512F is present (so there are 32 vector registers): the
    /// kernels with a Vector512 body run it; elsewhere they run their Vector256 body.</summary>
    public static bool IsVector512Supported { get; } =
        IsSupported && Vector512.IsHardwareAccelerated && Avx512F.IsSupported;

    /// <summary>The widest code this machine runs well, or the portable code when <paramref name="useVectors"/> is false.</summary>
    public static SimdLevel Best(bool useVectors) =>
        !useVectors || !IsSupported ? SimdLevel.Portable : IsVector512Supported ? SimdLevel.Vector512 : SimdLevel.Vector256;

    /// <summary><paramref name="requested"/>, lowered to what this machine supports.</summary>
    public static SimdLevel Clamp(SimdLevel requested) =>
        requested == SimdLevel.Vector512 && !IsVector512Supported ? Best(true)
        : requested == SimdLevel.Vector256 && !IsSupported ? SimdLevel.Portable
        : requested;
}

/// <summary>Which body a kernel with several runs: the tests force each one.</summary>
internal enum SimdLevel
{
    /// <summary>Scalar loops, any hardware.</summary>
    Portable,

    /// <summary>Vector256 with FMA (AVX2).</summary>
    Vector256,

    /// <summary>Vector512 (AVX-512F).</summary>
    Vector512,
}
