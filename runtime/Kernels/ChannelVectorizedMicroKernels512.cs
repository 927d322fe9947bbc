using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TConvGen;

/// <summary>
/// The Vector512 inner loops of <see cref="ChannelVectorizedPrepared"/>: <see cref="Pixels"/> output pixels of one phase x a
/// block of output channels in the lanes (16 per vector). Accumulators start at the bias; for every tap <c>t</c> pixel
/// <c>p</c> reads the channel-contiguous input at <c>x + tapOffsets[t] + pixelOffsets[p]</c>; the innermost loop walks the
/// input channels, loading the block's weights as consecutive vectors (<c>w</c> advances by the block width) and
/// broadcasting one input value per pixel. Writes <c>dst[p*width + channel]</c>. Callers guarantee every read is inside the
/// zero-padded input band.
/// </summary>
internal static unsafe class ChannelVectorizedMicroKernels512
{
    /// <summary>The output pixels of one call.</summary>
    public const int Pixels = 6;

    /// <summary>64 channels (4 vectors) x 6 pixels: 24 accumulators, 4 weight vectors and a broadcast in the 32 registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Block64(float* x, int* pixelOffsets, int* tapOffsets, int taps, int channels, float* w, float* bias, float* dst)
    {
        Vector512<float> b0 = Vector512.Load(bias), b1 = Vector512.Load(bias + 16), b2 = Vector512.Load(bias + 32), b3 = Vector512.Load(bias + 48);
        Vector512<float> a00 = b0, a01 = b1, a02 = b2, a03 = b3, a10 = b0, a11 = b1, a12 = b2, a13 = b3;
        Vector512<float> a20 = b0, a21 = b1, a22 = b2, a23 = b3, a30 = b0, a31 = b1, a32 = b2, a33 = b3;
        Vector512<float> a40 = b0, a41 = b1, a42 = b2, a43 = b3, a50 = b0, a51 = b1, a52 = b2, a53 = b3;
        nint o0 = pixelOffsets[0], o1 = pixelOffsets[1], o2 = pixelOffsets[2], o3 = pixelOffsets[3], o4 = pixelOffsets[4], o5 = pixelOffsets[5];
        for (int t = 0; t < taps; t++)
        {
            float* xt = x + tapOffsets[t];
            float* x0 = xt + o0, x1 = xt + o1, x2 = xt + o2, x3 = xt + o3, x4 = xt + o4, x5 = xt + o5;
            for (nint c = 0; c < channels; c++)
            {
                var w0 = Vector512.Load(w);
                var w1 = Vector512.Load(w + 16);
                var w2 = Vector512.Load(w + 32);
                var w3 = Vector512.Load(w + 48);
                var v = Vector512.Create(x0[c]);
                a00 = Avx512F.FusedMultiplyAdd(w0, v, a00); a01 = Avx512F.FusedMultiplyAdd(w1, v, a01);
                a02 = Avx512F.FusedMultiplyAdd(w2, v, a02); a03 = Avx512F.FusedMultiplyAdd(w3, v, a03);
                v = Vector512.Create(x1[c]);
                a10 = Avx512F.FusedMultiplyAdd(w0, v, a10); a11 = Avx512F.FusedMultiplyAdd(w1, v, a11);
                a12 = Avx512F.FusedMultiplyAdd(w2, v, a12); a13 = Avx512F.FusedMultiplyAdd(w3, v, a13);
                v = Vector512.Create(x2[c]);
                a20 = Avx512F.FusedMultiplyAdd(w0, v, a20); a21 = Avx512F.FusedMultiplyAdd(w1, v, a21);
                a22 = Avx512F.FusedMultiplyAdd(w2, v, a22); a23 = Avx512F.FusedMultiplyAdd(w3, v, a23);
                v = Vector512.Create(x3[c]);
                a30 = Avx512F.FusedMultiplyAdd(w0, v, a30); a31 = Avx512F.FusedMultiplyAdd(w1, v, a31);
                a32 = Avx512F.FusedMultiplyAdd(w2, v, a32); a33 = Avx512F.FusedMultiplyAdd(w3, v, a33);
                v = Vector512.Create(x4[c]);
                a40 = Avx512F.FusedMultiplyAdd(w0, v, a40); a41 = Avx512F.FusedMultiplyAdd(w1, v, a41);
                a42 = Avx512F.FusedMultiplyAdd(w2, v, a42); a43 = Avx512F.FusedMultiplyAdd(w3, v, a43);
                v = Vector512.Create(x5[c]);
                a50 = Avx512F.FusedMultiplyAdd(w0, v, a50); a51 = Avx512F.FusedMultiplyAdd(w1, v, a51);
                a52 = Avx512F.FusedMultiplyAdd(w2, v, a52); a53 = Avx512F.FusedMultiplyAdd(w3, v, a53);
                w += 64;
            }
        }
        a00.Store(dst); a01.Store(dst + 16); a02.Store(dst + 32); a03.Store(dst + 48);
        a10.Store(dst + 64); a11.Store(dst + 80); a12.Store(dst + 96); a13.Store(dst + 112);
        a20.Store(dst + 128); a21.Store(dst + 144); a22.Store(dst + 160); a23.Store(dst + 176);
        a30.Store(dst + 192); a31.Store(dst + 208); a32.Store(dst + 224); a33.Store(dst + 240);
        a40.Store(dst + 256); a41.Store(dst + 272); a42.Store(dst + 288); a43.Store(dst + 304);
        a50.Store(dst + 320); a51.Store(dst + 336); a52.Store(dst + 352); a53.Store(dst + 368);
    }

