using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TConvGen;

/// <summary>
/// The SIMD inner loops of <see cref="OneTapPrepared"/> (kernel 2, stride 2, dilation 1: every output gets one tap). One
/// call computes a block of output channels x one or two vectors of consecutive input columns x all four phases, so each
/// input load feeds every phase and channel of the block. Accumulators start at the bias; the loop walks the input
/// channels (<c>x</c> advances by <c>xStride</c>, <c>w</c> by the block's <c>[channel][row phase][column phase]</c> weights,
/// or by <c>wStride</c> for the one-channel kernels, which also run single channels of a 3-channel packing). The two column
/// phases are interleaved on store: channel <c>u</c> writes output row phase 0 at <c>dst0 + u*dstStride</c> and row phase 1
/// at <c>dst1 + u*dstStride</c>, twice the input columns of contiguous floats each. Callers guarantee every read is inside
/// the packed input row and every write inside the destination.
/// </summary>
internal static unsafe class OneTapMicroKernels
{
    /// <summary>Vector512, 3 output channels x 32 input columns (2 vectors) x 4 phases: 24 accumulators, 2 input vectors and a broadcast in the 32 registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Block3x32(float* x, nint xStride, float* w, int channels, float* bias, float* dst0, float* dst1, nint dstStride)
    {
        Vector512<float> b0 = Vector512.Create(bias[0]);
        Vector512<float> a0000 = b0, a0001 = b0, a0010 = b0, a0011 = b0, a0100 = b0, a0101 = b0, a0110 = b0, a0111 = b0;
        Vector512<float> b1 = Vector512.Create(bias[1]);
        Vector512<float> a1000 = b1, a1001 = b1, a1010 = b1, a1011 = b1, a1100 = b1, a1101 = b1, a1110 = b1, a1111 = b1;
        Vector512<float> b2 = Vector512.Create(bias[2]);
        Vector512<float> a2000 = b2, a2001 = b2, a2010 = b2, a2011 = b2, a2100 = b2, a2101 = b2, a2110 = b2, a2111 = b2;
        for (int c = 0; c < channels; c++)
        {
            var x0 = Avx512F.LoadVector512(x);
            var x1 = Avx512F.LoadVector512(x + 16);
            var k0 = Vector512.Create(w[0]);
            a0000 = Avx512F.FusedMultiplyAdd(x0, k0, a0000); a0001 = Avx512F.FusedMultiplyAdd(x1, k0, a0001);
            var k1 = Vector512.Create(w[1]);
            a0010 = Avx512F.FusedMultiplyAdd(x0, k1, a0010); a0011 = Avx512F.FusedMultiplyAdd(x1, k1, a0011);
            var k2 = Vector512.Create(w[2]);
            a0100 = Avx512F.FusedMultiplyAdd(x0, k2, a0100); a0101 = Avx512F.FusedMultiplyAdd(x1, k2, a0101);
            var k3 = Vector512.Create(w[3]);
            a0110 = Avx512F.FusedMultiplyAdd(x0, k3, a0110); a0111 = Avx512F.FusedMultiplyAdd(x1, k3, a0111);
            var k4 = Vector512.Create(w[4]);
            a1000 = Avx512F.FusedMultiplyAdd(x0, k4, a1000); a1001 = Avx512F.FusedMultiplyAdd(x1, k4, a1001);
            var k5 = Vector512.Create(w[5]);
            a1010 = Avx512F.FusedMultiplyAdd(x0, k5, a1010); a1011 = Avx512F.FusedMultiplyAdd(x1, k5, a1011);
            var k6 = Vector512.Create(w[6]);
            a1100 = Avx512F.FusedMultiplyAdd(x0, k6, a1100); a1101 = Avx512F.FusedMultiplyAdd(x1, k6, a1101);
            var k7 = Vector512.Create(w[7]);
            a1110 = Avx512F.FusedMultiplyAdd(x0, k7, a1110); a1111 = Avx512F.FusedMultiplyAdd(x1, k7, a1111);
            var k8 = Vector512.Create(w[8]);
            a2000 = Avx512F.FusedMultiplyAdd(x0, k8, a2000); a2001 = Avx512F.FusedMultiplyAdd(x1, k8, a2001);
            var k9 = Vector512.Create(w[9]);
            a2010 = Avx512F.FusedMultiplyAdd(x0, k9, a2010); a2011 = Avx512F.FusedMultiplyAdd(x1, k9, a2011);
            var k10 = Vector512.Create(w[10]);
            a2100 = Avx512F.FusedMultiplyAdd(x0, k10, a2100); a2101 = Avx512F.FusedMultiplyAdd(x1, k10, a2101);
            var k11 = Vector512.Create(w[11]);
            a2110 = Avx512F.FusedMultiplyAdd(x0, k11, a2110); a2111 = Avx512F.FusedMultiplyAdd(x1, k11, a2111);
            x += xStride;
            w += 12;
        }
        StoreInterleaved(a0000, a0010, dst0);
        StoreInterleaved(a0001, a0011, dst0 + 32);
        StoreInterleaved(a0100, a0110, dst1);
        StoreInterleaved(a0101, a0111, dst1 + 32);
        StoreInterleaved(a1000, a1010, dst0 + 1 * dstStride);
        StoreInterleaved(a1001, a1011, dst0 + 1 * dstStride + 32);
        StoreInterleaved(a1100, a1110, dst1 + 1 * dstStride);
        StoreInterleaved(a1101, a1111, dst1 + 1 * dstStride + 32);
        StoreInterleaved(a2000, a2010, dst0 + 2 * dstStride);
        StoreInterleaved(a2001, a2011, dst0 + 2 * dstStride + 32);
        StoreInterleaved(a2100, a2110, dst1 + 2 * dstStride);
        StoreInterleaved(a2101, a2111, dst1 + 2 * dstStride + 32);
    }

