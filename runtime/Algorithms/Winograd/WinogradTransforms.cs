using System;
using System.Runtime.CompilerServices;
using TConvGen.CompilerServices;

namespace TConvGen;

/// <summary>
/// The runtime's transforms of F(2x2, 3x3) (<see cref="IWinogradTileTransform"/>, which states the layout): the input and
/// output transforms written once for every width (<see cref="IGeneratedKernelSimd{TVector}"/>, and <see cref="SimdScalar"/>
/// for one lane), with one tile per lane, and the weight transform in double. Lavin's matrices:
/// <c>B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1]</c>, <c>G = [1 0 0; 1/2 1/2 1/2; 1/2 -1/2 1/2; 0 0 1]</c>,
/// <c>A^T = [1 1 1 0; 0 1 -1 -1]</c>. Generated kernels emit the same operations from the matrices.
/// </summary>
internal readonly struct WinogradTransforms : IWinogradTileTransform
{
    /// <summary>Lavin's G for F(2, 3): <c>U = G g G^T</c>.</summary>
    private static readonly double[,] G = { { 1, 0, 0 }, { 0.5, 0.5, 0.5 }, { 0.5, -0.5, 0.5 }, { 0, 0, 1 } };

    /// <inheritdoc />
    public static void Weight(ReadOnlySpan<double> g, Span<double> u) => WinogradKernelTransform.Apply(G, g, u);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Input<TSimd, TVector>(ref float even, nint rowStride, nint odd, int tiles, ref float v, nint elementStride)
        where TSimd : struct, IGeneratedKernelSimd<TVector>
        where TVector : struct
    {
        for (int t = 0; t < tiles; t += TSimd.Count)
        {
            ref float r0 = ref Unsafe.Add(ref even, t);
            ref float r1 = ref Unsafe.Add(ref r0, rowStride);
            ref float r2 = ref Unsafe.Add(ref r1, rowStride);
            ref float r3 = ref Unsafe.Add(ref r2, rowStride);
            // Along the rows first (d B): h[c] for c = 0..3 from x[2t .. 2t+3].
            Row<TSimd, TVector>(ref r0, odd, out var h00, out var h01, out var h02, out var h03);
            Row<TSimd, TVector>(ref r1, odd, out var h10, out var h11, out var h12, out var h13);
            Row<TSimd, TVector>(ref r2, odd, out var h20, out var h21, out var h22, out var h23);
            Row<TSimd, TVector>(ref r3, odd, out var h30, out var h31, out var h32, out var h33);
            // Then down the columns (B^T h): element (i, j) at 4 i + j.
            ref float p = ref Unsafe.Add(ref v, t);
            Column<TSimd, TVector>(h00, h10, h20, h30, ref p, elementStride * 4);
            Column<TSimd, TVector>(h01, h11, h21, h31, ref Unsafe.Add(ref p, elementStride), elementStride * 4);
            Column<TSimd, TVector>(h02, h12, h22, h32, ref Unsafe.Add(ref p, 2 * elementStride), elementStride * 4);
            Column<TSimd, TVector>(h03, h13, h23, h33, ref Unsafe.Add(ref p, 3 * elementStride), elementStride * 4);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row<TSimd, TVector>(ref float row, nint odd, out TVector h0, out TVector h1, out TVector h2, out TVector h3)
        where TSimd : struct, IGeneratedKernelSimd<TVector>
        where TVector : struct
    {
        var x0 = TSimd.Load(ref row, 0);
        var x1 = TSimd.Load(ref row, (nuint)odd);
        var x2 = TSimd.Load(ref row, 1);
        var x3 = TSimd.Load(ref row, (nuint)odd + 1);
        h0 = TSimd.Subtract(x0, x2);
        h1 = TSimd.Add(x1, x2);
        h2 = TSimd.Subtract(x2, x1);
        h3 = TSimd.Subtract(x1, x3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Column<TSimd, TVector>(TVector d0, TVector d1, TVector d2, TVector d3, ref float v, nint rowStride)
        where TSimd : struct, IGeneratedKernelSimd<TVector>
        where TVector : struct
    {
        TSimd.Store(TSimd.Subtract(d0, d2), ref v);
        TSimd.Store(TSimd.Add(d1, d2), ref Unsafe.Add(ref v, rowStride));
        TSimd.Store(TSimd.Subtract(d2, d1), ref Unsafe.Add(ref v, 2 * rowStride));
        TSimd.Store(TSimd.Subtract(d1, d3), ref Unsafe.Add(ref v, 3 * rowStride));
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Output<TSimd, TVector, TActivation>(ref float m, nint elementStride, ref float bias, ref float row0, ref float row1, TActivation activation)
        where TSimd : struct, IGeneratedKernelSimd<TVector>
        where TVector : struct
        where TActivation : struct, IActivationFunction
    {
        // Along the rows first (m A): s[i][0] = m[i][0] + m[i][1] + m[i][2], s[i][1] = m[i][1] - m[i][2] - m[i][3].
        Combine<TSimd, TVector>(ref m, elementStride, out var s00, out var s01);
        Combine<TSimd, TVector>(ref Unsafe.Add(ref m, 4 * elementStride), elementStride, out var s10, out var s11);
        Combine<TSimd, TVector>(ref Unsafe.Add(ref m, 8 * elementStride), elementStride, out var s20, out var s21);
        Combine<TSimd, TVector>(ref Unsafe.Add(ref m, 12 * elementStride), elementStride, out var s30, out var s31);
        var b = TSimd.Broadcast(ref bias);
        // Then down the columns (A^T s), plus the bias, activated in registers: with four values live and Exp inlined
        // (SimdExp) there is nothing to spill, unlike the GEMM micro-kernels' blocks (ActivatedOutput).
        var y00 = activation.Apply<TSimd, TVector>(TSimd.Add(TSimd.Add(TSimd.Add(s00, s10), s20), b));
        var y01 = activation.Apply<TSimd, TVector>(TSimd.Add(TSimd.Add(TSimd.Add(s01, s11), s21), b));
        TSimd.StoreInterleaved(y00, y01, ref row0);
        var y10 = activation.Apply<TSimd, TVector>(TSimd.Add(TSimd.Subtract(TSimd.Subtract(s10, s20), s30), b));
        var y11 = activation.Apply<TSimd, TVector>(TSimd.Add(TSimd.Subtract(TSimd.Subtract(s11, s21), s31), b));
        TSimd.StoreInterleaved(y10, y11, ref row1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Combine<TSimd, TVector>(ref float m, nint stride, out TVector first, out TVector second)
        where TSimd : struct, IGeneratedKernelSimd<TVector>
        where TVector : struct
    {
        var m0 = TSimd.Load(ref m, 0);
        var m1 = TSimd.Load(ref m, (nuint)stride);
        var m2 = TSimd.Load(ref m, (nuint)(2 * stride));
        var m3 = TSimd.Load(ref m, (nuint)(3 * stride));
        first = TSimd.Add(TSimd.Add(m0, m1), m2);
        second = TSimd.Subtract(TSimd.Subtract(m1, m2), m3);
    }
}
