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
}
