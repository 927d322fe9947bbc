using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TConvGen;

/// <summary>
/// The inner loop of <see cref="PatchScatterPrepared"/>: <c>dst[m] += sum_c x[c * xStride] * w[c * wStride + m]</c> for
/// <c>m</c> in <c>[0, length)</c>, an AXPY per input channel along a contiguous run of the weights (PyTorch's layout). Four
/// input channels share each load and store of <c>dst</c>, so the loop streams the weights with one FMA per weight load.
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
                SimdLevel.Vector512 => Block512(w0, wStride, x0, x1, x2, x3, dst, length),
                SimdLevel.Vector256 => Block256(w0, wStride, x0, x1, x2, x3, dst, length),
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

    /// <summary>Four channels over the whole vectors of <c>dst</c>; returns how many elements it covered.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Block512(float* w, nint wStride, float x0, float x1, float x2, float x3, float* dst, int length)
    {
        Vector512<float> v0 = Vector512.Create(x0), v1 = Vector512.Create(x1), v2 = Vector512.Create(x2), v3 = Vector512.Create(x3);
        float* w1 = w + wStride, w2 = w1 + wStride, w3 = w2 + wStride;
        int m = 0;
        for (; m + 16 <= length; m += 16)
        {
            var a = Vector512.Load(dst + m);
            a = Avx512F.FusedMultiplyAdd(Vector512.Load(w + m), v0, a);
            a = Avx512F.FusedMultiplyAdd(Vector512.Load(w1 + m), v1, a);
            a = Avx512F.FusedMultiplyAdd(Vector512.Load(w2 + m), v2, a);
            a = Avx512F.FusedMultiplyAdd(Vector512.Load(w3 + m), v3, a);
            a.Store(dst + m);
        }
        return m;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Block256(float* w, nint wStride, float x0, float x1, float x2, float x3, float* dst, int length)
    {
        Vector256<float> v0 = Vector256.Create(x0), v1 = Vector256.Create(x1), v2 = Vector256.Create(x2), v3 = Vector256.Create(x3);
        float* w1 = w + wStride, w2 = w1 + wStride, w3 = w2 + wStride;
        int m = 0;
        for (; m + 8 <= length; m += 8)
        {
            var a = Vector256.Load(dst + m);
            a = Fma.MultiplyAdd(Vector256.Load(w + m), v0, a);
            a = Fma.MultiplyAdd(Vector256.Load(w1 + m), v1, a);
            a = Fma.MultiplyAdd(Vector256.Load(w2 + m), v2, a);
            a = Fma.MultiplyAdd(Vector256.Load(w3 + m), v3, a);
            a.Store(dst + m);
        }
        return m;
    }
}
