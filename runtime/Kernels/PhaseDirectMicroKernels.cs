using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TConvGen;

/// <summary>
/// The Vector256 inner loops of <see cref="PhaseDirectPrepared"/>. Each computes a register block of outputs of one
/// output row: accumulators start at the bias; for every tap <c>t</c> the input pointer is <c>x + inputOffsets[t]</c>
/// and the weight pointer <c>w + tapIndices[t] * tapStride</c>; the innermost loop walks the input channels
/// (input stride <c>channelStride</c>, weight stride = the block width). Callers guarantee every read is
/// inside the padded input rows and every write inside the destination.
/// </summary>
internal static unsafe class PhaseDirectMicroKernels
{
    /// <summary>4 output channels x 16 consecutive positions of one phase. Writes <c>dst[u*dstStride + 0..15]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Same4x16(float* x, float* w, int* inputOffsets, int* tapIndices, int taps, int channels, int channelStride,
        int tapStride, float* bias, float* dst, nint dstStride)
    {
        Vector256<float> b0 = Vector256.Create(bias[0]), b1 = Vector256.Create(bias[1]), b2 = Vector256.Create(bias[2]), b3 = Vector256.Create(bias[3]);
        Vector256<float> a00 = b0, a01 = b0, a10 = b1, a11 = b1, a20 = b2, a21 = b2, a30 = b3, a31 = b3;
        for (int t = 0; t < taps; t++)
        {
            float* xp = x + inputOffsets[t];
            float* wp = w + (nint)tapIndices[t] * tapStride;
            for (int c = 0; c < channels; c++)
            {
                var v0 = Avx.LoadVector256(xp);
                var v1 = Avx.LoadVector256(xp + 8);
                var w0 = Avx.BroadcastScalarToVector256(wp);
                a00 = Fma.MultiplyAdd(v0, w0, a00);
                a01 = Fma.MultiplyAdd(v1, w0, a01);
                var w1 = Avx.BroadcastScalarToVector256(wp + 1);
                a10 = Fma.MultiplyAdd(v0, w1, a10);
                a11 = Fma.MultiplyAdd(v1, w1, a11);
                var w2 = Avx.BroadcastScalarToVector256(wp + 2);
                a20 = Fma.MultiplyAdd(v0, w2, a20);
                a21 = Fma.MultiplyAdd(v1, w2, a21);
                var w3 = Avx.BroadcastScalarToVector256(wp + 3);
                a30 = Fma.MultiplyAdd(v0, w3, a30);
                a31 = Fma.MultiplyAdd(v1, w3, a31);
                xp += channelStride;
                wp += 4;
            }
        }
        Avx.Store(dst, a00); Avx.Store(dst + 8, a01); dst += dstStride;
        Avx.Store(dst, a10); Avx.Store(dst + 8, a11); dst += dstStride;
        Avx.Store(dst, a20); Avx.Store(dst + 8, a21); dst += dstStride;
        Avx.Store(dst, a30); Avx.Store(dst + 8, a31);
    }

    /// <summary>1 output channel x 32 consecutive positions of one phase. Writes <c>dst[0..31]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Same1x32(float* x, float* w, int* inputOffsets, int* tapIndices, int taps, int channels, int channelStride,
        int tapStride, float* bias, float* dst)
    {
        Vector256<float> a0 = Vector256.Create(bias[0]), a1 = a0, a2 = a0, a3 = a0;
        for (int t = 0; t < taps; t++)
        {
            float* xp = x + inputOffsets[t];
            float* wp = w + (nint)tapIndices[t] * tapStride;
            for (int c = 0; c < channels; c++)
            {
                var w0 = Avx.BroadcastScalarToVector256(wp);
                a0 = Fma.MultiplyAdd(Avx.LoadVector256(xp), w0, a0);
                a1 = Fma.MultiplyAdd(Avx.LoadVector256(xp + 8), w0, a1);
                a2 = Fma.MultiplyAdd(Avx.LoadVector256(xp + 16), w0, a2);
                a3 = Fma.MultiplyAdd(Avx.LoadVector256(xp + 24), w0, a3);
                xp += channelStride;
                wp += 1;
            }
        }
        Avx.Store(dst, a0); Avx.Store(dst + 8, a1); Avx.Store(dst + 16, a2); Avx.Store(dst + 24, a3);
    }

    /// <summary>1 output channel x 64 consecutive positions of one phase (8 accumulators: single-channel and depthwise
    /// rows in half the calls of <see cref="Same1x32"/>). Writes <c>dst[0..63]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Same1x64(float* x, float* w, int* inputOffsets, int* tapIndices, int taps, int channels, int channelStride,
        int tapStride, float* bias, float* dst)
    {
        Vector256<float> a0 = Vector256.Create(bias[0]), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        for (int t = 0; t < taps; t++)
        {
            float* xp = x + inputOffsets[t];
            float* wp = w + (nint)tapIndices[t] * tapStride;
            for (int c = 0; c < channels; c++)
            {
                var k = Avx.BroadcastScalarToVector256(wp);
                a0 = Fma.MultiplyAdd(Avx.LoadVector256(xp), k, a0);
                a1 = Fma.MultiplyAdd(Avx.LoadVector256(xp + 8), k, a1);
                a2 = Fma.MultiplyAdd(Avx.LoadVector256(xp + 16), k, a2);
                a3 = Fma.MultiplyAdd(Avx.LoadVector256(xp + 24), k, a3);
                a4 = Fma.MultiplyAdd(Avx.LoadVector256(xp + 32), k, a4);
                a5 = Fma.MultiplyAdd(Avx.LoadVector256(xp + 40), k, a5);
                a6 = Fma.MultiplyAdd(Avx.LoadVector256(xp + 48), k, a6);
                a7 = Fma.MultiplyAdd(Avx.LoadVector256(xp + 56), k, a7);
                xp += channelStride;
                wp += 1;
            }
        }
        Avx.Store(dst, a0); Avx.Store(dst + 8, a1); Avx.Store(dst + 16, a2); Avx.Store(dst + 24, a3);
        Avx.Store(dst + 32, a4); Avx.Store(dst + 40, a5); Avx.Store(dst + 48, a6); Avx.Store(dst + 56, a7);
    }

    /// <summary>Stride 2: 4 output channels x 8 positions of phase 0 and of phase 1, interleaved into 16 consecutive
    /// outputs. Writes <c>dst[u*dstStride + 0..15]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pair4x16(float* x, float* w, int* offsets0, int* taps0, int count0, int* offsets1, int* taps1, int count1,
        int channels, int channelStride, int tapStride, float* bias, float* dst, nint dstStride)
    {
        Vector256<float> b0 = Vector256.Create(bias[0]), b1 = Vector256.Create(bias[1]), b2 = Vector256.Create(bias[2]), b3 = Vector256.Create(bias[3]);
        Vector256<float> e0 = b0, e1 = b1, e2 = b2, e3 = b3, o0 = b0, o1 = b1, o2 = b2, o3 = b3;
        // Both phases in one loop while both have taps: eight independent accumulator chains hide the FMA latency.
        int common = count0 < count1 ? count0 : count1;
        for (int t = 0; t < common; t++)
        {
            float* xe = x + offsets0[t], xo = x + offsets1[t];
            float* we = w + (nint)taps0[t] * tapStride, wo = w + (nint)taps1[t] * tapStride;
            for (int c = 0; c < channels; c++)
            {
                var ve = Avx.LoadVector256(xe);
                var vo = Avx.LoadVector256(xo);
                e0 = Fma.MultiplyAdd(ve, Avx.BroadcastScalarToVector256(we), e0);
                o0 = Fma.MultiplyAdd(vo, Avx.BroadcastScalarToVector256(wo), o0);
                e1 = Fma.MultiplyAdd(ve, Avx.BroadcastScalarToVector256(we + 1), e1);
                o1 = Fma.MultiplyAdd(vo, Avx.BroadcastScalarToVector256(wo + 1), o1);
                e2 = Fma.MultiplyAdd(ve, Avx.BroadcastScalarToVector256(we + 2), e2);
                o2 = Fma.MultiplyAdd(vo, Avx.BroadcastScalarToVector256(wo + 2), o2);
                e3 = Fma.MultiplyAdd(ve, Avx.BroadcastScalarToVector256(we + 3), e3);
                o3 = Fma.MultiplyAdd(vo, Avx.BroadcastScalarToVector256(wo + 3), o3);
                xe += channelStride;
                xo += channelStride;
                we += 4;
                wo += 4;
            }
        }
        for (int t = common; t < count0; t++)
        {
            float* xp = x + offsets0[t];
            float* wp = w + (nint)taps0[t] * tapStride;
            for (int c = 0; c < channels; c++)
            {
                var v = Avx.LoadVector256(xp);
                e0 = Fma.MultiplyAdd(v, Avx.BroadcastScalarToVector256(wp), e0);
                e1 = Fma.MultiplyAdd(v, Avx.BroadcastScalarToVector256(wp + 1), e1);
                e2 = Fma.MultiplyAdd(v, Avx.BroadcastScalarToVector256(wp + 2), e2);
                e3 = Fma.MultiplyAdd(v, Avx.BroadcastScalarToVector256(wp + 3), e3);
                xp += channelStride;
                wp += 4;
            }
        }
        for (int t = common; t < count1; t++)
        {
            float* xp = x + offsets1[t];
            float* wp = w + (nint)taps1[t] * tapStride;
            for (int c = 0; c < channels; c++)
            {
                var v = Avx.LoadVector256(xp);
                o0 = Fma.MultiplyAdd(v, Avx.BroadcastScalarToVector256(wp), o0);
                o1 = Fma.MultiplyAdd(v, Avx.BroadcastScalarToVector256(wp + 1), o1);
                o2 = Fma.MultiplyAdd(v, Avx.BroadcastScalarToVector256(wp + 2), o2);
                o3 = Fma.MultiplyAdd(v, Avx.BroadcastScalarToVector256(wp + 3), o3);
                xp += channelStride;
                wp += 4;
            }
        }
        StoreInterleaved(dst, e0, o0); dst += dstStride;
        StoreInterleaved(dst, e1, o1); dst += dstStride;
        StoreInterleaved(dst, e2, o2); dst += dstStride;
        StoreInterleaved(dst, e3, o3);
    }

    /// <summary>Stride 2: 1 output channel x 16 positions of phase 0 and of phase 1, interleaved into 32 consecutive
    /// outputs. Writes <c>dst[0..31]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pair1x32(float* x, float* w, int* offsets0, int* taps0, int count0, int* offsets1, int* taps1, int count1,
        int channels, int channelStride, int tapStride, float* bias, float* dst)
    {
        Vector256<float> e0 = Vector256.Create(bias[0]), e1 = e0, o0 = e0, o1 = e0;
        int common = count0 < count1 ? count0 : count1;
        for (int t = 0; t < common; t++)
        {
            float* xe = x + offsets0[t], xo = x + offsets1[t];
            float* we = w + (nint)taps0[t] * tapStride, wo = w + (nint)taps1[t] * tapStride;
            for (int c = 0; c < channels; c++)
            {
                var ke = Avx.BroadcastScalarToVector256(we);
                var ko = Avx.BroadcastScalarToVector256(wo);
                e0 = Fma.MultiplyAdd(Avx.LoadVector256(xe), ke, e0);
                o0 = Fma.MultiplyAdd(Avx.LoadVector256(xo), ko, o0);
                e1 = Fma.MultiplyAdd(Avx.LoadVector256(xe + 8), ke, e1);
                o1 = Fma.MultiplyAdd(Avx.LoadVector256(xo + 8), ko, o1);
                xe += channelStride;
                xo += channelStride;
                we += 1;
                wo += 1;
            }
        }
        for (int t = common; t < count0; t++)
        {
            float* xp = x + offsets0[t];
            float* wp = w + (nint)taps0[t] * tapStride;
            for (int c = 0; c < channels; c++)
            {
                var k = Avx.BroadcastScalarToVector256(wp);
                e0 = Fma.MultiplyAdd(Avx.LoadVector256(xp), k, e0);
                e1 = Fma.MultiplyAdd(Avx.LoadVector256(xp + 8), k, e1);
                xp += channelStride;
                wp += 1;
            }
        }
        for (int t = common; t < count1; t++)
        {
            float* xp = x + offsets1[t];
            float* wp = w + (nint)taps1[t] * tapStride;
            for (int c = 0; c < channels; c++)
            {
                var k = Avx.BroadcastScalarToVector256(wp);
                o0 = Fma.MultiplyAdd(Avx.LoadVector256(xp), k, o0);
                o1 = Fma.MultiplyAdd(Avx.LoadVector256(xp + 8), k, o1);
                xp += channelStride;
                wp += 1;
            }
        }
        StoreInterleaved(dst, e0, o0);
        StoreInterleaved(dst + 16, e1, o1);
    }

    /// <summary>Stride 2: 1 output channel x 32 positions of phase 0 and of phase 1, interleaved into 64 consecutive
    /// outputs (8 accumulators: single-channel and depthwise rows in half the calls of <see cref="Pair1x32"/>).
    /// Writes <c>dst[0..63]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pair1x64(float* x, float* w, int* offsets0, int* taps0, int count0, int* offsets1, int* taps1, int count1,
        int channels, int channelStride, int tapStride, float* bias, float* dst)
    {
        Vector256<float> e0 = Vector256.Create(bias[0]), e1 = e0, e2 = e0, e3 = e0, o0 = e0, o1 = e0, o2 = e0, o3 = e0;
        for (int t = 0; t < count0; t++)
        {
            float* xp = x + offsets0[t];
            float* wp = w + (nint)taps0[t] * tapStride;
            for (int c = 0; c < channels; c++)
            {
                var k = Avx.BroadcastScalarToVector256(wp);
                e0 = Fma.MultiplyAdd(Avx.LoadVector256(xp), k, e0);
                e1 = Fma.MultiplyAdd(Avx.LoadVector256(xp + 8), k, e1);
                e2 = Fma.MultiplyAdd(Avx.LoadVector256(xp + 16), k, e2);
                e3 = Fma.MultiplyAdd(Avx.LoadVector256(xp + 24), k, e3);
                xp += channelStride;
                wp += 1;
            }
        }
        for (int t = 0; t < count1; t++)
        {
            float* xp = x + offsets1[t];
            float* wp = w + (nint)taps1[t] * tapStride;
            for (int c = 0; c < channels; c++)
            {
                var k = Avx.BroadcastScalarToVector256(wp);
                o0 = Fma.MultiplyAdd(Avx.LoadVector256(xp), k, o0);
                o1 = Fma.MultiplyAdd(Avx.LoadVector256(xp + 8), k, o1);
                o2 = Fma.MultiplyAdd(Avx.LoadVector256(xp + 16), k, o2);
                o3 = Fma.MultiplyAdd(Avx.LoadVector256(xp + 24), k, o3);
                xp += channelStride;
                wp += 1;
            }
        }
        StoreInterleaved(dst, e0, o0);
        StoreInterleaved(dst + 16, e1, o1);
        StoreInterleaved(dst + 32, e2, o2);
        StoreInterleaved(dst + 48, e3, o3);
    }

    /// <summary>True where the JIT has 32 vector registers (AVX-512 VL): the 16-accumulator kernels
    /// (<see cref="Same4x32"/>, <see cref="Pair4x32"/>) then stay in registers; with 16 registers they would spill.</summary>
    public static bool HasWideRegisterFile { get; } = Avx512F.VL.IsSupported;

    /// <summary>4 output channels x 32 consecutive positions of one phase (16 accumulators). Writes <c>dst[u*dstStride + 0..31]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Same4x32(float* x, float* w, int* inputOffsets, int* tapIndices, int taps, int channels, int channelStride,
        int tapStride, float* bias, float* dst, nint dstStride)
    {
        Vector256<float> b0 = Vector256.Create(bias[0]), b1 = Vector256.Create(bias[1]), b2 = Vector256.Create(bias[2]), b3 = Vector256.Create(bias[3]);
        Vector256<float> a00 = b0, a01 = b0, a02 = b0, a03 = b0, a10 = b1, a11 = b1, a12 = b1, a13 = b1;
        Vector256<float> a20 = b2, a21 = b2, a22 = b2, a23 = b2, a30 = b3, a31 = b3, a32 = b3, a33 = b3;
        for (int t = 0; t < taps; t++)
        {
            float* xp = x + inputOffsets[t];
            float* wp = w + (nint)tapIndices[t] * tapStride;
            for (int c = 0; c < channels; c++)
            {
                var v0 = Avx.LoadVector256(xp);
                var v1 = Avx.LoadVector256(xp + 8);
                var v2 = Avx.LoadVector256(xp + 16);
                var v3 = Avx.LoadVector256(xp + 24);
                var k = Avx.BroadcastScalarToVector256(wp);
                a00 = Fma.MultiplyAdd(v0, k, a00); a01 = Fma.MultiplyAdd(v1, k, a01); a02 = Fma.MultiplyAdd(v2, k, a02); a03 = Fma.MultiplyAdd(v3, k, a03);
                k = Avx.BroadcastScalarToVector256(wp + 1);
                a10 = Fma.MultiplyAdd(v0, k, a10); a11 = Fma.MultiplyAdd(v1, k, a11); a12 = Fma.MultiplyAdd(v2, k, a12); a13 = Fma.MultiplyAdd(v3, k, a13);
                k = Avx.BroadcastScalarToVector256(wp + 2);
                a20 = Fma.MultiplyAdd(v0, k, a20); a21 = Fma.MultiplyAdd(v1, k, a21); a22 = Fma.MultiplyAdd(v2, k, a22); a23 = Fma.MultiplyAdd(v3, k, a23);
                k = Avx.BroadcastScalarToVector256(wp + 3);
                a30 = Fma.MultiplyAdd(v0, k, a30); a31 = Fma.MultiplyAdd(v1, k, a31); a32 = Fma.MultiplyAdd(v2, k, a32); a33 = Fma.MultiplyAdd(v3, k, a33);
                xp += channelStride;
                wp += 4;
            }
        }
        Avx.Store(dst, a00); Avx.Store(dst + 8, a01); Avx.Store(dst + 16, a02); Avx.Store(dst + 24, a03); dst += dstStride;
        Avx.Store(dst, a10); Avx.Store(dst + 8, a11); Avx.Store(dst + 16, a12); Avx.Store(dst + 24, a13); dst += dstStride;
        Avx.Store(dst, a20); Avx.Store(dst + 8, a21); Avx.Store(dst + 16, a22); Avx.Store(dst + 24, a23); dst += dstStride;
        Avx.Store(dst, a30); Avx.Store(dst + 8, a31); Avx.Store(dst + 16, a32); Avx.Store(dst + 24, a33);
    }

    /// <summary>Stride 2: 4 output channels x 16 positions of phase 0 and of phase 1 (16 accumulators), interleaved into 32
    /// consecutive outputs. Writes <c>dst[u*dstStride + 0..31]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pair4x32(float* x, float* w, int* offsets0, int* taps0, int count0, int* offsets1, int* taps1, int count1,
        int channels, int channelStride, int tapStride, float* bias, float* dst, nint dstStride)
    {
        Vector256<float> b0 = Vector256.Create(bias[0]), b1 = Vector256.Create(bias[1]), b2 = Vector256.Create(bias[2]), b3 = Vector256.Create(bias[3]);
        Vector256<float> e00 = b0, e01 = b0, e10 = b1, e11 = b1, e20 = b2, e21 = b2, e30 = b3, e31 = b3;
        Vector256<float> o00 = b0, o01 = b0, o10 = b1, o11 = b1, o20 = b2, o21 = b2, o30 = b3, o31 = b3;
        for (int t = 0; t < count0; t++)
        {
            float* xp = x + offsets0[t];
            float* wp = w + (nint)taps0[t] * tapStride;
            for (int c = 0; c < channels; c++)
            {
                var v0 = Avx.LoadVector256(xp);
                var v1 = Avx.LoadVector256(xp + 8);
                var k = Avx.BroadcastScalarToVector256(wp);
                e00 = Fma.MultiplyAdd(v0, k, e00); e01 = Fma.MultiplyAdd(v1, k, e01);
                k = Avx.BroadcastScalarToVector256(wp + 1);
                e10 = Fma.MultiplyAdd(v0, k, e10); e11 = Fma.MultiplyAdd(v1, k, e11);
                k = Avx.BroadcastScalarToVector256(wp + 2);
                e20 = Fma.MultiplyAdd(v0, k, e20); e21 = Fma.MultiplyAdd(v1, k, e21);
                k = Avx.BroadcastScalarToVector256(wp + 3);
                e30 = Fma.MultiplyAdd(v0, k, e30); e31 = Fma.MultiplyAdd(v1, k, e31);
                xp += channelStride;
                wp += 4;
            }
        }
        for (int t = 0; t < count1; t++)
        {
            float* xp = x + offsets1[t];
            float* wp = w + (nint)taps1[t] * tapStride;
            for (int c = 0; c < channels; c++)
            {
                var v0 = Avx.LoadVector256(xp);
                var v1 = Avx.LoadVector256(xp + 8);
                var k = Avx.BroadcastScalarToVector256(wp);
                o00 = Fma.MultiplyAdd(v0, k, o00); o01 = Fma.MultiplyAdd(v1, k, o01);
                k = Avx.BroadcastScalarToVector256(wp + 1);
                o10 = Fma.MultiplyAdd(v0, k, o10); o11 = Fma.MultiplyAdd(v1, k, o11);
                k = Avx.BroadcastScalarToVector256(wp + 2);
                o20 = Fma.MultiplyAdd(v0, k, o20); o21 = Fma.MultiplyAdd(v1, k, o21);
                k = Avx.BroadcastScalarToVector256(wp + 3);
                o30 = Fma.MultiplyAdd(v0, k, o30); o31 = Fma.MultiplyAdd(v1, k, o31);
                xp += channelStride;
                wp += 4;
            }
        }
        StoreInterleaved(dst, e00, o00); StoreInterleaved(dst + 16, e01, o01); dst += dstStride;
        StoreInterleaved(dst, e10, o10); StoreInterleaved(dst + 16, e11, o11); dst += dstStride;
        StoreInterleaved(dst, e20, o20); StoreInterleaved(dst + 16, e21, o21); dst += dstStride;
        StoreInterleaved(dst, e30, o30); StoreInterleaved(dst + 16, e31, o31);
    }

    /// <summary>Writes <c>even[0], odd[0], even[1], odd[1], ...</c>: 16 consecutive floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreInterleaved(float* dst, Vector256<float> even, Vector256<float> odd)
    {
        // unpack interleaves within each 128-bit lane; the lane permute puts the halves in order.
        var low = Avx.UnpackLow(even, odd);
        var high = Avx.UnpackHigh(even, odd);
        Avx.Store(dst, Avx.Permute2x128(low, high, 0x20));
        Avx.Store(dst + 8, Avx.Permute2x128(low, high, 0x31));
    }
}
