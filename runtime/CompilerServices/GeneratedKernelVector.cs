using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TConvGen.CompilerServices;

/// <summary>
/// Building block for generated kernels: the few vector operations an unrolled body needs, written once so that the
/// generated code stays free of platform intrinsics and compiles without unsafe code. Not meant to be called by user code.
/// </summary>
/// <remarks>The <c>...Unsafe</c> stores, like <see cref="Vector256.StoreUnsafe{T}(Vector256{T}, ref T)"/>, write through a
/// <c>ref float</c> without any bounds check: the caller guarantees that every element they write lies inside one
/// allocation it owns. Generated kernels prove that at compile time; called from other code they can corrupt memory.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedKernelVector
{
    /// <summary>Whether the vector bodies run fast on this machine (256-bit vectors, FMA, AVX shuffles); otherwise
    /// generated kernels delegate to the dynamic kernel.</summary>
    public static bool IsSupported => Vector256.IsHardwareAccelerated && Fma.IsSupported && Avx2.IsSupported;

    /// <summary>Whether the JIT has 32 vector registers (AVX-512VL): generated kernels then run the bodies blocked for 32;
    /// with 16 those would spill (measured on Zen 5 with AVX-512 off in the JIT, <c>DOTNET_EnableAVX512=0</c>: the 32-register
    /// bodies of 21->21 64x64 k4s2p1 1.09 ms against the 16-register ones' 0.53 ms, 32->32 32x32 k3s2p2d2 383 against 190 us).</summary>
    public static bool HasWideRegisterFile => Avx512F.VL.IsSupported;

    /// <summary><c>a * b + c</c>, fused when the hardware can.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : (a * b) + c;

    /// <summary>Stores <c>even[0], odd[0], even[1], odd[1], ...</c>: 16 contiguous outputs of two stride-2 phases.
    /// Unchecked: <c>destination</c> and the 15 floats after it must be writable.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreInterleavedUnsafe(Vector256<float> even, Vector256<float> odd, ref float destination)
    {
        if (Avx.IsSupported)
        {
            // unpack gives [e0 o0 e1 o1 | e4 o4 e5 o5] and [e2 o2 e3 o3 | e6 o6 e7 o7]; the lane permute restores order.
            var low = Avx.UnpackLow(even, odd);
            var high = Avx.UnpackHigh(even, odd);
            Avx.Permute2x128(low, high, 0x20).StoreUnsafe(ref destination);
            Avx.Permute2x128(low, high, 0x31).StoreUnsafe(ref destination, 8);
            return;
        }
        for (int i = 0; i < Vector256<float>.Count; i++)
        {
            Unsafe.Add(ref destination, 2 * i) = even.GetElement(i);
            Unsafe.Add(ref destination, 2 * i + 1) = odd.GetElement(i);
        }
    }

    /// <summary>Stores the lanes of one phase at every <paramref name="stride"/>-th output (strides other than 1 and 2).
    /// Unchecked: <c>destination + i * stride</c> must be writable for every lane <c>i</c> in [0, 8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreStridedUnsafe(Vector256<float> values, ref float destination, int stride)
    {
        for (int i = 0; i < Vector256<float>.Count; i++)
            Unsafe.Add(ref destination, i * stride) = values.GetElement(i);
    }
}