    /// <summary>64 channels x 3 pixels, for the last pixels of a phase: a list of 6k + 1..3 pixels then wastes at most 2 slots
    /// instead of 5 (12 accumulators still cover the FMA latency). Writes <c>dst[p*64 + channel]</c> for p &lt; 3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Block64x3(float* x, int* pixelOffsets, int* tapOffsets, int taps, int channels, float* w, float* bias, float* dst)
    {
        Vector512<float> b0 = Vector512.Load(bias), b1 = Vector512.Load(bias + 16), b2 = Vector512.Load(bias + 32), b3 = Vector512.Load(bias + 48);
        Vector512<float> a00 = b0, a01 = b1, a02 = b2, a03 = b3, a10 = b0, a11 = b1, a12 = b2, a13 = b3, a20 = b0, a21 = b1, a22 = b2, a23 = b3;
        nint o0 = pixelOffsets[0], o1 = pixelOffsets[1], o2 = pixelOffsets[2];
        for (int t = 0; t < taps; t++)
        {
            float* xt = x + tapOffsets[t];
            float* x0 = xt + o0, x1 = xt + o1, x2 = xt + o2;
            for (nint c = 0; c < channels; c++)
            {
                var w0 = Vector512.Load(w);
                var w1 = Vector512.Load(w + 16);
                var w2 = Vector512.Load(w + 32);
                var w3 = Vector512.Load(w + 48);
                var v = Vector512.Create(x0[c]);
                a00 = Avx512F.FusedMultiplyAdd(w0, v, a00); a01 = Avx512F.FusedMultiplyAdd(w1, v, a01);
                a02 = Avx512F.FusedMultiplyAdd(w2, v, a02); a03 = Avx512F.FusedMultiplyAdd(w3, v, a03);
                v = Vector512.Create(x1[c]);
                a10 = Avx512F.FusedMultiplyAdd(w0, v, a10); a11 = Avx512F.FusedMultiplyAdd(w1, v, a11);
                a12 = Avx512F.FusedMultiplyAdd(w2, v, a12); a13 = Avx512F.FusedMultiplyAdd(w3, v, a13);
                v = Vector512.Create(x2[c]);
                a20 = Avx512F.FusedMultiplyAdd(w0, v, a20); a21 = Avx512F.FusedMultiplyAdd(w1, v, a21);
                a22 = Avx512F.FusedMultiplyAdd(w2, v, a22); a23 = Avx512F.FusedMultiplyAdd(w3, v, a23);
                w += 64;
            }
        }
        a00.Store(dst); a01.Store(dst + 16); a02.Store(dst + 32); a03.Store(dst + 48);
        a10.Store(dst + 64); a11.Store(dst + 80); a12.Store(dst + 96); a13.Store(dst + 112);
        a20.Store(dst + 128); a21.Store(dst + 144); a22.Store(dst + 160); a23.Store(dst + 176);
    }