    /// <summary>Vector256, 3 output channels x 16 input columns x 4 phases: 24 accumulators, so only where the JIT has 32 registers (AVX-512VL).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Block3x16(float* x, nint xStride, float* w, int channels, float* bias, float* dst0, float* dst1, nint dstStride)
    {
        Vector256<float> b0 = Vector256.Create(bias[0]);
        Vector256<float> a0000 = b0, a0001 = b0, a0010 = b0, a0011 = b0, a0100 = b0, a0101 = b0, a0110 = b0, a0111 = b0;
        Vector256<float> b1 = Vector256.Create(bias[1]);
        Vector256<float> a1000 = b1, a1001 = b1, a1010 = b1, a1011 = b1, a1100 = b1, a1101 = b1, a1110 = b1, a1111 = b1;
        Vector256<float> b2 = Vector256.Create(bias[2]);
        Vector256<float> a2000 = b2, a2001 = b2, a2010 = b2, a2011 = b2, a2100 = b2, a2101 = b2, a2110 = b2, a2111 = b2;
        for (int c = 0; c < channels; c++)
        {
            var x0 = Avx.LoadVector256(x);
            var x1 = Avx.LoadVector256(x + 8);
            var k0 = Vector256.Create(w[0]);
            a0000 = Fma.MultiplyAdd(x0, k0, a0000); a0001 = Fma.MultiplyAdd(x1, k0, a0001);
            var k1 = Vector256.Create(w[1]);
            a0010 = Fma.MultiplyAdd(x0, k1, a0010); a0011 = Fma.MultiplyAdd(x1, k1, a0011);
            var k2 = Vector256.Create(w[2]);
            a0100 = Fma.MultiplyAdd(x0, k2, a0100); a0101 = Fma.MultiplyAdd(x1, k2, a0101);
            var k3 = Vector256.Create(w[3]);
            a0110 = Fma.MultiplyAdd(x0, k3, a0110); a0111 = Fma.MultiplyAdd(x1, k3, a0111);
            var k4 = Vector256.Create(w[4]);
            a1000 = Fma.MultiplyAdd(x0, k4, a1000); a1001 = Fma.MultiplyAdd(x1, k4, a1001);
            var k5 = Vector256.Create(w[5]);
            a1010 = Fma.MultiplyAdd(x0, k5, a1010); a1011 = Fma.MultiplyAdd(x1, k5, a1011);
            var k6 = Vector256.Create(w[6]);
            a1100 = Fma.MultiplyAdd(x0, k6, a1100); a1101 = Fma.MultiplyAdd(x1, k6, a1101);
            var k7 = Vector256.Create(w[7]);
            a1110 = Fma.MultiplyAdd(x0, k7, a1110); a1111 = Fma.MultiplyAdd(x1, k7, a1111);
            var k8 = Vector256.Create(w[8]);
            a2000 = Fma.MultiplyAdd(x0, k8, a2000); a2001 = Fma.MultiplyAdd(x1, k8, a2001);
            var k9 = Vector256.Create(w[9]);
            a2010 = Fma.MultiplyAdd(x0, k9, a2010); a2011 = Fma.MultiplyAdd(x1, k9, a2011);
            var k10 = Vector256.Create(w[10]);
            a2100 = Fma.MultiplyAdd(x0, k10, a2100); a2101 = Fma.MultiplyAdd(x1, k10, a2101);
            var k11 = Vector256.Create(w[11]);
            a2110 = Fma.MultiplyAdd(x0, k11, a2110); a2111 = Fma.MultiplyAdd(x1, k11, a2111);
            x += xStride;
            w += 12;
        }
        StoreInterleaved(a0000, a0010, dst0);
        StoreInterleaved(a0001, a0011, dst0 + 16);
        StoreInterleaved(a0100, a0110, dst1);
        StoreInterleaved(a0101, a0111, dst1 + 16);
        StoreInterleaved(a1000, a1010, dst0 + 1 * dstStride);
        StoreInterleaved(a1001, a1011, dst0 + 1 * dstStride + 16);
        StoreInterleaved(a1100, a1110, dst1 + 1 * dstStride);
        StoreInterleaved(a1101, a1111, dst1 + 1 * dstStride + 16);
        StoreInterleaved(a2000, a2010, dst0 + 2 * dstStride);
        StoreInterleaved(a2001, a2011, dst0 + 2 * dstStride + 16);
        StoreInterleaved(a2100, a2110, dst1 + 2 * dstStride);
        StoreInterleaved(a2101, a2111, dst1 + 2 * dstStride + 16);
    }

