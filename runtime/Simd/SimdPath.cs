using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace TConvGen;

/// <summary>
/// The description of this machine the kernels dispatch on: which vector widths run at full speed, how many vector
/// registers a micro-kernel may keep live, and which width the width-generic kernels (<see cref="ISimd{TVector}"/>) run.
/// Decided once per process from what the JIT accelerates, widest first (Vector512, Vector256, Vector128, scalar), as
/// TensorPrimitives does.
/// </summary>
internal static class SimdPath
{
    /// <summary>True where the JIT accelerates Vector128: SSE on every x64, AdvSimd on ARM64 (Native AOT's default
    /// instruction set included).</summary>
    public static bool IsVector128Supported { get; } = Vector128.IsHardwareAccelerated;

    /// <summary>True where the hardware runs the Vector256 code at full speed: AVX2 with FMA (the interleaving stores
    /// use AVX shuffles).</summary>
    public static bool IsSupported { get; } =
        Vector256.IsHardwareAccelerated && Avx2.IsSupported && Fma.IsSupported;

    /// <summary>True where the JIT accelerates Vector512 and AVX-512F is present (so there are 32 vector registers).</summary>
    public static bool IsVector512Supported { get; } =
        IsSupported && Vector512.IsHardwareAccelerated && Avx512F.IsSupported;

    /// <summary>The vector registers the JIT allocates, at every width: 32 on ARM64 and on x64 with AVX-512 (EVEX
    /// encoding), 16 on other x64. A micro-kernel's accumulators and operands must fit them, or its loop spills.</summary>
    public static int VectorRegisters { get; } = AdvSimd.Arm64.IsSupported || Avx512F.VL.IsSupported ? 32 : 16;

    /// <summary>The width the width-generic kernels run by default: Vector512 where it runs and its fused multiply-adds are
    /// measured faster than Vector256's (<see cref="FmaPeak"/>; a core that splits 512-bit operations in two gains
    /// nothing from them but coarser blocks), else the widest that runs.</summary>
    public static SimdLevel Preferred => PreferredLevel.Value;

    /// <summary>Whether <paramref name="level"/> runs on this machine.</summary>
    public static bool Runs(SimdLevel level) => level switch
    {
        SimdLevel.Vector512 => IsVector512Supported,
        SimdLevel.Vector256 => IsSupported,
        SimdLevel.Vector128 => IsVector128Supported,
        _ => true,
    };

    /// <summary><paramref name="requested"/>, lowered to the widest level at or below it that runs here (for the width-generic kernels).</summary>
    public static SimdLevel Lower(SimdLevel requested)
    {
        var level = requested;
        while (!Runs(level))
            level--;
        return level;
    }

    /// <summary>The width a kernel runs by default: <see cref="Preferred"/>, or the portable code when <paramref name="useVectors"/>
    /// is false (every kernel has a body at every width).</summary>
    public static SimdLevel Best(bool useVectors) => useVectors ? Preferred : SimdLevel.Portable;

    /// <summary>Measured on first use only, on AVX-512 machines: a few milliseconds once per process, mostly compiling its loops.</summary>
    private static class PreferredLevel
    {
        /// <summary>Vector512 pays where its multiply-adds run at least this much faster than Vector256's: the geometric mean of
        /// a core with full-width 512-bit FMA units (2x: Zen 5, Intel's server cores) and one that splits them (1x: Zen 4).</summary>
        private const double Vector512Threshold = 1.41;

        public static readonly SimdLevel Value =
            IsVector512Supported && FmaPeak.Vector512Speedup >= Vector512Threshold ? SimdLevel.Vector512 : Lower(SimdLevel.Vector256);
    }
}
