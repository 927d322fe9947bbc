using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using TConvGen.CompilerServices;

namespace TConvGen;

/// <summary>The configurations <see cref="WinogradPhaseTiles{TTransform}"/> computes, and its threads' bands.</summary>
internal static class WinogradPhaseTiles
{
    /// <summary>Whether the options are the case F(3x3, 2x2) on the phases computes: kernel 4 x 4, stride 2, padding 1,
    /// dilation 1, output padding 0 or 1 (each axis on its own, <see cref="WinogradAxes.IsPhaseAxis"/>).</summary>
    public static bool Supports(ConvTranspose2dOptions options) =>
        WinogradAxes.IsPhaseAxis(options.HeightAxis) && WinogradAxes.IsPhaseAxis(options.WidthAxis);

    /// <summary>Threads get bands of a multiple of this many output rows. A tile row spans six output rows from <c>6T - 1</c>,
    /// so a band that starts inside one computes it too: e (64 output rows) at two threads runs four bands of 16 rows (14 tile
    /// rows computed for 11), which balance; bands of multiples of 12 gave 24-row bands, one thread 8 tile rows of 11, and
    /// 1.19-1.39x PhaseDirect's time against 1.03-1.06x with 16 (Vector512, a shared host).</summary>
    internal const int RowsPerThreadTile = 16;
}

