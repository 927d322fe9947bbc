using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using TConvGen.CompilerServices;

namespace TConvGen;

/// <summary>
/// The input and output transforms of F(2x2, 3x3), written once for every width (<see cref="ISimd{TVector}"/>, and
/// <see cref="SimdScalar"/> for one lane), with one tile per lane. Tile <c>t</c> of a tile row reads padded input
/// columns <c>2t .. 2t+3</c>; the band stores each padded row's even columns <c>E[j] = x[2j]</c> and odd columns
/// <c>O[j] = x[2j+1]</c> apart, so the four columns of consecutive tiles are the contiguous runs <c>E[t], O[t], E[t+1],
/// O[t+1]</c>. Lavin's matrices: <c>B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1]</c>, <c>A^T = [1 1 1 0; 0 1 -1 -1]</c>.
/// </summary>
internal static unsafe class WinogradTransforms
{
    /// <summary><c>V = B^T d B</c> for <paramref name="tiles"/> consecutive tiles (a multiple of the lanes) of one channel.</summary>
    /// <param name="even">Padded row 0's even columns at the first tile; odd columns are <paramref name="odd"/> floats on, and
    /// rows 1 to 3 are <paramref name="rowStride"/> floats apart.</param>
    /// <param name="rowStride">Floats between padded rows of the band.</param>
    /// <param name="odd">Floats from a row's even columns to its odd ones.</param>
    /// <param name="tiles">Tiles to transform.</param>
    /// <param name="v">Element 0 of the first tile; element <c>e</c> is <paramref name="elementStride"/> * e floats on.</param>
    /// <param name="elementStride">Floats between elements.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Input<TSimd, TVector>(float* even, nint rowStride, nint odd, int tiles, float* v, nint elementStride)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
    {
        for (int t = 0; t < tiles; t += TSimd.Count)
        {
            float* r0 = even + t, r1 = r0 + rowStride, r2 = r1 + rowStride, r3 = r2 + rowStride;
            // Along the rows first (d B): h[c] for c = 0..3 from x[2t .. 2t+3].
            Row<TSimd, TVector>(r0, odd, out var h00, out var h01, out var h02, out var h03);
            Row<TSimd, TVector>(r1, odd, out var h10, out var h11, out var h12, out var h13);
            Row<TSimd, TVector>(r2, odd, out var h20, out var h21, out var h22, out var h23);
            Row<TSimd, TVector>(r3, odd, out var h30, out var h31, out var h32, out var h33);
            // Then down the columns (B^T h): element (i, j) at 4 i + j.
            float* p = v + t;
            Column<TSimd, TVector>(h00, h10, h20, h30, p, elementStride * 4);
            Column<TSimd, TVector>(h01, h11, h21, h31, p + elementStride, elementStride * 4);
            Column<TSimd, TVector>(h02, h12, h22, h32, p + 2 * elementStride, elementStride * 4);
            Column<TSimd, TVector>(h03, h13, h23, h33, p + 3 * elementStride, elementStride * 4);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row<TSimd, TVector>(float* row, nint odd, out TVector h0, out TVector h1, out TVector h2, out TVector h3)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
    {
        var x0 = TSimd.Load(row);
        var x1 = TSimd.Load(row + odd);
        var x2 = TSimd.Load(row + 1);
        var x3 = TSimd.Load(row + odd + 1);
        h0 = Subtract(x0, x2);
        h1 = Add(x1, x2);
        h2 = Subtract(x2, x1);
        h3 = Subtract(x1, x3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Column<TSimd, TVector>(TVector d0, TVector d1, TVector d2, TVector d3, float* v, nint rowStride)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
    {
        TSimd.Store(v, Subtract(d0, d2));
        TSimd.Store(v + rowStride, Add(d1, d2));
        TSimd.Store(v + 2 * rowStride, Subtract(d2, d1));
        TSimd.Store(v + 3 * rowStride, Subtract(d1, d3));
    }

    /// <summary><c>Y = activation(A^T m A + bias)</c> for one vector of tiles of one output channel, stored as two output rows
    /// of <c>2 * Count</c> columns each (the tiles' columns interleaved).</summary>
    /// <param name="m">Element 0 of the first tile; element <c>e</c> is <paramref name="elementStride"/> * e floats on.</param>
    /// <param name="elementStride">Floats between elements.</param>
    /// <param name="bias">The channel's bias.</param>
    /// <param name="row0">Where output row 0's <c>2 * Count</c> columns go.</param>
    /// <param name="row1">Where output row 1's go.</param>
    /// <param name="activation">The activation of every output.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Output<TSimd, TVector, TActivation>(float* m, nint elementStride, float* bias, float* row0, float* row1, TActivation activation)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
        where TActivation : struct, IActivationFunction
    {
        // Along the rows first (m A): s[i][0] = m[i][0] + m[i][1] + m[i][2], s[i][1] = m[i][1] - m[i][2] - m[i][3].
        Combine<TSimd, TVector>(m, elementStride, out var s00, out var s01);
        Combine<TSimd, TVector>(m + 4 * elementStride, elementStride, out var s10, out var s11);
        Combine<TSimd, TVector>(m + 8 * elementStride, elementStride, out var s20, out var s21);
        Combine<TSimd, TVector>(m + 12 * elementStride, elementStride, out var s30, out var s31);
        var b = TSimd.Broadcast(bias);
        // Then down the columns (A^T s), plus the bias, activated in registers: with four values live and Exp inlined
        // (SimdExp) there is nothing to spill, unlike the GEMM micro-kernels' blocks (ActivatedOutput).
        var y00 = activation.Apply<TSimd, TVector>(Add(Add(Add(s00, s10), s20), b));
        var y01 = activation.Apply<TSimd, TVector>(Add(Add(Add(s01, s11), s21), b));
        TSimd.StoreInterleaved(row0, y00, y01);
        var y10 = activation.Apply<TSimd, TVector>(Add(Subtract(Subtract(s10, s20), s30), b));
        var y11 = activation.Apply<TSimd, TVector>(Add(Subtract(Subtract(s11, s21), s31), b));
        TSimd.StoreInterleaved(row1, y10, y11);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Combine<TSimd, TVector>(float* m, nint stride, out TVector first, out TVector second)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
    {
        var m0 = TSimd.Load(m);
        var m1 = TSimd.Load(m + stride);
        var m2 = TSimd.Load(m + 2 * stride);
        var m3 = TSimd.Load(m + 3 * stride);
        first = Add(Add(m0, m1), m2);
        second = Subtract(Subtract(m1, m2), m3);
    }

    // ISimd has no add: these pick the operator of the concrete type, which the JIT resolves per instantiation.

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Add<TVector>(TVector left, TVector right)
        where TVector : struct
    {
        if (typeof(TVector) == typeof(Vector512<float>))
            return As<Vector512<float>, TVector>(As<TVector, Vector512<float>>(left) + As<TVector, Vector512<float>>(right));
        if (typeof(TVector) == typeof(Vector256<float>))
            return As<Vector256<float>, TVector>(As<TVector, Vector256<float>>(left) + As<TVector, Vector256<float>>(right));
        if (typeof(TVector) == typeof(Vector128<float>))
            return As<Vector128<float>, TVector>(As<TVector, Vector128<float>>(left) + As<TVector, Vector128<float>>(right));
        if (typeof(TVector) == typeof(float))
            return As<float, TVector>(As<TVector, float>(left) + As<TVector, float>(right));
        throw new NotSupportedException($"No addition for {typeof(TVector)}.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Subtract<TVector>(TVector left, TVector right)
        where TVector : struct
    {
        if (typeof(TVector) == typeof(Vector512<float>))
            return As<Vector512<float>, TVector>(As<TVector, Vector512<float>>(left) - As<TVector, Vector512<float>>(right));
        if (typeof(TVector) == typeof(Vector256<float>))
            return As<Vector256<float>, TVector>(As<TVector, Vector256<float>>(left) - As<TVector, Vector256<float>>(right));
        if (typeof(TVector) == typeof(Vector128<float>))
            return As<Vector128<float>, TVector>(As<TVector, Vector128<float>>(left) - As<TVector, Vector128<float>>(right));
        if (typeof(TVector) == typeof(float))
            return As<float, TVector>(As<TVector, float>(left) - As<TVector, float>(right));
        throw new NotSupportedException($"No subtraction for {typeof(TVector)}.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TTo As<TFrom, TTo>(TFrom value)
        where TFrom : struct
        where TTo : struct => Unsafe.As<TFrom, TTo>(ref value);
}
