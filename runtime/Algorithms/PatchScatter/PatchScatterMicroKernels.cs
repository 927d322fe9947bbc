using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace TConvGen;

/// <summary>
/// The inner loop of <see cref="PatchScatterPrepared"/>: <c>dst[m] += sum_c x[c * xStride] * w[c * wStride + m]</c> for
/// <c>m</c> in <c>[0, length)</c>, an AXPY per input channel along a contiguous run of the weights (PyTorch's layout). Four
/// input channels share each load and store of <c>dst</c>, so the loop streams the weights with one FMA per weight load.
/// The vector loop is written once for every width (<see cref="ISimd{TVector}"/>).
/// </summary>
internal static unsafe class PatchScatterMicroKernels
{
    /// <summary>The input channels accumulated per pass over <c>dst</c>.</summary>
    private const int ChannelBlock = 4;

    public static void Accumulate(SimdLevel level, float* x, nint xStride, int channels, float* w, nint wStride, float* dst, int length)
    {
        int c = 0;
        for (; c + ChannelBlock <= channels; c += ChannelBlock)
        {
            float* w0 = w + c * wStride;
            float x0 = x[c * xStride], x1 = x[(c + 1) * xStride], x2 = x[(c + 2) * xStride], x3 = x[(c + 3) * xStride];
            int done = level switch
            {
                SimdLevel.Vector512 => Block<Simd512, Vector512<float>>(w0, wStride, x + c * xStride, xStride, dst, length),
                SimdLevel.Vector256 => Block<Simd256, Vector256<float>>(w0, wStride, x + c * xStride, xStride, dst, length),
                SimdLevel.Vector128 => Block<Simd128, Vector128<float>>(w0, wStride, x + c * xStride, xStride, dst, length),
                _ => 0,
            };
            for (int m = done; m < length; m++)
                dst[m] += w0[m] * x0 + w0[wStride + m] * x1 + w0[2 * wStride + m] * x2 + w0[3 * wStride + m] * x3;
        }
        for (; c < channels; c++)
        {
            float* wc = w + c * wStride;
            float xc = x[c * xStride];
            for (int m = 0; m < length; m++)
                dst[m] += wc[m] * xc;
        }
    }

    /// <summary>Four channels (<c>x[0]</c>, <c>x[xStride]</c>, ... with weight rows <c>w</c>, <c>w + wStride</c>, ...) over the
    /// whole vectors of <c>dst</c>; returns how many elements it covered.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Block<TSimd, TVector>(float* w, nint wStride, float* x, nint xStride, float* dst, int length)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
    {
        int n = TSimd.Count;
        TVector v0 = TSimd.Broadcast(x), v1 = TSimd.Broadcast(x + xStride), v2 = TSimd.Broadcast(x + 2 * xStride), v3 = TSimd.Broadcast(x + 3 * xStride);
        float* w1 = w + wStride, w2 = w1 + wStride, w3 = w2 + wStride;
        int m = 0;
        for (; m + n <= length; m += n)
        {
            var a = TSimd.Load(dst + m);
            a = TSimd.MultiplyAdd(TSimd.Load(w + m), v0, a);
            a = TSimd.MultiplyAdd(TSimd.Load(w1 + m), v1, a);
            a = TSimd.MultiplyAdd(TSimd.Load(w2 + m), v2, a);
            a = TSimd.MultiplyAdd(TSimd.Load(w3 + m), v3, a);
            TSimd.Store(dst + m, a);
        }
        return m;
    }
}
