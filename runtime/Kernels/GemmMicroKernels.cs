using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TConvGen;

/// <summary>
/// The inner GEMM of <see cref="GemmCol2ImPrepared"/>: <c>C[6 x 16] = A[6 x k] * B[k x 16]</c> with A packed as
/// <c>[k][6]</c> (six rows broadcast per step) and B rows <c>ldb</c> apart. Twelve accumulators stay in
/// registers for the whole reduction.
/// </summary>
internal static unsafe class GemmMicroKernels
{
    /// <summary>The rows of A (and of C) one call computes.</summary>
    public const int Rows = 6;

    /// <summary>The columns of B (and of C) one call computes.</summary>
    public const int Columns = 16;

    /// <summary>Vector256 version; overwrites <c>c[r*ldc + 0..15]</c> for r &lt; 6.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply6x16(float* a, float* b, nint ldb, int k, float* c, nint ldc)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < k; p++)
        {
            var b0 = Avx.LoadVector256(b);
            var b1 = Avx.LoadVector256(b + 8);
            var w = Avx.BroadcastScalarToVector256(a);
            c00 = Fma.MultiplyAdd(b0, w, c00); c01 = Fma.MultiplyAdd(b1, w, c01);
            w = Avx.BroadcastScalarToVector256(a + 1);
            c10 = Fma.MultiplyAdd(b0, w, c10); c11 = Fma.MultiplyAdd(b1, w, c11);
            w = Avx.BroadcastScalarToVector256(a + 2);
            c20 = Fma.MultiplyAdd(b0, w, c20); c21 = Fma.MultiplyAdd(b1, w, c21);
            w = Avx.BroadcastScalarToVector256(a + 3);
            c30 = Fma.MultiplyAdd(b0, w, c30); c31 = Fma.MultiplyAdd(b1, w, c31);
            w = Avx.BroadcastScalarToVector256(a + 4);
            c40 = Fma.MultiplyAdd(b0, w, c40); c41 = Fma.MultiplyAdd(b1, w, c41);
            w = Avx.BroadcastScalarToVector256(a + 5);
            c50 = Fma.MultiplyAdd(b0, w, c50); c51 = Fma.MultiplyAdd(b1, w, c51);
            a += Rows;
            b += ldb;
        }
        Avx.Store(c, c00); Avx.Store(c + 8, c01); c += ldc;
        Avx.Store(c, c10); Avx.Store(c + 8, c11); c += ldc;
        Avx.Store(c, c20); Avx.Store(c + 8, c21); c += ldc;
        Avx.Store(c, c30); Avx.Store(c + 8, c31); c += ldc;
        Avx.Store(c, c40); Avx.Store(c + 8, c41); c += ldc;
        Avx.Store(c, c50); Avx.Store(c + 8, c51);
    }

    /// <summary>Portable version for the first <paramref name="columns"/> (at most 16) columns; overwrites
    /// <c>c[r*ldc + 0..columns)</c> for r &lt; 6.</summary>
    public static void Multiply6xNPortable(float* a, float* b, nint ldb, int k, float* c, nint ldc, int columns)
    {
        for (int r = 0; r < Rows; r++)
        {
            for (int n = 0; n < columns; n++)
            {
                float sum = 0;
                float* ap = a + r;
                float* bp = b + n;
                for (int p = 0; p < k; p++)
                {
                    sum += *ap * *bp;
                    ap += Rows;
                    bp += ldb;
                }
                c[r * ldc + n] = sum;
            }
        }
    }
}
