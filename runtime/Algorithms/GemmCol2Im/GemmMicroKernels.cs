using System.Runtime.CompilerServices;

namespace TConvGen;

/// <summary>
/// The inner GEMM of <see cref="GemmCol2ImPrepared"/>, written once for every vector width (<see cref="ISimd{TVector}"/>):
/// <c>C[6 x 2N] = A[6 x k] * B[k x 2N]</c> (<c>N</c> the vector's float count) with A packed as <c>[k][6]</c> (six rows
/// broadcast per step) and B rows <c>ldb</c> apart. The twelve accumulators, two loads and a broadcast fit 16 vector
/// registers, so they stay in registers for the whole reduction at every width.
/// </summary>
internal static unsafe class GemmMicroKernels
{
    /// <summary>The rows of A (and of C) one call computes.</summary>
    public const int Rows = 6;

    /// <summary>The columns of B (and of C) the portable code computes per call.</summary>
    public const int PortableColumns = 16;

    /// <summary>The columns of B (and of C) one call at <paramref name="level"/> computes: two vectors, or
    /// <see cref="PortableColumns"/> for the portable code.</summary>
    public static int Columns(SimdLevel level) => level == SimdLevel.Portable ? PortableColumns : 2 * level.FloatsPerVector();

    /// <summary>6 rows x 2 vectors; overwrites <c>c[r*ldc + 0..2N-1]</c> for r &lt; 6.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply6x2<TSimd, TVector>(float* a, float* b, nint ldb, int k, float* c, nint ldc)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
    {
        int n = TSimd.Count;
        TVector c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        TVector c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < k; p++)
        {
            var b0 = TSimd.Load(b);
            var b1 = TSimd.Load(b + n);
            var w = TSimd.Broadcast(a);
            c00 = TSimd.MultiplyAdd(b0, w, c00); c01 = TSimd.MultiplyAdd(b1, w, c01);
            w = TSimd.Broadcast(a + 1);
            c10 = TSimd.MultiplyAdd(b0, w, c10); c11 = TSimd.MultiplyAdd(b1, w, c11);
            w = TSimd.Broadcast(a + 2);
            c20 = TSimd.MultiplyAdd(b0, w, c20); c21 = TSimd.MultiplyAdd(b1, w, c21);
            w = TSimd.Broadcast(a + 3);
            c30 = TSimd.MultiplyAdd(b0, w, c30); c31 = TSimd.MultiplyAdd(b1, w, c31);
            w = TSimd.Broadcast(a + 4);
            c40 = TSimd.MultiplyAdd(b0, w, c40); c41 = TSimd.MultiplyAdd(b1, w, c41);
            w = TSimd.Broadcast(a + 5);
            c50 = TSimd.MultiplyAdd(b0, w, c50); c51 = TSimd.MultiplyAdd(b1, w, c51);
            a += Rows;
            b += ldb;
        }
        TSimd.Store(c, c00); TSimd.Store(c + n, c01); c += ldc;
        TSimd.Store(c, c10); TSimd.Store(c + n, c11); c += ldc;
        TSimd.Store(c, c20); TSimd.Store(c + n, c21); c += ldc;
        TSimd.Store(c, c30); TSimd.Store(c + n, c31); c += ldc;
        TSimd.Store(c, c40); TSimd.Store(c + n, c41); c += ldc;
        TSimd.Store(c, c50); TSimd.Store(c + n, c51);
    }

    /// <summary>Portable version for the first <paramref name="columns"/> (at most <see cref="PortableColumns"/>) columns;
    /// overwrites <c>c[r*ldc + 0..columns)</c> for r &lt; 6.</summary>
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
