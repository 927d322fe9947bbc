using System.Runtime.CompilerServices;
using TConvGen.CompilerServices;

namespace TConvGen;

/// <summary>
/// The SIMD inner loops of <see cref="OneTapPrepared"/> (kernel 2, stride 2, dilation 1: every output gets one tap), written
/// once for every width (<see cref="ISimd{TVector}"/>) and named by tile, channels x vectors of input columns (<c>N</c> =
/// <c>TSimd.Count</c> per vector). One call computes a block of output channels x one or two vectors of consecutive input
/// columns x all four phases, so each input load feeds every phase and channel of the block. Accumulators start at the
/// bias; the loop walks the input channels (<c>x</c> advances by <c>xStride</c>, <c>w</c> by the block's
/// <c>[channel][row phase][column phase]</c> weights, or by <c>wStride</c> for the one-channel kernels, which also run single
/// channels of a 3-channel packing). The two column phases are interleaved on store: channel <c>u</c> writes output row
/// phase 0 at <c>dst0 + u*dstStride</c> and row phase 1 at <c>dst1 + u*dstStride</c>, twice the input columns of contiguous
/// floats each, activated (<see cref="ActivatedOutput{TSimd, TVector, TActivation}"/>): the sums are whole when stored.
/// Callers guarantee every read is inside the packed input row and every write inside the destination.
/// </summary>
internal static unsafe class OneTapMicroKernels
{
    /// <summary>3 output channels x 2 vectors of input columns x 4 phases: 24 accumulators, 2 input vectors and a broadcast, for 32 registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Block3x2<TSimd, TVector, TActivation>(float* x, nint xStride, float* w, int channels, float* bias, float* dst0, float* dst1,
        nint dstStride, TActivation activation)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
        where TActivation : struct, IActivationFunction
    {
        int n = TSimd.Count;
        TVector b0 = TSimd.Broadcast(bias);
        TVector a0000 = b0, a0001 = b0, a0010 = b0, a0011 = b0, a0100 = b0, a0101 = b0, a0110 = b0, a0111 = b0;
        TVector b1 = TSimd.Broadcast(bias + 1);
        TVector a1000 = b1, a1001 = b1, a1010 = b1, a1011 = b1, a1100 = b1, a1101 = b1, a1110 = b1, a1111 = b1;
        TVector b2 = TSimd.Broadcast(bias + 2);
        TVector a2000 = b2, a2001 = b2, a2010 = b2, a2011 = b2, a2100 = b2, a2101 = b2, a2110 = b2, a2111 = b2;
        for (int c = 0; c < channels; c++)
        {
            var x0 = TSimd.Load(x);
            var x1 = TSimd.Load(x + n);
            var k0 = TSimd.Broadcast(w);
            a0000 = TSimd.MultiplyAdd(x0, k0, a0000); a0001 = TSimd.MultiplyAdd(x1, k0, a0001);
            var k1 = TSimd.Broadcast(w + 1);
            a0010 = TSimd.MultiplyAdd(x0, k1, a0010); a0011 = TSimd.MultiplyAdd(x1, k1, a0011);
            var k2 = TSimd.Broadcast(w + 2);
            a0100 = TSimd.MultiplyAdd(x0, k2, a0100); a0101 = TSimd.MultiplyAdd(x1, k2, a0101);
            var k3 = TSimd.Broadcast(w + 3);
            a0110 = TSimd.MultiplyAdd(x0, k3, a0110); a0111 = TSimd.MultiplyAdd(x1, k3, a0111);
            var k4 = TSimd.Broadcast(w + 4);
            a1000 = TSimd.MultiplyAdd(x0, k4, a1000); a1001 = TSimd.MultiplyAdd(x1, k4, a1001);
            var k5 = TSimd.Broadcast(w + 5);
            a1010 = TSimd.MultiplyAdd(x0, k5, a1010); a1011 = TSimd.MultiplyAdd(x1, k5, a1011);
            var k6 = TSimd.Broadcast(w + 6);
            a1100 = TSimd.MultiplyAdd(x0, k6, a1100); a1101 = TSimd.MultiplyAdd(x1, k6, a1101);
            var k7 = TSimd.Broadcast(w + 7);
            a1110 = TSimd.MultiplyAdd(x0, k7, a1110); a1111 = TSimd.MultiplyAdd(x1, k7, a1111);
            var k8 = TSimd.Broadcast(w + 8);
            a2000 = TSimd.MultiplyAdd(x0, k8, a2000); a2001 = TSimd.MultiplyAdd(x1, k8, a2001);
            var k9 = TSimd.Broadcast(w + 9);
            a2010 = TSimd.MultiplyAdd(x0, k9, a2010); a2011 = TSimd.MultiplyAdd(x1, k9, a2011);
            var k10 = TSimd.Broadcast(w + 10);
            a2100 = TSimd.MultiplyAdd(x0, k10, a2100); a2101 = TSimd.MultiplyAdd(x1, k10, a2101);
            var k11 = TSimd.Broadcast(w + 11);
            a2110 = TSimd.MultiplyAdd(x0, k11, a2110); a2111 = TSimd.MultiplyAdd(x1, k11, a2111);
            x += xStride;
            w += 12;
        }
        var output = new ActivatedOutput<TSimd, TVector, TActivation>(activation);
        output.StoreInterleaved(dst0, a0000, a0010);
        output.StoreInterleaved(dst0 + 2 * n, a0001, a0011);
        output.StoreInterleaved(dst1, a0100, a0110);
        output.StoreInterleaved(dst1 + 2 * n, a0101, a0111);
        output.StoreInterleaved(dst0 + dstStride, a1000, a1010);
        output.StoreInterleaved(dst0 + dstStride + 2 * n, a1001, a1011);
        output.StoreInterleaved(dst1 + dstStride, a1100, a1110);
        output.StoreInterleaved(dst1 + dstStride + 2 * n, a1101, a1111);
        output.StoreInterleaved(dst0 + 2 * dstStride, a2000, a2010);
        output.StoreInterleaved(dst0 + 2 * dstStride + 2 * n, a2001, a2011);
        output.StoreInterleaved(dst1 + 2 * dstStride, a2100, a2110);
        output.StoreInterleaved(dst1 + 2 * dstStride + 2 * n, a2101, a2111);
        output.Complete(dst0, dstStride, 3, 4 * n);
        output.Complete(dst1, dstStride, 3, 4 * n);
    }

    /// <summary>3 output channels x 1 vector of input columns x 4 phases: a row's last columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Block3x1<TSimd, TVector, TActivation>(float* x, nint xStride, float* w, int channels, float* bias, float* dst0, float* dst1,
        nint dstStride, TActivation activation)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
        where TActivation : struct, IActivationFunction
    {
        TVector b0 = TSimd.Broadcast(bias);
        TVector a0000 = b0, a0010 = b0, a0100 = b0, a0110 = b0;
        TVector b1 = TSimd.Broadcast(bias + 1);
        TVector a1000 = b1, a1010 = b1, a1100 = b1, a1110 = b1;
        TVector b2 = TSimd.Broadcast(bias + 2);
        TVector a2000 = b2, a2010 = b2, a2100 = b2, a2110 = b2;
        for (int c = 0; c < channels; c++)
        {
            var x0 = TSimd.Load(x);
            var k0 = TSimd.Broadcast(w);
            a0000 = TSimd.MultiplyAdd(x0, k0, a0000);
            var k1 = TSimd.Broadcast(w + 1);
            a0010 = TSimd.MultiplyAdd(x0, k1, a0010);
            var k2 = TSimd.Broadcast(w + 2);
            a0100 = TSimd.MultiplyAdd(x0, k2, a0100);
            var k3 = TSimd.Broadcast(w + 3);
            a0110 = TSimd.MultiplyAdd(x0, k3, a0110);
            var k4 = TSimd.Broadcast(w + 4);
            a1000 = TSimd.MultiplyAdd(x0, k4, a1000);
            var k5 = TSimd.Broadcast(w + 5);
            a1010 = TSimd.MultiplyAdd(x0, k5, a1010);
            var k6 = TSimd.Broadcast(w + 6);
            a1100 = TSimd.MultiplyAdd(x0, k6, a1100);
            var k7 = TSimd.Broadcast(w + 7);
            a1110 = TSimd.MultiplyAdd(x0, k7, a1110);
            var k8 = TSimd.Broadcast(w + 8);
            a2000 = TSimd.MultiplyAdd(x0, k8, a2000);
            var k9 = TSimd.Broadcast(w + 9);
            a2010 = TSimd.MultiplyAdd(x0, k9, a2010);
            var k10 = TSimd.Broadcast(w + 10);
            a2100 = TSimd.MultiplyAdd(x0, k10, a2100);
            var k11 = TSimd.Broadcast(w + 11);
            a2110 = TSimd.MultiplyAdd(x0, k11, a2110);
            x += xStride;
            w += 12;
        }
        var output = new ActivatedOutput<TSimd, TVector, TActivation>(activation);
        output.StoreInterleaved(dst0, a0000, a0010);
        output.StoreInterleaved(dst1, a0100, a0110);
        output.StoreInterleaved(dst0 + dstStride, a1000, a1010);
        output.StoreInterleaved(dst1 + dstStride, a1100, a1110);
        output.StoreInterleaved(dst0 + 2 * dstStride, a2000, a2010);
        output.StoreInterleaved(dst1 + 2 * dstStride, a2100, a2110);
        output.Complete(dst0, dstStride, 3, 2 * TSimd.Count);
        output.Complete(dst1, dstStride, 3, 2 * TSimd.Count);
    }

    /// <summary>1 output channel x 2 vectors of input columns x 4 phases: 8 accumulators, for 16 registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Block1x2<TSimd, TVector, TActivation>(float* x, nint xStride, float* w, nint wStride, int channels, float* bias, float* dst0,
        float* dst1, nint dstStride, TActivation activation)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
        where TActivation : struct, IActivationFunction
    {
        int n = TSimd.Count;
        TVector b0 = TSimd.Broadcast(bias);
        TVector a0000 = b0, a0001 = b0, a0010 = b0, a0011 = b0, a0100 = b0, a0101 = b0, a0110 = b0, a0111 = b0;
        for (int c = 0; c < channels; c++)
        {
            var x0 = TSimd.Load(x);
            var x1 = TSimd.Load(x + n);
            var k0 = TSimd.Broadcast(w);
            a0000 = TSimd.MultiplyAdd(x0, k0, a0000); a0001 = TSimd.MultiplyAdd(x1, k0, a0001);
            var k1 = TSimd.Broadcast(w + 1);
            a0010 = TSimd.MultiplyAdd(x0, k1, a0010); a0011 = TSimd.MultiplyAdd(x1, k1, a0011);
            var k2 = TSimd.Broadcast(w + 2);
            a0100 = TSimd.MultiplyAdd(x0, k2, a0100); a0101 = TSimd.MultiplyAdd(x1, k2, a0101);
            var k3 = TSimd.Broadcast(w + 3);
            a0110 = TSimd.MultiplyAdd(x0, k3, a0110); a0111 = TSimd.MultiplyAdd(x1, k3, a0111);
            x += xStride;
            w += wStride;
        }
        var output = new ActivatedOutput<TSimd, TVector, TActivation>(activation);
        output.StoreInterleaved(dst0, a0000, a0010);
        output.StoreInterleaved(dst0 + 2 * n, a0001, a0011);
        output.StoreInterleaved(dst1, a0100, a0110);
        output.StoreInterleaved(dst1 + 2 * n, a0101, a0111);
        output.Complete(dst0, 0, 1, 4 * n);
        output.Complete(dst1, 0, 1, 4 * n);
    }

    /// <summary>1 output channel x 1 vector of input columns x 4 phases.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Block1x1<TSimd, TVector, TActivation>(float* x, nint xStride, float* w, nint wStride, int channels, float* bias, float* dst0,
        float* dst1, nint dstStride, TActivation activation)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
        where TActivation : struct, IActivationFunction
    {
        TVector b0 = TSimd.Broadcast(bias);
        TVector a0000 = b0, a0010 = b0, a0100 = b0, a0110 = b0;
        for (int c = 0; c < channels; c++)
        {
            var x0 = TSimd.Load(x);
            var k0 = TSimd.Broadcast(w);
            a0000 = TSimd.MultiplyAdd(x0, k0, a0000);
            var k1 = TSimd.Broadcast(w + 1);
            a0010 = TSimd.MultiplyAdd(x0, k1, a0010);
            var k2 = TSimd.Broadcast(w + 2);
            a0100 = TSimd.MultiplyAdd(x0, k2, a0100);
            var k3 = TSimd.Broadcast(w + 3);
            a0110 = TSimd.MultiplyAdd(x0, k3, a0110);
            x += xStride;
            w += wStride;
        }
        var output = new ActivatedOutput<TSimd, TVector, TActivation>(activation);
        output.StoreInterleaved(dst0, a0000, a0010);
        output.StoreInterleaved(dst1, a0100, a0110);
        output.Complete(dst0, 0, 1, 2 * TSimd.Count);
        output.Complete(dst1, 0, 1, 2 * TSimd.Count);
    }
}