    /// <summary>Vector256, 3 output channels x 8 input columns x 4 phases: a row's last columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Block3x8(float* x, nint xStride, float* w, int channels, float* bias, float* dst0, float* dst1, nint dstStride)
    {
        Vector256<float> b0 = Vector256.Create(bias[0]);
        Vector256<float> a0000 = b0, a0010 = b0, a0100 = b0, a0110 = b0;
        Vector256<float> b1 = Vector256.Create(bias[1]);
        Vector256<float> a1000 = b1, a1010 = b1, a1100 = b1, a1110 = b1;
        Vector256<float> b2 = Vector256.Create(bias[2]);
        Vector256<float> a2000 = b2, a2010 = b2, a2100 = b2, a2110 = b2;
        for (int c = 0; c < channels; c++)
        {
            var x0 = Avx.LoadVector256(x);
            var k0 = Vector256.Create(w[0]);
            a0000 = Fma.MultiplyAdd(x0, k0, a0000);
            var k1 = Vector256.Create(w[1]);
            a0010 = Fma.MultiplyAdd(x0, k1, a0010);
            var k2 = Vector256.Create(w[2]);
            a0100 = Fma.MultiplyAdd(x0, k2, a0100);
            var k3 = Vector256.Create(w[3]);
            a0110 = Fma.MultiplyAdd(x0, k3, a0110);
            var k4 = Vector256.Create(w[4]);
            a1000 = Fma.MultiplyAdd(x0, k4, a1000);
            var k5 = Vector256.Create(w[5]);
            a1010 = Fma.MultiplyAdd(x0, k5, a1010);
            var k6 = Vector256.Create(w[6]);
            a1100 = Fma.MultiplyAdd(x0, k6, a1100);
            var k7 = Vector256.Create(w[7]);
            a1110 = Fma.MultiplyAdd(x0, k7, a1110);
            var k8 = Vector256.Create(w[8]);
            a2000 = Fma.MultiplyAdd(x0, k8, a2000);
            var k9 = Vector256.Create(w[9]);
            a2010 = Fma.MultiplyAdd(x0, k9, a2010);
            var k10 = Vector256.Create(w[10]);
            a2100 = Fma.MultiplyAdd(x0, k10, a2100);
            var k11 = Vector256.Create(w[11]);
            a2110 = Fma.MultiplyAdd(x0, k11, a2110);
            x += xStride;
            w += 12;
        }
        StoreInterleaved(a0000, a0010, dst0);
        StoreInterleaved(a0100, a0110, dst1);
        StoreInterleaved(a1000, a1010, dst0 + 1 * dstStride);
        StoreInterleaved(a1100, a1110, dst1 + 1 * dstStride);
        StoreInterleaved(a2000, a2010, dst0 + 2 * dstStride);
        StoreInterleaved(a2100, a2110, dst1 + 2 * dstStride);
    }

