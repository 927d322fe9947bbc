using System;
using System.Runtime.CompilerServices;
using TConvGen.CompilerServices;

namespace TConvGen;

/// <summary>
/// The runtime's transforms of F(3x3, 2x2) for the four phases of a k4 s2 p1 layer (<see cref="IWinogradPhaseTransform"/>,
/// which states the layout; <see cref="WinogradPhaseTiles{TTransform}"/>): the input and output transforms written once for
/// every width (<see cref="IGeneratedKernelSimd{TVector}"/>, and <see cref="SimdScalar"/> for one lane), with one tile per
/// lane, and the weight transform in double. The four phases share one input tile: tile <c>T</c> of a tile row reads padded
/// input columns <c>3T .. 3T+3</c> (input columns <c>3T-1 .. 3T+2</c>). Points 0, 1, -1 and infinity:
/// <c>B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 -1 0 1]</c>, <c>G = [1 0; 1/2 1/2; 1/2 -1/2; 0 1]</c>,
/// <c>A^T = [1 1 1 0; 0 1 -1 0; 0 1 1 1]</c>. Generated kernels emit the same operations from the matrices.
/// </summary>
internal readonly unsafe struct WinogradPhaseTransforms : IWinogradPhaseTransform
{
    /// <summary>The outputs of one tile per axis: three of each phase, interleaved.</summary>
    public const int OutputsPerAxis = 6;

    /// <summary>G for F(3, 2): <c>U = G g G^T</c>.</summary>
    private static readonly double[,] G = { { 1, 0 }, { 0.5, 0.5 }, { 0.5, -0.5 }, { 0, 1 } };

    /// <inheritdoc />
    public static void Weight(ReadOnlySpan<double> g, Span<double> u) => WinogradKernelTransform.Apply(G, g, u);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Input<TSimd, TVector>(ref float first, nint rowStride, nint third, int tiles, ref float v, nint elementStride)
        where TSimd : struct, IGeneratedKernelSimd<TVector>
        where TVector : struct
    {
        for (int t = 0; t < tiles; t += TSimd.Count)
        {
            ref float r0 = ref Unsafe.Add(ref first, t);
            ref float r1 = ref Unsafe.Add(ref r0, rowStride);
            ref float r2 = ref Unsafe.Add(ref r1, rowStride);
            ref float r3 = ref Unsafe.Add(ref r2, rowStride);
            // Along the rows first (d B): h[c] for c = 0..3.
            Row<TSimd, TVector>(ref r0, third, out var h00, out var h01, out var h02, out var h03);
            Row<TSimd, TVector>(ref r1, third, out var h10, out var h11, out var h12, out var h13);
            Row<TSimd, TVector>(ref r2, third, out var h20, out var h21, out var h22, out var h23);
            Row<TSimd, TVector>(ref r3, third, out var h30, out var h31, out var h32, out var h33);
            // Then down the columns (B^T h): element (i, j) at 4 i + j.
            ref float p = ref Unsafe.Add(ref v, t);
            Column<TSimd, TVector>(h00, h10, h20, h30, ref p, elementStride * 4);
            Column<TSimd, TVector>(h01, h11, h21, h31, ref Unsafe.Add(ref p, elementStride), elementStride * 4);
            Column<TSimd, TVector>(h02, h12, h22, h32, ref Unsafe.Add(ref p, 2 * elementStride), elementStride * 4);
            Column<TSimd, TVector>(h03, h13, h23, h33, ref Unsafe.Add(ref p, 3 * elementStride), elementStride * 4);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row<TSimd, TVector>(ref float row, nint third, out TVector h0, out TVector h1, out TVector h2, out TVector h3)
        where TSimd : struct, IGeneratedKernelSimd<TVector>
        where TVector : struct
    {
        var x0 = TSimd.Load(ref row, 0);
        var x1 = TSimd.Load(ref row, (nuint)third);
        var x2 = TSimd.Load(ref row, (nuint)(2 * third));
        var x3 = TSimd.Load(ref row, 1);
        h0 = TSimd.Subtract(x0, x2);
        h1 = TSimd.Add(x1, x2);
        h2 = TSimd.Subtract(x2, x1);
        h3 = TSimd.Subtract(x3, x1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Column<TSimd, TVector>(TVector d0, TVector d1, TVector d2, TVector d3, ref float v, nint rowStride)
        where TSimd : struct, IGeneratedKernelSimd<TVector>
        where TVector : struct
    {
        TSimd.Store(TSimd.Subtract(d0, d2), ref v);
        TSimd.Store(TSimd.Add(d1, d2), ref Unsafe.Add(ref v, rowStride));
        TSimd.Store(TSimd.Subtract(d2, d1), ref Unsafe.Add(ref v, 2 * rowStride));
        TSimd.Store(TSimd.Subtract(d3, d1), ref Unsafe.Add(ref v, 3 * rowStride));
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Output<TSimd, TVector, TActivation>(ref float m, nint elementStride, nint phaseStride, ref float bias, ref float scratch, TActivation activation)
        where TSimd : struct, IGeneratedKernelSimd<TVector>
        where TVector : struct
        where TActivation : struct, IActivationFunction
    {
        int lanes = TSimd.Count;
        var b = TSimd.Broadcast(ref bias);
        for (int ph = 0; ph < WinogradPhaseWeights.Phases; ph++)
        {
            ref float p = ref Unsafe.Add(ref m, ph * phaseStride);
            // Along the rows first (m A): s[i][c] from m[i][0..3].
            Combine<TSimd, TVector>(ref p, elementStride, out var s00, out var s01, out var s02);
            Combine<TSimd, TVector>(ref Unsafe.Add(ref p, 4 * elementStride), elementStride, out var s10, out var s11, out var s12);
            Combine<TSimd, TVector>(ref Unsafe.Add(ref p, 8 * elementStride), elementStride, out var s20, out var s21, out var s22);
            Combine<TSimd, TVector>(ref Unsafe.Add(ref p, 12 * elementStride), elementStride, out var s30, out var s31, out var s32);
            int ry = ph >> 1, rx = ph & 1;
            // Output (a, c) of the phase goes to row 2a + 1 - ry, column 2c + 1 - rx of the tile.
            ref float row0 = ref Unsafe.Add(ref scratch, ((1 - ry) * OutputsPerAxis + 1 - rx) * lanes);
            int columnStep = 2 * lanes;
            Store<TSimd, TVector, TActivation>(activation, ref row0, s00, s10, s20, s30, b);
            Store<TSimd, TVector, TActivation>(activation, ref Unsafe.Add(ref row0, columnStep), s01, s11, s21, s31, b);
            Store<TSimd, TVector, TActivation>(activation, ref Unsafe.Add(ref row0, 2 * columnStep), s02, s12, s22, s32, b);
        }
    }

    /// <summary>Column <c>c</c> of one phase down the rows (<c>A^T s</c>), plus the bias, activated: rows 0, 1, 2 of the phase
    /// at <paramref name="destination"/> plus 0, 2 and 4 tile rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<TSimd, TVector, TActivation>(TActivation activation, ref float destination, TVector s0, TVector s1, TVector s2, TVector s3, TVector bias)
        where TSimd : struct, IGeneratedKernelSimd<TVector>
        where TVector : struct
        where TActivation : struct, IActivationFunction
    {
        int rowStep = 2 * OutputsPerAxis * TSimd.Count;
        var sum = TSimd.Add(s1, s2);
        TSimd.Store(activation.Apply<TSimd, TVector>(TSimd.Add(TSimd.Add(sum, s0), bias)), ref destination);
        TSimd.Store(activation.Apply<TSimd, TVector>(TSimd.Add(TSimd.Subtract(s1, s2), bias)), ref Unsafe.Add(ref destination, rowStep));
        TSimd.Store(activation.Apply<TSimd, TVector>(TSimd.Add(TSimd.Add(sum, s3), bias)), ref Unsafe.Add(ref destination, 2 * rowStep));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Combine<TSimd, TVector>(ref float m, nint stride, out TVector first, out TVector second, out TVector third)
        where TSimd : struct, IGeneratedKernelSimd<TVector>
        where TVector : struct
    {
        var m0 = TSimd.Load(ref m, 0);
        var m1 = TSimd.Load(ref m, (nuint)stride);
        var m2 = TSimd.Load(ref m, (nuint)(2 * stride));
        var m3 = TSimd.Load(ref m, (nuint)(3 * stride));
        var sum = TSimd.Add(m1, m2);
        first = TSimd.Add(sum, m0);
        second = TSimd.Subtract(m1, m2);
        third = TSimd.Add(sum, m3);
    }

    /// <summary>Writes row <c>r</c> of the scratch of <see cref="Output"/> for <paramref name="tiles"/> lanes into one output
    /// row: lane <c>t</c>'s six columns go to columns <c>6 (firstTile + t) - 1 ..</c> plus 5, those inside <c>[0, width)</c>.</summary>
    /// <param name="scratch">Row <c>r</c> of the scratch: <c>[column][lane]</c>.</param>
    /// <param name="lanes">The scratch's lanes.</param>
    /// <param name="tiles">The lanes to write.</param>
    /// <param name="row">The output row (column 0).</param>
    /// <param name="firstTile">The tile of lane 0.</param>
    /// <param name="width">The output's width.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Scatter(float* scratch, int lanes, int tiles, float* row, int firstTile, int width)
    {
        int start = OutputsPerAxis * firstTile - 1;
        if (start >= 0 && start + OutputsPerAxis * tiles <= width)
        {
            float* d = row + start;
            for (int t = 0; t < tiles; t++, d += OutputsPerAxis)
            {
                float* s = scratch + t;
                d[0] = s[0];
                d[1] = s[lanes];
                d[2] = s[2 * lanes];
                d[3] = s[3 * lanes];
                d[4] = s[4 * lanes];
                d[5] = s[5 * lanes];
            }
            return;
        }
        for (int t = 0; t < tiles; t++)
        {
            for (int c = 0; c < OutputsPerAxis; c++)
            {
                int x = start + OutputsPerAxis * t + c;
                if ((uint)x < (uint)width)
                    row[x] = scratch[c * lanes + t];
            }
        }
    }
}
