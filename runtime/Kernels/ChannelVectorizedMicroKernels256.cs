using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TConvGen;

/// <summary>
/// The Vector256 inner loops of <see cref="ChannelVectorizedPrepared"/> (AVX2 machines without AVX-512), the same contract as
/// <see cref="ChannelVectorizedMicroKernels512"/> with 8 channels per vector and blocks that fit 16 vector registers.
/// </summary>
internal static unsafe class ChannelVectorizedMicroKernels256
{
    /// <summary>The output pixels of one call.</summary>
    public const int Pixels = 6;

    /// <summary>16 channels (2 vectors) x 6 pixels: 12 accumulators, 2 weight vectors and a broadcast in 16 registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Block16(float* x, int* pixelOffsets, int* tapOffsets, int taps, int channels, float* w, float* bias, float* dst)
    {
        Vector256<float> b0 = Vector256.Load(bias), b1 = Vector256.Load(bias + 8);
        Vector256<float> a00 = b0, a01 = b1, a10 = b0, a11 = b1, a20 = b0, a21 = b1, a30 = b0, a31 = b1, a40 = b0, a41 = b1, a50 = b0, a51 = b1;
        nint o0 = pixelOffsets[0], o1 = pixelOffsets[1], o2 = pixelOffsets[2], o3 = pixelOffsets[3], o4 = pixelOffsets[4], o5 = pixelOffsets[5];
        for (int t = 0; t < taps; t++)
        {
            float* xt = x + tapOffsets[t];
            float* x0 = xt + o0, x1 = xt + o1, x2 = xt + o2, x3 = xt + o3, x4 = xt + o4, x5 = xt + o5;
            for (nint c = 0; c < channels; c++)
            {
                var w0 = Vector256.Load(w);
                var w1 = Vector256.Load(w + 8);
                var v = Vector256.Create(x0[c]);
                a00 = Fma.MultiplyAdd(w0, v, a00); a01 = Fma.MultiplyAdd(w1, v, a01);
                v = Vector256.Create(x1[c]);
                a10 = Fma.MultiplyAdd(w0, v, a10); a11 = Fma.MultiplyAdd(w1, v, a11);
                v = Vector256.Create(x2[c]);
                a20 = Fma.MultiplyAdd(w0, v, a20); a21 = Fma.MultiplyAdd(w1, v, a21);
                v = Vector256.Create(x3[c]);
                a30 = Fma.MultiplyAdd(w0, v, a30); a31 = Fma.MultiplyAdd(w1, v, a31);
                v = Vector256.Create(x4[c]);
                a40 = Fma.MultiplyAdd(w0, v, a40); a41 = Fma.MultiplyAdd(w1, v, a41);
                v = Vector256.Create(x5[c]);
                a50 = Fma.MultiplyAdd(w0, v, a50); a51 = Fma.MultiplyAdd(w1, v, a51);
                w += 16;
            }
        }
        a00.Store(dst); a01.Store(dst + 8); a10.Store(dst + 16); a11.Store(dst + 24);
        a20.Store(dst + 32); a21.Store(dst + 40); a30.Store(dst + 48); a31.Store(dst + 56);
        a40.Store(dst + 64); a41.Store(dst + 72); a50.Store(dst + 80); a51.Store(dst + 88);
    }

    /// <summary>8 channels (1 vector) x 6 pixels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Block8(float* x, int* pixelOffsets, int* tapOffsets, int taps, int channels, float* w, float* bias, float* dst)
    {
        Vector256<float> a0 = Vector256.Load(bias), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
        nint o0 = pixelOffsets[0], o1 = pixelOffsets[1], o2 = pixelOffsets[2], o3 = pixelOffsets[3], o4 = pixelOffsets[4], o5 = pixelOffsets[5];
        for (int t = 0; t < taps; t++)
        {
            float* xt = x + tapOffsets[t];
            float* x0 = xt + o0, x1 = xt + o1, x2 = xt + o2, x3 = xt + o3, x4 = xt + o4, x5 = xt + o5;
            for (nint c = 0; c < channels; c++)
            {
                var w0 = Vector256.Load(w);
                a0 = Fma.MultiplyAdd(w0, Vector256.Create(x0[c]), a0);
                a1 = Fma.MultiplyAdd(w0, Vector256.Create(x1[c]), a1);
                a2 = Fma.MultiplyAdd(w0, Vector256.Create(x2[c]), a2);
                a3 = Fma.MultiplyAdd(w0, Vector256.Create(x3[c]), a3);
                a4 = Fma.MultiplyAdd(w0, Vector256.Create(x4[c]), a4);
                a5 = Fma.MultiplyAdd(w0, Vector256.Create(x5[c]), a5);
                w += 8;
            }
        }
        a0.Store(dst); a1.Store(dst + 8); a2.Store(dst + 16); a3.Store(dst + 24); a4.Store(dst + 32); a5.Store(dst + 40);
    }
}