    /// <summary>Vector512, 1 output channel x 32 input columns x 4 phases.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Block1x32(float* x, nint xStride, float* w, nint wStride, int channels, float* bias, float* dst0, float* dst1, nint dstStride)
    {
        Vector512<float> b0 = Vector512.Create(bias[0]);
        Vector512<float> a0000 = b0, a0001 = b0, a0010 = b0, a0011 = b0, a0100 = b0, a0101 = b0, a0110 = b0, a0111 = b0;
        for (int c = 0; c < channels; c++)
        {
            var x0 = Avx512F.LoadVector512(x);
            var x1 = Avx512F.LoadVector512(x + 16);
            var k0 = Vector512.Create(w[0]);
            a0000 = Avx512F.FusedMultiplyAdd(x0, k0, a0000); a0001 = Avx512F.FusedMultiplyAdd(x1, k0, a0001);
            var k1 = Vector512.Create(w[1]);
            a0010 = Avx512F.FusedMultiplyAdd(x0, k1, a0010); a0011 = Avx512F.FusedMultiplyAdd(x1, k1, a0011);
            var k2 = Vector512.Create(w[2]);
            a0100 = Avx512F.FusedMultiplyAdd(x0, k2, a0100); a0101 = Avx512F.FusedMultiplyAdd(x1, k2, a0101);
            var k3 = Vector512.Create(w[3]);
            a0110 = Avx512F.FusedMultiplyAdd(x0, k3, a0110); a0111 = Avx512F.FusedMultiplyAdd(x1, k3, a0111);
            x += xStride;
            w += wStride;
        }
        StoreInterleaved(a0000, a0010, dst0);
        StoreInterleaved(a0001, a0011, dst0 + 32);
        StoreInterleaved(a0100, a0110, dst1);
        StoreInterleaved(a0101, a0111, dst1 + 32);
    }

