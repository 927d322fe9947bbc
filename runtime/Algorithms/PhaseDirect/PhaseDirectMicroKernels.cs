using System.Runtime.CompilerServices;
using TConvGen.CompilerServices;

namespace TConvGen;

/// <summary>
/// The inner loops of <see cref="PhaseDirectPrepared"/>, written once for every vector width (<see cref="ISimd{TVector}"/>;
/// <c>N</c> below is the vector's float count). Each is named by its register tile, vectors x output channels (a pair
/// kernel's vectors are per phase), and computes that tile of one output row: accumulators start at the bias; for every
/// tap <c>t</c> the input pointer is <c>x + inputOffsets[t]</c> and the weight pointer <c>w + tapIndices[t] * tapStride</c>;
/// the innermost loop walks the input channels (input stride <c>channelStride</c>, weight stride = the block's channels),
/// broadcasting one weight per channel of the block; the stores are activated (<see cref="ActivatedOutput{TSimd, TVector, TActivation}"/>):
/// the sums are whole when stored. Callers guarantee every read is inside the padded input rows and
/// every write inside the destination, and that the tile's accumulators fit the register file (<see cref="SimdPath.VectorRegisters"/>).
/// </summary>
internal static unsafe class PhaseDirectMicroKernels
{
    /// <summary>2 vectors x 4 output channels (8 accumulators): <c>2N</c> consecutive positions of one phase. Writes <c>dst[u*dstStride + 0..2N-1]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Same2x4<TSimd, TVector, TActivation>(float* x, float* w, int* inputOffsets, int* tapIndices, int taps, int channels, nint channelStride,
        int tapStride, float* bias, float* dst, nint dstStride, TActivation activation)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
        where TActivation : struct, IActivationFunction
    {
        int n = TSimd.Count;
        TVector b0 = TSimd.Broadcast(bias), b1 = TSimd.Broadcast(bias + 1), b2 = TSimd.Broadcast(bias + 2), b3 = TSimd.Broadcast(bias + 3);
        TVector a00 = b0, a01 = b0, a10 = b1, a11 = b1, a20 = b2, a21 = b2, a30 = b3, a31 = b3;
        for (int t = 0; t < taps; t++)
        {
            float* xp = x + inputOffsets[t];
            float* wp = w + (nint)tapIndices[t] * tapStride;
            for (int c = 0; c < channels; c++)
            {
                var v0 = TSimd.Load(xp);
                var v1 = TSimd.Load(xp + n);
                var w0 = TSimd.Broadcast(wp);
                a00 = TSimd.MultiplyAdd(v0, w0, a00);
                a01 = TSimd.MultiplyAdd(v1, w0, a01);
                var w1 = TSimd.Broadcast(wp + 1);
                a10 = TSimd.MultiplyAdd(v0, w1, a10);
                a11 = TSimd.MultiplyAdd(v1, w1, a11);
                var w2 = TSimd.Broadcast(wp + 2);
                a20 = TSimd.MultiplyAdd(v0, w2, a20);
                a21 = TSimd.MultiplyAdd(v1, w2, a21);
                var w3 = TSimd.Broadcast(wp + 3);
                a30 = TSimd.MultiplyAdd(v0, w3, a30);
                a31 = TSimd.MultiplyAdd(v1, w3, a31);
                xp += channelStride;
                wp += 4;
            }
        }
        var output = new ActivatedOutput<TSimd, TVector, TActivation>(activation);
        float* first = dst;
        output.Store(dst, a00); output.Store(dst + n, a01); dst += dstStride;
        output.Store(dst, a10); output.Store(dst + n, a11); dst += dstStride;
        output.Store(dst, a20); output.Store(dst + n, a21); dst += dstStride;
        output.Store(dst, a30); output.Store(dst + n, a31);
        output.Complete(first, dstStride, 4, 2 * n);
    }

    /// <summary>4 vectors x 4 output channels (16 accumulators, for 32 registers): <c>4N</c> consecutive positions of one
    /// phase. Writes <c>dst[u*dstStride + 0..4N-1]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Same4x4<TSimd, TVector, TActivation>(float* x, float* w, int* inputOffsets, int* tapIndices, int taps, int channels, nint channelStride,
        int tapStride, float* bias, float* dst, nint dstStride, TActivation activation)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
        where TActivation : struct, IActivationFunction
    {
        int n = TSimd.Count;
        TVector b0 = TSimd.Broadcast(bias), b1 = TSimd.Broadcast(bias + 1), b2 = TSimd.Broadcast(bias + 2), b3 = TSimd.Broadcast(bias + 3);
        TVector a00 = b0, a01 = b0, a02 = b0, a03 = b0, a10 = b1, a11 = b1, a12 = b1, a13 = b1;
        TVector a20 = b2, a21 = b2, a22 = b2, a23 = b2, a30 = b3, a31 = b3, a32 = b3, a33 = b3;
        for (int t = 0; t < taps; t++)
        {
            float* xp = x + inputOffsets[t];
            float* wp = w + (nint)tapIndices[t] * tapStride;
            for (int c = 0; c < channels; c++)
            {
                var v0 = TSimd.Load(xp);
                var v1 = TSimd.Load(xp + n);
                var v2 = TSimd.Load(xp + 2 * n);
                var v3 = TSimd.Load(xp + 3 * n);
                var k = TSimd.Broadcast(wp);
                a00 = TSimd.MultiplyAdd(v0, k, a00); a01 = TSimd.MultiplyAdd(v1, k, a01); a02 = TSimd.MultiplyAdd(v2, k, a02); a03 = TSimd.MultiplyAdd(v3, k, a03);
                k = TSimd.Broadcast(wp + 1);
                a10 = TSimd.MultiplyAdd(v0, k, a10); a11 = TSimd.MultiplyAdd(v1, k, a11); a12 = TSimd.MultiplyAdd(v2, k, a12); a13 = TSimd.MultiplyAdd(v3, k, a13);
                k = TSimd.Broadcast(wp + 2);
                a20 = TSimd.MultiplyAdd(v0, k, a20); a21 = TSimd.MultiplyAdd(v1, k, a21); a22 = TSimd.MultiplyAdd(v2, k, a22); a23 = TSimd.MultiplyAdd(v3, k, a23);
                k = TSimd.Broadcast(wp + 3);
                a30 = TSimd.MultiplyAdd(v0, k, a30); a31 = TSimd.MultiplyAdd(v1, k, a31); a32 = TSimd.MultiplyAdd(v2, k, a32); a33 = TSimd.MultiplyAdd(v3, k, a33);
                xp += channelStride;
                wp += 4;
            }
        }
        var output = new ActivatedOutput<TSimd, TVector, TActivation>(activation);
        float* first = dst;
        output.Store(dst, a00); output.Store(dst + n, a01); output.Store(dst + 2 * n, a02); output.Store(dst + 3 * n, a03); dst += dstStride;
        output.Store(dst, a10); output.Store(dst + n, a11); output.Store(dst + 2 * n, a12); output.Store(dst + 3 * n, a13); dst += dstStride;
        output.Store(dst, a20); output.Store(dst + n, a21); output.Store(dst + 2 * n, a22); output.Store(dst + 3 * n, a23); dst += dstStride;
        output.Store(dst, a30); output.Store(dst + n, a31); output.Store(dst + 2 * n, a32); output.Store(dst + 3 * n, a33);
        output.Complete(first, dstStride, 4, 4 * n);
    }

    /// <summary>4 vectors x 1 output channel: <c>4N</c> consecutive positions of one phase. Writes <c>dst[0..4N-1]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Same4x1<TSimd, TVector, TActivation>(float* x, float* w, int* inputOffsets, int* tapIndices, int taps, int channels, nint channelStride,
        int tapStride, float* bias, float* dst, TActivation activation)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
        where TActivation : struct, IActivationFunction
    {
        int n = TSimd.Count;
        TVector a0 = TSimd.Broadcast(bias), a1 = a0, a2 = a0, a3 = a0;
        for (int t = 0; t < taps; t++)
        {
            float* xp = x + inputOffsets[t];
            float* wp = w + (nint)tapIndices[t] * tapStride;
            for (int c = 0; c < channels; c++)
            {
                var w0 = TSimd.Broadcast(wp);
                a0 = TSimd.MultiplyAdd(TSimd.Load(xp), w0, a0);
                a1 = TSimd.MultiplyAdd(TSimd.Load(xp + n), w0, a1);
                a2 = TSimd.MultiplyAdd(TSimd.Load(xp + 2 * n), w0, a2);
                a3 = TSimd.MultiplyAdd(TSimd.Load(xp + 3 * n), w0, a3);
                xp += channelStride;
                wp += 1;
            }
        }
        var output = new ActivatedOutput<TSimd, TVector, TActivation>(activation);
        output.Store(dst, a0); output.Store(dst + n, a1); output.Store(dst + 2 * n, a2); output.Store(dst + 3 * n, a3);
        output.Complete(dst, 0, 1, 4 * n);
    }

    /// <summary>8 vectors x 1 output channel (single-channel and depthwise rows in half the calls of <see cref="Same4x1"/>):
    /// <c>8N</c> consecutive positions of one phase. Writes <c>dst[0..8N-1]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Same8x1<TSimd, TVector, TActivation>(float* x, float* w, int* inputOffsets, int* tapIndices, int taps, int channels, nint channelStride,
        int tapStride, float* bias, float* dst, TActivation activation)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
        where TActivation : struct, IActivationFunction
    {
        int n = TSimd.Count;
        TVector a0 = TSimd.Broadcast(bias), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        for (int t = 0; t < taps; t++)
        {
            float* xp = x + inputOffsets[t];
            float* wp = w + (nint)tapIndices[t] * tapStride;
            for (int c = 0; c < channels; c++)
            {
                var k = TSimd.Broadcast(wp);
                a0 = TSimd.MultiplyAdd(TSimd.Load(xp), k, a0);
                a1 = TSimd.MultiplyAdd(TSimd.Load(xp + n), k, a1);
                a2 = TSimd.MultiplyAdd(TSimd.Load(xp + 2 * n), k, a2);
                a3 = TSimd.MultiplyAdd(TSimd.Load(xp + 3 * n), k, a3);
                a4 = TSimd.MultiplyAdd(TSimd.Load(xp + 4 * n), k, a4);
                a5 = TSimd.MultiplyAdd(TSimd.Load(xp + 5 * n), k, a5);
                a6 = TSimd.MultiplyAdd(TSimd.Load(xp + 6 * n), k, a6);
                a7 = TSimd.MultiplyAdd(TSimd.Load(xp + 7 * n), k, a7);
                xp += channelStride;
                wp += 1;
            }
        }
        var output = new ActivatedOutput<TSimd, TVector, TActivation>(activation);
        output.Store(dst, a0); output.Store(dst + n, a1); output.Store(dst + 2 * n, a2); output.Store(dst + 3 * n, a3);
        output.Store(dst + 4 * n, a4); output.Store(dst + 5 * n, a5); output.Store(dst + 6 * n, a6); output.Store(dst + 7 * n, a7);
        output.Complete(dst, 0, 1, 8 * n);
    }

    /// <summary>Stride 2, 1 vector per phase x 4 output channels (8 accumulators): <c>N</c> positions of phase 0 and of
    /// phase 1, interleaved into <c>2N</c> consecutive outputs. Writes <c>dst[u*dstStride + 0..2N-1]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pair1x4<TSimd, TVector, TActivation>(float* x, float* w, int* offsets0, int* taps0, int count0, int* offsets1, int* taps1, int count1,
        int channels, nint channelStride, int tapStride, float* bias, float* dst, nint dstStride, TActivation activation)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
        where TActivation : struct, IActivationFunction
    {
        TVector b0 = TSimd.Broadcast(bias), b1 = TSimd.Broadcast(bias + 1), b2 = TSimd.Broadcast(bias + 2), b3 = TSimd.Broadcast(bias + 3);
        TVector e0 = b0, e1 = b1, e2 = b2, e3 = b3, o0 = b0, o1 = b1, o2 = b2, o3 = b3;
        // Both phases in one loop while both have taps: eight independent accumulator chains hide the FMA latency.
        int common = count0 < count1 ? count0 : count1;
        for (int t = 0; t < common; t++)
        {
            float* xe = x + offsets0[t], xo = x + offsets1[t];
            float* we = w + (nint)taps0[t] * tapStride, wo = w + (nint)taps1[t] * tapStride;
            for (int c = 0; c < channels; c++)
            {
                var ve = TSimd.Load(xe);
                var vo = TSimd.Load(xo);
                e0 = TSimd.MultiplyAdd(ve, TSimd.Broadcast(we), e0);
                o0 = TSimd.MultiplyAdd(vo, TSimd.Broadcast(wo), o0);
                e1 = TSimd.MultiplyAdd(ve, TSimd.Broadcast(we + 1), e1);
                o1 = TSimd.MultiplyAdd(vo, TSimd.Broadcast(wo + 1), o1);
                e2 = TSimd.MultiplyAdd(ve, TSimd.Broadcast(we + 2), e2);
                o2 = TSimd.MultiplyAdd(vo, TSimd.Broadcast(wo + 2), o2);
                e3 = TSimd.MultiplyAdd(ve, TSimd.Broadcast(we + 3), e3);
                o3 = TSimd.MultiplyAdd(vo, TSimd.Broadcast(wo + 3), o3);
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
                var v = TSimd.Load(xp);
                e0 = TSimd.MultiplyAdd(v, TSimd.Broadcast(wp), e0);
                e1 = TSimd.MultiplyAdd(v, TSimd.Broadcast(wp + 1), e1);
                e2 = TSimd.MultiplyAdd(v, TSimd.Broadcast(wp + 2), e2);
                e3 = TSimd.MultiplyAdd(v, TSimd.Broadcast(wp + 3), e3);
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
                var v = TSimd.Load(xp);
                o0 = TSimd.MultiplyAdd(v, TSimd.Broadcast(wp), o0);
                o1 = TSimd.MultiplyAdd(v, TSimd.Broadcast(wp + 1), o1);
                o2 = TSimd.MultiplyAdd(v, TSimd.Broadcast(wp + 2), o2);
                o3 = TSimd.MultiplyAdd(v, TSimd.Broadcast(wp + 3), o3);
                xp += channelStride;
                wp += 4;
            }
        }
        var output = new ActivatedOutput<TSimd, TVector, TActivation>(activation);
        float* first = dst;
        output.StoreInterleaved(dst, e0, o0); dst += dstStride;
        output.StoreInterleaved(dst, e1, o1); dst += dstStride;
        output.StoreInterleaved(dst, e2, o2); dst += dstStride;
        output.StoreInterleaved(dst, e3, o3);
        output.Complete(first, dstStride, 4, 2 * TSimd.Count);
    }

    /// <summary>Stride 2, 2 vectors per phase x 4 output channels (16 accumulators, for 32 registers): <c>2N</c> positions of
    /// phase 0 and of phase 1, interleaved into <c>4N</c> consecutive outputs. Writes <c>dst[u*dstStride + 0..4N-1]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pair2x4<TSimd, TVector, TActivation>(float* x, float* w, int* offsets0, int* taps0, int count0, int* offsets1, int* taps1, int count1,
        int channels, nint channelStride, int tapStride, float* bias, float* dst, nint dstStride, TActivation activation)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
        where TActivation : struct, IActivationFunction
    {
        int n = TSimd.Count;
        TVector b0 = TSimd.Broadcast(bias), b1 = TSimd.Broadcast(bias + 1), b2 = TSimd.Broadcast(bias + 2), b3 = TSimd.Broadcast(bias + 3);
        TVector e00 = b0, e01 = b0, e10 = b1, e11 = b1, e20 = b2, e21 = b2, e30 = b3, e31 = b3;
        TVector o00 = b0, o01 = b0, o10 = b1, o11 = b1, o20 = b2, o21 = b2, o30 = b3, o31 = b3;
        for (int t = 0; t < count0; t++)
        {
            float* xp = x + offsets0[t];
            float* wp = w + (nint)taps0[t] * tapStride;
            for (int c = 0; c < channels; c++)
            {
                var v0 = TSimd.Load(xp);
                var v1 = TSimd.Load(xp + n);
                var k = TSimd.Broadcast(wp);
                e00 = TSimd.MultiplyAdd(v0, k, e00); e01 = TSimd.MultiplyAdd(v1, k, e01);
                k = TSimd.Broadcast(wp + 1);
                e10 = TSimd.MultiplyAdd(v0, k, e10); e11 = TSimd.MultiplyAdd(v1, k, e11);
                k = TSimd.Broadcast(wp + 2);
                e20 = TSimd.MultiplyAdd(v0, k, e20); e21 = TSimd.MultiplyAdd(v1, k, e21);
                k = TSimd.Broadcast(wp + 3);
                e30 = TSimd.MultiplyAdd(v0, k, e30); e31 = TSimd.MultiplyAdd(v1, k, e31);
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
                var v0 = TSimd.Load(xp);
                var v1 = TSimd.Load(xp + n);
                var k = TSimd.Broadcast(wp);
                o00 = TSimd.MultiplyAdd(v0, k, o00); o01 = TSimd.MultiplyAdd(v1, k, o01);
                k = TSimd.Broadcast(wp + 1);
                o10 = TSimd.MultiplyAdd(v0, k, o10); o11 = TSimd.MultiplyAdd(v1, k, o11);
                k = TSimd.Broadcast(wp + 2);
                o20 = TSimd.MultiplyAdd(v0, k, o20); o21 = TSimd.MultiplyAdd(v1, k, o21);
                k = TSimd.Broadcast(wp + 3);
                o30 = TSimd.MultiplyAdd(v0, k, o30); o31 = TSimd.MultiplyAdd(v1, k, o31);
                xp += channelStride;
                wp += 4;
            }
        }
        var output = new ActivatedOutput<TSimd, TVector, TActivation>(activation);
        float* first = dst;
        output.StoreInterleaved(dst, e00, o00); output.StoreInterleaved(dst + 2 * n, e01, o01); dst += dstStride;
        output.StoreInterleaved(dst, e10, o10); output.StoreInterleaved(dst + 2 * n, e11, o11); dst += dstStride;
        output.StoreInterleaved(dst, e20, o20); output.StoreInterleaved(dst + 2 * n, e21, o21); dst += dstStride;
        output.StoreInterleaved(dst, e30, o30); output.StoreInterleaved(dst + 2 * n, e31, o31);
        output.Complete(first, dstStride, 4, 4 * n);
    }

    /// <summary>Stride 2, 2 vectors per phase x 1 output channel: <c>2N</c> positions of phase 0 and of phase 1, interleaved
    /// into <c>4N</c> consecutive outputs. Writes <c>dst[0..4N-1]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pair2x1<TSimd, TVector, TActivation>(float* x, float* w, int* offsets0, int* taps0, int count0, int* offsets1, int* taps1, int count1,
        int channels, nint channelStride, int tapStride, float* bias, float* dst, TActivation activation)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
        where TActivation : struct, IActivationFunction
    {
        int n = TSimd.Count;
        TVector e0 = TSimd.Broadcast(bias), e1 = e0, o0 = e0, o1 = e0;
        int common = count0 < count1 ? count0 : count1;
        for (int t = 0; t < common; t++)
        {
            float* xe = x + offsets0[t], xo = x + offsets1[t];
            float* we = w + (nint)taps0[t] * tapStride, wo = w + (nint)taps1[t] * tapStride;
            for (int c = 0; c < channels; c++)
            {
                var ke = TSimd.Broadcast(we);
                var ko = TSimd.Broadcast(wo);
                e0 = TSimd.MultiplyAdd(TSimd.Load(xe), ke, e0);
                o0 = TSimd.MultiplyAdd(TSimd.Load(xo), ko, o0);
                e1 = TSimd.MultiplyAdd(TSimd.Load(xe + n), ke, e1);
                o1 = TSimd.MultiplyAdd(TSimd.Load(xo + n), ko, o1);
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
                var k = TSimd.Broadcast(wp);
                e0 = TSimd.MultiplyAdd(TSimd.Load(xp), k, e0);
                e1 = TSimd.MultiplyAdd(TSimd.Load(xp + n), k, e1);
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
                var k = TSimd.Broadcast(wp);
                o0 = TSimd.MultiplyAdd(TSimd.Load(xp), k, o0);
                o1 = TSimd.MultiplyAdd(TSimd.Load(xp + n), k, o1);
                xp += channelStride;
                wp += 1;
            }
        }
        var output = new ActivatedOutput<TSimd, TVector, TActivation>(activation);
        output.StoreInterleaved(dst, e0, o0);
        output.StoreInterleaved(dst + 2 * n, e1, o1);
        output.Complete(dst, 0, 1, 4 * n);
    }

    /// <summary>Stride 2, 4 vectors per phase x 1 output channel (single-channel and depthwise rows in half the calls of
    /// <see cref="Pair2x1"/>): <c>4N</c> positions of phase 0 and of phase 1, interleaved into <c>8N</c> consecutive outputs.
    /// Writes <c>dst[0..8N-1]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pair4x1<TSimd, TVector, TActivation>(float* x, float* w, int* offsets0, int* taps0, int count0, int* offsets1, int* taps1, int count1,
        int channels, nint channelStride, int tapStride, float* bias, float* dst, TActivation activation)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
        where TActivation : struct, IActivationFunction
    {
        int n = TSimd.Count;
        TVector e0 = TSimd.Broadcast(bias), e1 = e0, e2 = e0, e3 = e0, o0 = e0, o1 = e0, o2 = e0, o3 = e0;
        for (int t = 0; t < count0; t++)
        {
            float* xp = x + offsets0[t];
            float* wp = w + (nint)taps0[t] * tapStride;
            for (int c = 0; c < channels; c++)
            {
                var k = TSimd.Broadcast(wp);
                e0 = TSimd.MultiplyAdd(TSimd.Load(xp), k, e0);
                e1 = TSimd.MultiplyAdd(TSimd.Load(xp + n), k, e1);
                e2 = TSimd.MultiplyAdd(TSimd.Load(xp + 2 * n), k, e2);
                e3 = TSimd.MultiplyAdd(TSimd.Load(xp + 3 * n), k, e3);
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
                var k = TSimd.Broadcast(wp);
                o0 = TSimd.MultiplyAdd(TSimd.Load(xp), k, o0);
                o1 = TSimd.MultiplyAdd(TSimd.Load(xp + n), k, o1);
                o2 = TSimd.MultiplyAdd(TSimd.Load(xp + 2 * n), k, o2);
                o3 = TSimd.MultiplyAdd(TSimd.Load(xp + 3 * n), k, o3);
                xp += channelStride;
                wp += 1;
            }
        }
        var output = new ActivatedOutput<TSimd, TVector, TActivation>(activation);
        output.StoreInterleaved(dst, e0, o0);
        output.StoreInterleaved(dst + 2 * n, e1, o1);
        output.StoreInterleaved(dst + 4 * n, e2, o2);
        output.StoreInterleaved(dst + 6 * n, e3, o3);
        output.Complete(dst, 0, 1, 8 * n);
    }
}