    /// <summary>32 channels (2 vectors) x 6 pixels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Block32(float* x, int* pixelOffsets, int* tapOffsets, int taps, int channels, float* w, float* bias, float* dst)
    {
        Vector512<float> b0 = Vector512.Load(bias), b1 = Vector512.Load(bias + 16);
        Vector512<float> a00 = b0, a01 = b1, a10 = b0, a11 = b1, a20 = b0, a21 = b1, a30 = b0, a31 = b1, a40 = b0, a41 = b1, a50 = b0, a51 = b1;
        nint o0 = pixelOffsets[0], o1 = pixelOffsets[1], o2 = pixelOffsets[2], o3 = pixelOffsets[3], o4 = pixelOffsets[4], o5 = pixelOffsets[5];
        for (int t = 0; t < taps; t++)
        {
            float* xt = x + tapOffsets[t];
            float* x0 = xt + o0, x1 = xt + o1, x2 = xt + o2, x3 = xt + o3, x4 = xt + o4, x5 = xt + o5;
            for (nint c = 0; c < channels; c++)
            {
                var w0 = Vector512.Load(w);
                var w1 = Vector512.Load(w + 16);
                var v = Vector512.Create(x0[c]);
                a00 = Avx512F.FusedMultiplyAdd(w0, v, a00); a01 = Avx512F.FusedMultiplyAdd(w1, v, a01);
                v = Vector512.Create(x1[c]);
                a10 = Avx512F.FusedMultiplyAdd(w0, v, a10); a11 = Avx512F.FusedMultiplyAdd(w1, v, a11);
                v = Vector512.Create(x2[c]);
                a20 = Avx512F.FusedMultiplyAdd(w0, v, a20); a21 = Avx512F.FusedMultiplyAdd(w1, v, a21);
                v = Vector512.Create(x3[c]);
                a30 = Avx512F.FusedMultiplyAdd(w0, v, a30); a31 = Avx512F.FusedMultiplyAdd(w1, v, a31);
                v = Vector512.Create(x4[c]);
                a40 = Avx512F.FusedMultiplyAdd(w0, v, a40); a41 = Avx512F.FusedMultiplyAdd(w1, v, a41);
                v = Vector512.Create(x5[c]);
                a50 = Avx512F.FusedMultiplyAdd(w0, v, a50); a51 = Avx512F.FusedMultiplyAdd(w1, v, a51);
                w += 32;
            }
        }
        a00.Store(dst); a01.Store(dst + 16); a10.Store(dst + 32); a11.Store(dst + 48);
        a20.Store(dst + 64); a21.Store(dst + 80); a30.Store(dst + 96); a31.Store(dst + 112);
        a40.Store(dst + 128); a41.Store(dst + 144); a50.Store(dst + 160); a51.Store(dst + 176);
    }

    /// <summary>16 channels (1 vector) x 6 pixels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Block16(float* x, int* pixelOffsets, int* tapOffsets, int taps, int channels, float* w, float* bias, float* dst)
    {
        Vector512<float> a0 = Vector512.Load(bias), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
        nint o0 = pixelOffsets[0], o1 = pixelOffsets[1], o2 = pixelOffsets[2], o3 = pixelOffsets[3], o4 = pixelOffsets[4], o5 = pixelOffsets[5];
        for (int t = 0; t < taps; t++)
        {
            float* xt = x + tapOffsets[t];
            float* x0 = xt + o0, x1 = xt + o1, x2 = xt + o2, x3 = xt + o3, x4 = xt + o4, x5 = xt + o5;
            for (nint c = 0; c < channels; c++)
            {
                var w0 = Vector512.Load(w);
                a0 = Avx512F.FusedMultiplyAdd(w0, Vector512.Create(x0[c]), a0);
                a1 = Avx512F.FusedMultiplyAdd(w0, Vector512.Create(x1[c]), a1);
                a2 = Avx512F.FusedMultiplyAdd(w0, Vector512.Create(x2[c]), a2);
                a3 = Avx512F.FusedMultiplyAdd(w0, Vector512.Create(x3[c]), a3);
                a4 = Avx512F.FusedMultiplyAdd(w0, Vector512.Create(x4[c]), a4);
                a5 = Avx512F.FusedMultiplyAdd(w0, Vector512.Create(x5[c]), a5);
                w += 16;
            }
        }
        a0.Store(dst); a1.Store(dst + 16); a2.Store(dst + 32); a3.Store(dst + 48); a4.Store(dst + 64); a5.Store(dst + 80);
    }
}