    /// <summary>Vector256, 1 output channel x 16 input columns x 4 phases: 8 accumulators, for machines with 16 vector registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Block1x16(float* x, nint xStride, float* w, nint wStride, int channels, float* bias, float* dst0, float* dst1, nint dstStride)
    {
        Vector256<float> b0 = Vector256.Create(bias[0]);
        Vector256<float> a0000 = b0, a0001 = b0, a0010 = b0, a0011 = b0, a0100 = b0, a0101 = b0, a0110 = b0, a0111 = b0;
        for (int c = 0; c < channels; c++)
        {
            var x0 = Avx.LoadVector256(x);
            var x1 = Avx.LoadVector256(x + 8);
            var k0 = Vector256.Create(w[0]);
            a0000 = Fma.MultiplyAdd(x0, k0, a0000); a0001 = Fma.MultiplyAdd(x1, k0, a0001);
            var k1 = Vector256.Create(w[1]);
            a0010 = Fma.MultiplyAdd(x0, k1, a0010); a0011 = Fma.MultiplyAdd(x1, k1, a0011);
            var k2 = Vector256.Create(w[2]);
            a0100 = Fma.MultiplyAdd(x0, k2, a0100); a0101 = Fma.MultiplyAdd(x1, k2, a0101);
            var k3 = Vector256.Create(w[3]);
            a0110 = Fma.MultiplyAdd(x0, k3, a0110); a0111 = Fma.MultiplyAdd(x1, k3, a0111);
            x += xStride;
            w += wStride;
        }
        StoreInterleaved(a0000, a0010, dst0);
        StoreInterleaved(a0001, a0011, dst0 + 16);
        StoreInterleaved(a0100, a0110, dst1);
        StoreInterleaved(a0101, a0111, dst1 + 16);
    }

    /// <summary>Vector256, 1 output channel x 8 input columns x 4 phases.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Block1x8(float* x, nint xStride, float* w, nint wStride, int channels, float* bias, float* dst0, float* dst1, nint dstStride)
    {
        Vector256<float> b0 = Vector256.Create(bias[0]);
        Vector256<float> a0000 = b0, a0010 = b0, a0100 = b0, a0110 = b0;
        for (int c = 0; c < channels; c++)
        {
            var x0 = Avx.LoadVector256(x);
            var k0 = Vector256.Create(w[0]);
            a0000 = Fma.MultiplyAdd(x0, k0, a0000);
            var k1 = Vector256.Create(w[1]);
            a0010 = Fma.MultiplyAdd(x0, k1, a0010);
            var k2 = Vector256.Create(w[2]);
            a0100 = Fma.MultiplyAdd(x0, k2, a0100);
            var k3 = Vector256.Create(w[3]);
            a0110 = Fma.MultiplyAdd(x0, k3, a0110);
            x += xStride;
            w += wStride;
        }
        StoreInterleaved(a0000, a0010, dst0);
        StoreInterleaved(a0100, a0110, dst1);
    }

    /// <summary>Stores <c>even[0], odd[0], even[1], odd[1], ...</c>: 32 contiguous outputs of the two column phases.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreInterleaved(Vector512<float> even, Vector512<float> odd, float* destination)
    {
        // Index i < 16 picks even[i], 16 + i picks odd[i].
        var low = Vector512.Create(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
        var high = Vector512.Create(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
        Avx512F.Store(destination, Avx512F.PermuteVar16x32x2(even, low, odd));
        Avx512F.Store(destination + 16, Avx512F.PermuteVar16x32x2(even, high, odd));
    }

    /// <summary>Stores <c>even[0], odd[0], even[1], odd[1], ...</c>: 16 contiguous outputs of the two column phases.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreInterleaved(Vector256<float> even, Vector256<float> odd, float* destination)
    {
        // unpack gives [e0 o0 e1 o1 | e4 o4 e5 o5] and [e2 o2 e3 o3 | e6 o6 e7 o7]; the lane permute restores order.
        var low = Avx.UnpackLow(even, odd);
        var high = Avx.UnpackHigh(even, odd);
        Avx.Store(destination, Avx.Permute2x128(low, high, 0x20));
        Avx.Store(destination + 8, Avx.Permute2x128(low, high, 0x31));
    }
}
