using System.Runtime.CompilerServices;
using TConvGen.CompilerServices;

namespace TConvGen;

/// <summary>
/// The inner loops of <see cref="ChannelVectorizedPrepared"/>, written once for every width (<see cref="ISimd{TVector}"/>) and
/// named by tile, vectors x pixels: <see cref="Pixels"/> (or 3) output pixels of one phase x a block of output channels in the
/// lanes (<c>N</c> = <c>TSimd.Count</c> per vector). Accumulators start at the bias; for every tap <c>t</c> pixel <c>p</c> reads
/// the channel-contiguous input at <c>x + tapOffsets[t] + pixelOffsets[p]</c>; the innermost loop walks the input channels,
/// loading the block's weights as consecutive vectors (<c>w</c> advances by the block width) and broadcasting one input value
/// per pixel. Writes <c>dst[p*width + channel]</c>, activated (<see cref="ActivatedOutput{TSimd, TVector, TActivation}"/>): the
/// sums are whole when stored. Callers guarantee every read is inside the zero-padded input band.
/// </summary>
internal static unsafe class ChannelVectorizedMicroKernels
{
    /// <summary>The output pixels of one call.</summary>
    public const int Pixels = 6;

    /// <summary>4 vectors x 6 pixels: 24 accumulators, 4 weight vectors and a broadcast, for 32 registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Block4x6<TSimd, TVector, TActivation>(float* x, int* pixelOffsets, int* tapOffsets, int taps, int channels, float* w,
        float* bias, float* dst, TActivation activation)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
        where TActivation : struct, IActivationFunction
    {
        int n = TSimd.Count;
        TVector b0 = TSimd.Load(bias), b1 = TSimd.Load(bias + n), b2 = TSimd.Load(bias + 2 * n), b3 = TSimd.Load(bias + 3 * n);
        TVector a00 = b0, a01 = b1, a02 = b2, a03 = b3, a10 = b0, a11 = b1, a12 = b2, a13 = b3;
        TVector a20 = b0, a21 = b1, a22 = b2, a23 = b3, a30 = b0, a31 = b1, a32 = b2, a33 = b3;
        TVector a40 = b0, a41 = b1, a42 = b2, a43 = b3, a50 = b0, a51 = b1, a52 = b2, a53 = b3;
        nint o0 = pixelOffsets[0], o1 = pixelOffsets[1], o2 = pixelOffsets[2], o3 = pixelOffsets[3], o4 = pixelOffsets[4], o5 = pixelOffsets[5];
        for (int t = 0; t < taps; t++)
        {
            float* xt = x + tapOffsets[t];
            float* x0 = xt + o0, x1 = xt + o1, x2 = xt + o2, x3 = xt + o3, x4 = xt + o4, x5 = xt + o5;
            for (nint c = 0; c < channels; c++)
            {
                var w0 = TSimd.Load(w);
                var w1 = TSimd.Load(w + n);
                var w2 = TSimd.Load(w + 2 * n);
                var w3 = TSimd.Load(w + 3 * n);
                var v = TSimd.Broadcast(x0 + c);
                a00 = TSimd.MultiplyAdd(w0, v, a00); a01 = TSimd.MultiplyAdd(w1, v, a01);
                a02 = TSimd.MultiplyAdd(w2, v, a02); a03 = TSimd.MultiplyAdd(w3, v, a03);
                v = TSimd.Broadcast(x1 + c);
                a10 = TSimd.MultiplyAdd(w0, v, a10); a11 = TSimd.MultiplyAdd(w1, v, a11);
                a12 = TSimd.MultiplyAdd(w2, v, a12); a13 = TSimd.MultiplyAdd(w3, v, a13);
                v = TSimd.Broadcast(x2 + c);
                a20 = TSimd.MultiplyAdd(w0, v, a20); a21 = TSimd.MultiplyAdd(w1, v, a21);
                a22 = TSimd.MultiplyAdd(w2, v, a22); a23 = TSimd.MultiplyAdd(w3, v, a23);
                v = TSimd.Broadcast(x3 + c);
                a30 = TSimd.MultiplyAdd(w0, v, a30); a31 = TSimd.MultiplyAdd(w1, v, a31);
                a32 = TSimd.MultiplyAdd(w2, v, a32); a33 = TSimd.MultiplyAdd(w3, v, a33);
                v = TSimd.Broadcast(x4 + c);
                a40 = TSimd.MultiplyAdd(w0, v, a40); a41 = TSimd.MultiplyAdd(w1, v, a41);
                a42 = TSimd.MultiplyAdd(w2, v, a42); a43 = TSimd.MultiplyAdd(w3, v, a43);
                v = TSimd.Broadcast(x5 + c);
                a50 = TSimd.MultiplyAdd(w0, v, a50); a51 = TSimd.MultiplyAdd(w1, v, a51);
                a52 = TSimd.MultiplyAdd(w2, v, a52); a53 = TSimd.MultiplyAdd(w3, v, a53);
                w += 4 * n;
            }
        }
        var output = new ActivatedOutput<TSimd, TVector, TActivation>(activation);
        output.Store(dst, a00); output.Store(dst + n, a01); output.Store(dst + 2 * n, a02); output.Store(dst + 3 * n, a03);
        output.Store(dst + 4 * n, a10); output.Store(dst + 5 * n, a11); output.Store(dst + 6 * n, a12); output.Store(dst + 7 * n, a13);
        output.Store(dst + 8 * n, a20); output.Store(dst + 9 * n, a21); output.Store(dst + 10 * n, a22); output.Store(dst + 11 * n, a23);
        output.Store(dst + 12 * n, a30); output.Store(dst + 13 * n, a31); output.Store(dst + 14 * n, a32); output.Store(dst + 15 * n, a33);
        output.Store(dst + 16 * n, a40); output.Store(dst + 17 * n, a41); output.Store(dst + 18 * n, a42); output.Store(dst + 19 * n, a43);
        output.Store(dst + 20 * n, a50); output.Store(dst + 21 * n, a51); output.Store(dst + 22 * n, a52); output.Store(dst + 23 * n, a53);
        output.Complete(dst, 0, 1, 24 * n);
    }

    /// <summary>4 vectors x 3 pixels, for the last pixels of a phase: a list of 6k + 1..3 pixels then wastes at most 2 slots
    /// instead of 5 (12 accumulators still cover the FMA latency). Writes <c>dst[p*4N + channel]</c> for p &lt; 3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Block4x3<TSimd, TVector, TActivation>(float* x, int* pixelOffsets, int* tapOffsets, int taps, int channels, float* w,
        float* bias, float* dst, TActivation activation)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
        where TActivation : struct, IActivationFunction
    {
        int n = TSimd.Count;
        TVector b0 = TSimd.Load(bias), b1 = TSimd.Load(bias + n), b2 = TSimd.Load(bias + 2 * n), b3 = TSimd.Load(bias + 3 * n);
        TVector a00 = b0, a01 = b1, a02 = b2, a03 = b3, a10 = b0, a11 = b1, a12 = b2, a13 = b3, a20 = b0, a21 = b1, a22 = b2, a23 = b3;
        nint o0 = pixelOffsets[0], o1 = pixelOffsets[1], o2 = pixelOffsets[2];
        for (int t = 0; t < taps; t++)
        {
            float* xt = x + tapOffsets[t];
            float* x0 = xt + o0, x1 = xt + o1, x2 = xt + o2;
            for (nint c = 0; c < channels; c++)
            {
                var w0 = TSimd.Load(w);
                var w1 = TSimd.Load(w + n);
                var w2 = TSimd.Load(w + 2 * n);
                var w3 = TSimd.Load(w + 3 * n);
                var v = TSimd.Broadcast(x0 + c);
                a00 = TSimd.MultiplyAdd(w0, v, a00); a01 = TSimd.MultiplyAdd(w1, v, a01);
                a02 = TSimd.MultiplyAdd(w2, v, a02); a03 = TSimd.MultiplyAdd(w3, v, a03);
                v = TSimd.Broadcast(x1 + c);
                a10 = TSimd.MultiplyAdd(w0, v, a10); a11 = TSimd.MultiplyAdd(w1, v, a11);
                a12 = TSimd.MultiplyAdd(w2, v, a12); a13 = TSimd.MultiplyAdd(w3, v, a13);
                v = TSimd.Broadcast(x2 + c);
                a20 = TSimd.MultiplyAdd(w0, v, a20); a21 = TSimd.MultiplyAdd(w1, v, a21);
                a22 = TSimd.MultiplyAdd(w2, v, a22); a23 = TSimd.MultiplyAdd(w3, v, a23);
                w += 4 * n;
            }
        }
        var output = new ActivatedOutput<TSimd, TVector, TActivation>(activation);
        output.Store(dst, a00); output.Store(dst + n, a01); output.Store(dst + 2 * n, a02); output.Store(dst + 3 * n, a03);
        output.Store(dst + 4 * n, a10); output.Store(dst + 5 * n, a11); output.Store(dst + 6 * n, a12); output.Store(dst + 7 * n, a13);
        output.Store(dst + 8 * n, a20); output.Store(dst + 9 * n, a21); output.Store(dst + 10 * n, a22); output.Store(dst + 11 * n, a23);
        output.Complete(dst, 0, 1, 12 * n);
    }

    /// <summary>2 vectors x 6 pixels: 12 accumulators, 2 weight vectors and a broadcast, within 16 registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Block2x6<TSimd, TVector, TActivation>(float* x, int* pixelOffsets, int* tapOffsets, int taps, int channels, float* w,
        float* bias, float* dst, TActivation activation)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
        where TActivation : struct, IActivationFunction
    {
        int n = TSimd.Count;
        TVector b0 = TSimd.Load(bias), b1 = TSimd.Load(bias + n);
        TVector a00 = b0, a01 = b1, a10 = b0, a11 = b1, a20 = b0, a21 = b1, a30 = b0, a31 = b1, a40 = b0, a41 = b1, a50 = b0, a51 = b1;
        nint o0 = pixelOffsets[0], o1 = pixelOffsets[1], o2 = pixelOffsets[2], o3 = pixelOffsets[3], o4 = pixelOffsets[4], o5 = pixelOffsets[5];
        for (int t = 0; t < taps; t++)
        {
            float* xt = x + tapOffsets[t];
            float* x0 = xt + o0, x1 = xt + o1, x2 = xt + o2, x3 = xt + o3, x4 = xt + o4, x5 = xt + o5;
            for (nint c = 0; c < channels; c++)
            {
                var w0 = TSimd.Load(w);
                var w1 = TSimd.Load(w + n);
                var v = TSimd.Broadcast(x0 + c);
                a00 = TSimd.MultiplyAdd(w0, v, a00); a01 = TSimd.MultiplyAdd(w1, v, a01);
                v = TSimd.Broadcast(x1 + c);
                a10 = TSimd.MultiplyAdd(w0, v, a10); a11 = TSimd.MultiplyAdd(w1, v, a11);
                v = TSimd.Broadcast(x2 + c);
                a20 = TSimd.MultiplyAdd(w0, v, a20); a21 = TSimd.MultiplyAdd(w1, v, a21);
                v = TSimd.Broadcast(x3 + c);
                a30 = TSimd.MultiplyAdd(w0, v, a30); a31 = TSimd.MultiplyAdd(w1, v, a31);
                v = TSimd.Broadcast(x4 + c);
                a40 = TSimd.MultiplyAdd(w0, v, a40); a41 = TSimd.MultiplyAdd(w1, v, a41);
                v = TSimd.Broadcast(x5 + c);
                a50 = TSimd.MultiplyAdd(w0, v, a50); a51 = TSimd.MultiplyAdd(w1, v, a51);
                w += 2 * n;
            }
        }
        var output = new ActivatedOutput<TSimd, TVector, TActivation>(activation);
        output.Store(dst, a00); output.Store(dst + n, a01); output.Store(dst + 2 * n, a10); output.Store(dst + 3 * n, a11);
        output.Store(dst + 4 * n, a20); output.Store(dst + 5 * n, a21); output.Store(dst + 6 * n, a30); output.Store(dst + 7 * n, a31);
        output.Store(dst + 8 * n, a40); output.Store(dst + 9 * n, a41); output.Store(dst + 10 * n, a50); output.Store(dst + 11 * n, a51);
        output.Complete(dst, 0, 1, 12 * n);
    }

    /// <summary>1 vector x 6 pixels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Block1x6<TSimd, TVector, TActivation>(float* x, int* pixelOffsets, int* tapOffsets, int taps, int channels, float* w,
        float* bias, float* dst, TActivation activation)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
        where TActivation : struct, IActivationFunction
    {
        int n = TSimd.Count;
        TVector a0 = TSimd.Load(bias), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
        nint o0 = pixelOffsets[0], o1 = pixelOffsets[1], o2 = pixelOffsets[2], o3 = pixelOffsets[3], o4 = pixelOffsets[4], o5 = pixelOffsets[5];
        for (int t = 0; t < taps; t++)
        {
            float* xt = x + tapOffsets[t];
            float* x0 = xt + o0, x1 = xt + o1, x2 = xt + o2, x3 = xt + o3, x4 = xt + o4, x5 = xt + o5;
            for (nint c = 0; c < channels; c++)
            {
                var w0 = TSimd.Load(w);
                a0 = TSimd.MultiplyAdd(w0, TSimd.Broadcast(x0 + c), a0);
                a1 = TSimd.MultiplyAdd(w0, TSimd.Broadcast(x1 + c), a1);
                a2 = TSimd.MultiplyAdd(w0, TSimd.Broadcast(x2 + c), a2);
                a3 = TSimd.MultiplyAdd(w0, TSimd.Broadcast(x3 + c), a3);
                a4 = TSimd.MultiplyAdd(w0, TSimd.Broadcast(x4 + c), a4);
                a5 = TSimd.MultiplyAdd(w0, TSimd.Broadcast(x5 + c), a5);
                w += n;
            }
        }
        var output = new ActivatedOutput<TSimd, TVector, TActivation>(activation);
        output.Store(dst, a0); output.Store(dst + n, a1); output.Store(dst + 2 * n, a2);
        output.Store(dst + 3 * n, a3); output.Store(dst + 4 * n, a4); output.Store(dst + 5 * n, a5);
        output.Complete(dst, 0, 1, 6 * n);
    }
}
