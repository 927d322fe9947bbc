using System.Runtime.CompilerServices;

namespace TConvGen;

/// <summary>
/// The GEMM of one transformed element over the input channels for 32 vector registers, written once for every width
/// (<see cref="ISimd{TVector}"/>): <c>M[8 x 3N] = U[8 x k] * V[k x 3N]</c> (<c>N</c> the vector's float count; rows are
/// output channels, columns tiles) with U packed as <c>[k][8]</c> (eight rows broadcast per step) and V rows <c>ldv</c>
/// apart. With 16 registers the kernel runs <see cref="GemmMicroKernels.Multiply6x2"/>, the same product for six rows and
/// two vectors. (An 8 x 2 block measured slower: h 64->64 56x56 863 against 802 us.)
/// </summary>
internal static unsafe class WinogradMicroKernels
{
    /// <summary>The rows of U (and of M) one call computes.</summary>
    public const int Rows = 8;

    /// <summary>8 rows x 3 vectors; overwrites <c>m[r*ldm + 0..3N-1]</c> for r &lt; 8. Twenty-four accumulators, three loads
    /// and a broadcast fit 32 registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply8x3<TSimd, TVector>(float* u, float* v, nint ldv, int k, float* m, nint ldm)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
    {
        int n = TSimd.Count;
        TVector c00 = default, c01 = default, c02 = default, c10 = default, c11 = default, c12 = default;
        TVector c20 = default, c21 = default, c22 = default, c30 = default, c31 = default, c32 = default;
        TVector c40 = default, c41 = default, c42 = default, c50 = default, c51 = default, c52 = default;
        TVector c60 = default, c61 = default, c62 = default, c70 = default, c71 = default, c72 = default;
        for (int p = 0; p < k; p++)
        {
            var b0 = TSimd.Load(v);
            var b1 = TSimd.Load(v + n);
            var b2 = TSimd.Load(v + 2 * n);
            var w = TSimd.Broadcast(u);
            c00 = TSimd.MultiplyAdd(b0, w, c00); c01 = TSimd.MultiplyAdd(b1, w, c01); c02 = TSimd.MultiplyAdd(b2, w, c02);
            w = TSimd.Broadcast(u + 1);
            c10 = TSimd.MultiplyAdd(b0, w, c10); c11 = TSimd.MultiplyAdd(b1, w, c11); c12 = TSimd.MultiplyAdd(b2, w, c12);
            w = TSimd.Broadcast(u + 2);
            c20 = TSimd.MultiplyAdd(b0, w, c20); c21 = TSimd.MultiplyAdd(b1, w, c21); c22 = TSimd.MultiplyAdd(b2, w, c22);
            w = TSimd.Broadcast(u + 3);
            c30 = TSimd.MultiplyAdd(b0, w, c30); c31 = TSimd.MultiplyAdd(b1, w, c31); c32 = TSimd.MultiplyAdd(b2, w, c32);
            w = TSimd.Broadcast(u + 4);
            c40 = TSimd.MultiplyAdd(b0, w, c40); c41 = TSimd.MultiplyAdd(b1, w, c41); c42 = TSimd.MultiplyAdd(b2, w, c42);
            w = TSimd.Broadcast(u + 5);
            c50 = TSimd.MultiplyAdd(b0, w, c50); c51 = TSimd.MultiplyAdd(b1, w, c51); c52 = TSimd.MultiplyAdd(b2, w, c52);
            w = TSimd.Broadcast(u + 6);
            c60 = TSimd.MultiplyAdd(b0, w, c60); c61 = TSimd.MultiplyAdd(b1, w, c61); c62 = TSimd.MultiplyAdd(b2, w, c62);
            w = TSimd.Broadcast(u + 7);
            c70 = TSimd.MultiplyAdd(b0, w, c70); c71 = TSimd.MultiplyAdd(b1, w, c71); c72 = TSimd.MultiplyAdd(b2, w, c72);
            u += Rows;
            v += ldv;
        }
        TSimd.Store(m, c00); TSimd.Store(m + n, c01); TSimd.Store(m + 2 * n, c02); m += ldm;
        TSimd.Store(m, c10); TSimd.Store(m + n, c11); TSimd.Store(m + 2 * n, c12); m += ldm;
        TSimd.Store(m, c20); TSimd.Store(m + n, c21); TSimd.Store(m + 2 * n, c22); m += ldm;
        TSimd.Store(m, c30); TSimd.Store(m + n, c31); TSimd.Store(m + 2 * n, c32); m += ldm;
        TSimd.Store(m, c40); TSimd.Store(m + n, c41); TSimd.Store(m + 2 * n, c42); m += ldm;
        TSimd.Store(m, c50); TSimd.Store(m + n, c51); TSimd.Store(m + 2 * n, c52); m += ldm;
        TSimd.Store(m, c60); TSimd.Store(m + n, c61); TSimd.Store(m + 2 * n, c62); m += ldm;
        TSimd.Store(m, c70); TSimd.Store(m + n, c71); TSimd.Store(m + 2 * n, c72);
    }
}