/// <summary>
/// Winograd's F(3x3, 2x2) for the four phases of kernel 4 x 4, stride 2, padding 1, dilation 1 (output padding 0 or 1,
/// <see cref="WinogradPhaseTiles.Supports"/>). Each phase <c>(ry, rx)</c> (outputs <c>(2j + ry, 2i + rx)</c>) is a dense stride-1 2 x 2
/// correlation (<see cref="AxisPhases"/>, <see cref="WinogradPhaseWeights"/>), and one 4 x 4 input tile serves all four: per
/// axis, tile <c>T</c> reads inputs <c>3T-1 .. 3T+2</c>, from which phase 0 computes <c>j = 3T .. 3T+2</c> and phase 1
/// <c>j = 3T-1 .. 3T+1</c>, so the tile's outputs are the six consecutive positions <c>6T-1 .. 6T+4</c> of each axis. Per
/// tile and channel pair that is 4 x 16 multiplications for 36 outputs instead of 144, and one input transform instead of
/// four. The steps, fused and cache-blocked as in <see cref="WinogradTiles"/>: bands of tile rows whose padded input rows
/// are packed once (split by column mod 3, <see cref="IWinogradPhaseTransform"/>: the runtime's <see cref="WinogradPhaseTransforms"/>, or a
/// generated kernel's unrolled one); strips of whole GEMM column blocks in
/// raster order sized for the L2 cache; per strip the input transform of every channel into <c>V[16][Cin][strip]</c>, then
/// per register block of output channels the 64 GEMMs (16 elements of four phases) over the input channels into
/// <c>M[4][16][block][strip]</c> and the output transform plus bias and activation, written through a scratch (the six
/// columns of a tile interleave the lanes), clipped at the output's edges and the tile's rows.
/// </summary>
internal sealed unsafe class WinogradPhaseTiles<TTransform> : TiledPreparedConvTranspose2d, IActivatedTileKernel
    where TTransform : struct, IWinogradPhaseTransform
{
    private readonly float[] _weights;
    private readonly float[] _bias;
    private readonly SimdLevel _level;
    private readonly int _block;

    /// <param name="kernel">The kernel, whose options <see cref="WinogradPhaseTiles.Supports"/>.</param>
    /// <param name="weight">PyTorch's <c>(Cin, Cout/groups, 4, 4)</c> weights.</param>
    /// <param name="bias">The bias, or empty.</param>
    /// <param name="inChannels">Cin.</param>
    /// <param name="outChannels">Cout.</param>
    /// <param name="level">The width to run, which must run on this machine (<see cref="SimdPath.Runs"/>).</param>
    public WinogradPhaseTiles(ConvTranspose2d kernel, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels, SimdLevel level)
        : base(kernel, inChannels, outChannels, WinogradBlocking.ChannelChunk(kernel.Options, outChannels, level), WinogradPhaseTiles.RowsPerThreadTile)
    {
        if (!WinogradPhaseTiles.Supports(kernel.Options))
            throw new ArgumentException("The Winograd phase kernel needs kernel 4, stride 2, padding 1, dilation 1 and output padding 0 or 1 in both axes.", nameof(kernel));
        _level = SimdPath.Runs(level) ? level : throw new ArgumentOutOfRangeException(nameof(level), level, "This machine does not run that width.");
        _block = WinogradBlocking.BlockFor(level);
        int groups = kernel.Options.Groups;
        _weights = WinogradPhaseWeights.Pack<TTransform>(weight, kernel.Options, inChannels, outChannels, _block);
        _bias = PaddedBias.Pack(bias, outChannels, groups, WinogradWeights.PackedPerGroup(outChannels / groups, _block));
    }

    /// <summary>The GEMMs write products (M), never outputs; each output is written once, by the output transform, which activates it.</summary>
    protected override bool AppliesActivation => true;

    protected override void RunTile(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, ConvTranspose2dTile tile) =>
        ActivatedTile.Run(this, input, output, problem, tile);

    public void RunTile<TActivation>(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, ConvTranspose2dTile tile, TActivation activation)
        where TActivation : struct, IActivationFunction
    {
        const int per = WinogradPhaseTransforms.OutputsPerAxis;
        // Tile T covers outputs 6T - 1 .. 6T + 4 of an axis.
        int tilesPerRow = (problem.OutputWidth + per) / per;
        var level = _level;
        int segment = WinogradBlocking.Segment(level), columns = WinogradBlocking.Columns(level, _block);
        int channels = problem.InChannelsPerGroup;
        // A segment may start at any tile and reads S_0[t .. t+segment], S_1 and S_2[t .. t+segment-1].
        int third = checked(tilesPerRow + segment + 1);
        long rowFloats = 3L * channels * third;
        int firstTileRow = (tile.RowStart + 1) / per, endTileRow = tile.RowEnd / per + 1;
        int bandTileRows = WinogradBlocking.BandTileRows(rowFloats, 3, 1, endTileRow - firstTileRow);
        int strip = WinogradBlocking.Strip(bandTileRows, tilesPerRow, columns, channels);
        var geometry = new Geometry(problem, tile, segment, columns, tilesPerRow, strip, third, (nint)rowFloats);

        int transformedFloats = WinogradPhaseWeights.Elements * WinogradBlocking.ElementStride(channels, geometry.Stride);
        int productFloats = WinogradPhaseWeights.Phases * WinogradPhaseWeights.Elements * WinogradBlocking.ElementStride(_block, geometry.Stride);
        float[] band = ArrayPool<float>.Shared.Rent(checked((int)((3L * bandTileRows + 1) * rowFloats)));
        float[] transformed = ArrayPool<float>.Shared.Rent(transformedFloats);
        float[] products = ArrayPool<float>.Shared.Rent(productFloats);
        try
        {
            // The GEMM's last column block may take columns no tile of the strip wrote: cleared once, they are never NaN.
            transformed.AsSpan(0, transformedFloats).Clear();
            fixed (float* source = input)
            fixed (float* packed = band)
            fixed (float* v = transformed)
            fixed (float* m = products)
            fixed (float* weights = _weights)
            fixed (float* bias = _bias)
            fixed (float* results = output)
            {
                var pointers = new Pointers(packed, v, m, weights, bias, results);
                for (int first = firstTileRow; first < endTileRow; first += bandTileRows)
                {
                    int end = Math.Min(endTileRow, first + bandTileRows);
                    PackBand(source, problem, tile.Group, 3 * first, 3 * (end - first) + 1, third, packed);
                    int count = (end - first) * tilesPerRow;
                    for (int q = 0; q < count; q += strip)
                    {
                        int last = Math.Min(count, q + strip);
                        switch (level)
                        {
                            case SimdLevel.Vector512: RunStrip<Simd512, GeneratedKernelSimd512, Vector512<float>, TActivation>(in geometry, in pointers, first, q, last, activation); break;
                            case SimdLevel.Vector256: RunStrip<Simd256, GeneratedKernelSimd256, Vector256<float>, TActivation>(in geometry, in pointers, first, q, last, activation); break;
                            case SimdLevel.Vector128: RunStrip<Simd128, GeneratedKernelSimd128, Vector128<float>, TActivation>(in geometry, in pointers, first, q, last, activation); break;
                            default: RunStrip<SimdScalar, SimdScalar, float, TActivation>(in geometry, in pointers, first, q, last, activation); break;
                        }
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(products);
            ArrayPool<float>.Shared.Return(transformed);
            ArrayPool<float>.Shared.Return(band);
        }
    }

    /// <summary>Copies padded rows <c>[firstRow, firstRow + rowCount)</c> of the group's channels into
    /// <c>[row][channel][S_0 | S_1 | S_2 (third each)]</c>, <c>S_k[j]</c> = padded column <c>3j + k</c>: padded row <c>R</c>,
    /// column <c>X</c> is input row <c>R - 1</c>, column <c>X - 1</c>, zero outside the input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackBand(float* input, ConvTranspose2dProblem problem, int group, int firstRow, int rowCount, int third, float* band)
    {
        int channels = problem.InChannelsPerGroup, width = problem.InputWidth, height = problem.InputHeight;
        // Stream k's interior: the j with 0 <= 3j + k - 1 < width.
        for (int r = 0; r < rowCount; r++)
        {
            int iy = firstRow + r - 1;
            for (int c = 0; c < channels; c++)
            {
                float* streams = band + ((nint)r * channels + c) * 3 * third;
                if ((uint)iy >= (uint)height)
                {
                    new Span<float>(streams, 3 * third).Clear();
                    continue;
                }
                float* row = input + ((nint)group * channels + c) * problem.InputPlaneLength + (nint)iy * width;
                for (int k = 0; k < 3; k++)
                {
                    float* s = streams + k * third;
                    // Column 3j + k - 1 is inside for j in [start, end).
                    int start = k == 0 ? 1 : 0, end = Math.Clamp((width - k + 1 + 2) / 3, start, third);
                    for (int j = 0; j < start; j++)
                        s[j] = 0f;
                    float* from = row + k - 1;
                    for (int j = start; j < end; j++)
                        s[j] = from[3 * j];
                    for (int j = end; j < third; j++)
                        s[j] = 0f;
                }
            }
        }
    }

    /// <summary>The band's tiles <c>[first, end)</c> in raster order, for the tile's channels, as in <see cref="WinogradTiles"/>:
    /// tile <c>q</c> is column <c>q - first</c> of V and M.</summary>
    [SkipLocalsInit] // the scratch is written before it is read
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunStrip<TSimd, TTransformSimd, TVector, TActivation>(in Geometry geometry, in Pointers pointers, int bandFirstTileRow, int first, int end, TActivation activation)
        where TSimd : struct, ISimd<TVector>
        where TTransformSimd : struct, IGeneratedKernelSimd<TVector>
        where TVector : struct
        where TActivation : struct, IActivationFunction
    {
        const int per = WinogradPhaseTransforms.OutputsPerAxis;
        var problem = geometry.Problem;
        var tile = geometry.Tile;
        int channels = problem.InChannelsPerGroup, perGroup = problem.OutChannelsPerGroup, stride = geometry.Stride, block = _block;
        int segment = geometry.Segment, perRow = geometry.TilesPerRow, columns = geometry.Columns;
        int outWidth = problem.OutputWidth, lanes = TSimd.Count;
        nint plane = problem.OutputPlaneLength, transformedStride = WinogradBlocking.ElementStride(channels, stride), productStride = WinogradBlocking.ElementStride(block, stride);
        nint phaseStride = WinogradPhaseWeights.Elements * productStride;
        int groupFirst = tile.Group * perGroup;
        int blocksPerGroup = WinogradWeights.PackedPerGroup(perGroup, block) / block;
        int firstRow = first / perRow, lastRow = (end - 1) / perRow;
        float* scratch = stackalloc float[per * per * lanes];
        var output = new ActivatedOutput<TSimd, TVector, TActivation>(activation);

        for (int c = 0; c < channels; c++)
        {
            float* channel = pointers.Packed + (nint)c * 3 * geometry.Third;
            float* target = pointers.Transformed + (nint)c * stride - first;
            for (int row = firstRow; row <= lastRow; row++)
            {
                int rowStart = row * perRow, from = Math.Max(0, first - rowStart), to = Math.Min(perRow, end - rowStart);
                float* rows = channel + (nint)(3 * row) * geometry.RowFloats;
                for (int t = from; t < to; t += segment)
                    TTransform.Input<TTransformSimd, TVector>(ref rows[t], geometry.RowFloats, geometry.Third, segment, ref target[rowStart + t], transformedStride);
            }
        }
        int used = (end - first + columns - 1) / columns * columns;
        for (int oc = tile.OutChannelStart; oc < tile.OutChannelEnd; oc += block)
        {
            int local = oc - groupFirst, width = Math.Min(block, tile.OutChannelEnd - oc);
            for (int ph = 0; ph < WinogradPhaseWeights.Phases; ph++)
            {
                float* u = pointers.Weights + (nint)((tile.Group * WinogradPhaseWeights.Phases + ph) * blocksPerGroup + local / block) * WinogradPhaseWeights.Elements * channels * block;
                for (int e = 0; e < WinogradPhaseWeights.Elements; e++)
                {
                    WinogradBlocking.Multiply<TSimd, TVector>(u + (nint)e * channels * block, pointers.Transformed + e * transformedStride, stride, channels,
                        pointers.Products + ph * phaseStride + e * productStride, used, columns, block);
                }
            }
            float* bias = pointers.Bias + tile.Group * (nint)blocksPerGroup * block + local;
            for (int ch = 0; ch < width; ch++)
            {
                float* plane0 = pointers.Output + (oc + ch) * plane;
                float* products = pointers.Products + (nint)ch * stride - first;
                for (int row = firstRow; row <= lastRow; row++)
                {
                    int rowStart = row * perRow, from = Math.Max(0, first - rowStart), to = Math.Min(perRow, end - rowStart);
                    int oy0 = per * (bandFirstTileRow + row) - 1;
                    int rFrom = Math.Max(0, tile.RowStart - oy0), rTo = Math.Min(per, tile.RowEnd - oy0);
                    for (int t = from; t < to; t += lanes)
                    {
                        float* m = products + rowStart + t;
                        // Sigmoid, tanh and SiLU are applied to the scratch after the transform, as the GEMM kernels' stores do
                        // (ActivatedOutput); the others in registers.
                        if (ActivatedOutput<TSimd, TVector, TActivation>.AppliedAfterStores)
                            TTransform.Output<TTransformSimd, TVector, Identity>(ref *m, productStride, phaseStride, ref bias[ch], ref *scratch, default);
                        else
                            TTransform.Output<TTransformSimd, TVector, TActivation>(ref *m, productStride, phaseStride, ref bias[ch], ref *scratch, activation);
                        output.Complete(scratch, 0, 1, per * per * lanes);
                        int count = Math.Min(lanes, to - t);
                        for (int r = rFrom; r < rTo; r++)
                            WinogradPhaseTransforms.Scatter(scratch + r * per * lanes, lanes, count, plane0 + (nint)(oy0 + r) * outWidth, t, outWidth);
                    }
                }
            }
        }
    }

    /// <summary>What the strips of one tile share.</summary>
    private readonly struct Geometry(ConvTranspose2dProblem problem, ConvTranspose2dTile tile, int segment, int columns, int tilesPerRow,
        int strip, int third, nint rowFloats)
    {
        public ConvTranspose2dProblem Problem { get; } = problem;
        public ConvTranspose2dTile Tile { get; } = tile;

        /// <summary>The tiles one input transform call covers (<see cref="WinogradBlocking.Segment"/>).</summary>
        public int Segment { get; } = segment;

        /// <summary>The tiles of one GEMM call.</summary>
        public int Columns { get; } = columns;

        /// <summary>The tiles of a tile row: <c>(Wout + 6) / 6</c>.</summary>
        public int TilesPerRow { get; } = tilesPerRow;

        /// <summary>The tiles of a full strip: whole GEMM column blocks.</summary>
        public int Strip { get; } = strip;

        /// <summary>Floats between the rows of V and M: the strip and the segment a row's last call may run past it.</summary>
        public int Stride => Strip + Segment;

        /// <summary>The floats of each of a packed row's three streams: the tiles, a segment and one more.</summary>
        public int Third { get; } = third;

        /// <summary>Floats between packed rows: every channel's three streams.</summary>
        public nint RowFloats { get; } = rowFloats;
    }

    /// <summary>The pinned buffers.</summary>
    private readonly struct Pointers(float* packed, float* transformed, float* products, float* weights, float* bias, float* output)
    {
        public float* Packed { get; } = packed;
        public float* Transformed { get; } = transformed;
        public float* Products { get; } = products;
        public float* Weights { get; } = weights;
        public float* Bias { get; } = bias;
        public float* Output { get; } = output;
    }
}
