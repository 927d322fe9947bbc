using System.Runtime.CompilerServices;
using TConvGen.CompilerServices;

namespace TConvGen;

/// <summary>
/// The transforms of F(3x3, 2x2) for the four phases of a k4 s2 p1 layer (<see cref="WinogradPhaseTiles"/>), written once
/// for every width (<see cref="ISimd{TVector}"/>, and <see cref="SimdScalar"/> for one lane), with one tile per lane. The
/// four phases share one input tile: tile <c>T</c> of a tile row reads padded input columns <c>3T .. 3T+3</c> (input
/// columns <c>3T-1 .. 3T+2</c>); the band stores each padded row's columns by their remainder mod 3 apart,
/// <c>S_k[j] = x[3j + k]</c>, so the four columns of consecutive tiles are the contiguous runs <c>S_0[t], S_1[t], S_2[t],
/// S_0[t+1]</c>. Points 0, 1, -1 and infinity: <c>B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 -1 0 1]</c>,
/// <c>A^T = [1 1 1 0; 0 1 -1 0; 0 1 1 1]</c> (and G in <see cref="WinogradPhaseWeights"/>).
/// </summary>
internal static unsafe class WinogradPhaseTransforms
{
    /// <summary>The outputs of one tile per axis: three of each phase, interleaved.</summary>
    public const int OutputsPerAxis = 6;

    /// <summary><c>V = B^T d B</c> for <paramref name="tiles"/> consecutive tiles (a multiple of the lanes) of one channel.</summary>
    /// <param name="first">Padded row 0's <c>S_0</c> at the first tile; <c>S_1</c> and <c>S_2</c> are <paramref name="third"/>
    /// and twice that floats on, and rows 1 to 3 are <paramref name="rowStride"/> floats apart.</param>
    /// <param name="rowStride">Floats between padded rows of the band.</param>
    /// <param name="third">Floats between a row's streams.</param>
    /// <param name="tiles">Tiles to transform.</param>
    /// <param name="v">Element 0 of the first tile; element <c>e</c> is <paramref name="elementStride"/> * e floats on.</param>
    /// <param name="elementStride">Floats between elements.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Input<TSimd, TVector>(float* first, nint rowStride, nint third, int tiles, float* v, nint elementStride)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
    {
        for (int t = 0; t < tiles; t += TSimd.Count)
        {
            float* r0 = first + t, r1 = r0 + rowStride, r2 = r1 + rowStride, r3 = r2 + rowStride;
            // Along the rows first (d B): h[c] for c = 0..3.
            Row<TSimd, TVector>(r0, third, out var h00, out var h01, out var h02, out var h03);
            Row<TSimd, TVector>(r1, third, out var h10, out var h11, out var h12, out var h13);
            Row<TSimd, TVector>(r2, third, out var h20, out var h21, out var h22, out var h23);
            Row<TSimd, TVector>(r3, third, out var h30, out var h31, out var h32, out var h33);
            // Then down the columns (B^T h): element (i, j) at 4 i + j.
            float* p = v + t;
            Column<TSimd, TVector>(h00, h10, h20, h30, p, elementStride * 4);
            Column<TSimd, TVector>(h01, h11, h21, h31, p + elementStride, elementStride * 4);
            Column<TSimd, TVector>(h02, h12, h22, h32, p + 2 * elementStride, elementStride * 4);
            Column<TSimd, TVector>(h03, h13, h23, h33, p + 3 * elementStride, elementStride * 4);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row<TSimd, TVector>(float* row, nint third, out TVector h0, out TVector h1, out TVector h2, out TVector h3)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
    {
        var x0 = TSimd.Load(row);
        var x1 = TSimd.Load(row + third);
        var x2 = TSimd.Load(row + 2 * third);
        var x3 = TSimd.Load(row + 1);
        h0 = WinogradTransforms.Subtract(x0, x2);
        h1 = WinogradTransforms.Add(x1, x2);
        h2 = WinogradTransforms.Subtract(x2, x1);
        h3 = WinogradTransforms.Subtract(x3, x1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Column<TSimd, TVector>(TVector d0, TVector d1, TVector d2, TVector d3, float* v, nint rowStride)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
    {
        TSimd.Store(v, WinogradTransforms.Subtract(d0, d2));
        TSimd.Store(v + rowStride, WinogradTransforms.Add(d1, d2));
        TSimd.Store(v + 2 * rowStride, WinogradTransforms.Subtract(d2, d1));
        TSimd.Store(v + 3 * rowStride, WinogradTransforms.Subtract(d3, d1));
    }

    /// <summary><c>Y = activation(A^T m A + bias)</c> of the four phases for one vector of tiles of one output channel, into
    /// <paramref name="scratch"/> as <c>[row 0..5][column 0..5][lane]</c>: the tile's output rows and columns from
    /// <c>6T - 1</c>, where phase <c>r</c>'s output <c>a</c> is position <c>2a + 1 - r</c>.</summary>
    /// <param name="m">Phase 0's element 0 of the first tile; element <c>e</c> is <paramref name="elementStride"/> * e floats
    /// on, phase <c>ph</c> <paramref name="phaseStride"/> * ph.</param>
    /// <param name="elementStride">Floats between elements.</param>
    /// <param name="phaseStride">Floats between phases.</param>
    /// <param name="bias">The channel's bias.</param>
    /// <param name="scratch">36 vectors.</param>
    /// <param name="activation">The activation of every output.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Output<TSimd, TVector, TActivation>(float* m, nint elementStride, nint phaseStride, float* bias, float* scratch, TActivation activation)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
        where TActivation : struct, IActivationFunction
    {
        int lanes = TSimd.Count;
        var b = TSimd.Broadcast(bias);
        var output = new ActivatedOutput<TSimd, TVector, TActivation>(activation);
        for (int ph = 0; ph < WinogradPhaseWeights.Phases; ph++)
        {
            float* p = m + ph * phaseStride;
            // Along the rows first (m A): s[i][c] from m[i][0..3].
            Combine<TSimd, TVector>(p, elementStride, out var s00, out var s01, out var s02);
            Combine<TSimd, TVector>(p + 4 * elementStride, elementStride, out var s10, out var s11, out var s12);
            Combine<TSimd, TVector>(p + 8 * elementStride, elementStride, out var s20, out var s21, out var s22);
            Combine<TSimd, TVector>(p + 12 * elementStride, elementStride, out var s30, out var s31, out var s32);
            int ry = ph >> 1, rx = ph & 1;
            // Output (a, c) of the phase goes to row 2a + 1 - ry, column 2c + 1 - rx of the tile.
            float* row0 = scratch + ((1 - ry) * OutputsPerAxis + 1 - rx) * lanes;
            nint columnStep = 2 * lanes;
            Store<TSimd, TVector, TActivation>(output, row0, s00, s10, s20, s30, b);
            Store<TSimd, TVector, TActivation>(output, row0 + columnStep, s01, s11, s21, s31, b);
            Store<TSimd, TVector, TActivation>(output, row0 + 2 * columnStep, s02, s12, s22, s32, b);
        }
        output.Complete(scratch, 0, 1, OutputsPerAxis * OutputsPerAxis * lanes);
    }

    /// <summary>Column <c>c</c> of one phase down the rows (<c>A^T s</c>), plus the bias: rows 0, 1, 2 of the phase at
    /// <paramref name="destination"/> plus 0, 2 and 4 tile rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<TSimd, TVector, TActivation>(ActivatedOutput<TSimd, TVector, TActivation> output, float* destination,
        TVector s0, TVector s1, TVector s2, TVector s3, TVector bias)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
        where TActivation : struct, IActivationFunction
    {
        nint rowStep = 2 * OutputsPerAxis * TSimd.Count;
        var sum = WinogradTransforms.Add(s1, s2);
        output.Store(destination, WinogradTransforms.Add(WinogradTransforms.Add(sum, s0), bias));
        output.Store(destination + rowStep, WinogradTransforms.Add(WinogradTransforms.Subtract(s1, s2), bias));
        output.Store(destination + 2 * rowStep, WinogradTransforms.Add(WinogradTransforms.Add(sum, s3), bias));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Combine<TSimd, TVector>(float* m, nint stride, out TVector first, out TVector second, out TVector third)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
    {
        var m0 = TSimd.Load(m);
        var m1 = TSimd.Load(m + stride);
        var m2 = TSimd.Load(m + 2 * stride);
        var m3 = TSimd.Load(m + 3 * stride);
        var sum = WinogradTransforms.Add(m1, m2);
        first = WinogradTransforms.Add(sum, m0);
        second = WinogradTransforms.Subtract(m1, m2);
        third = WinogradTransforms.Add(sum, m3);
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
