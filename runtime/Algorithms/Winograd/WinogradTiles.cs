using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using TConvGen.CompilerServices;

namespace TConvGen;

/// <summary>The configurations <see cref="WinogradTiles{TTransform}"/> computes.</summary>
internal static class WinogradTiles
{
    /// <summary>Whether the options are the case F(2x2, 3x3) computes: kernel 3 x 3, stride 1, dilation 1, padding 0 to 2
    /// (and so no output padding), <see cref="WinogradAxes.IsTileAxis"/> in both axes.</summary>
    public static bool Supports(ConvTranspose2dOptions options) =>
        WinogradAxes.IsTileAxis(options.HeightAxis) && WinogradAxes.IsTileAxis(options.WidthAxis);
}

/// <summary>
/// Winograd's F(2x2, 3x3) for kernel 3 x 3, stride 1, dilation 1, padding 0 to 2 (<see cref="WinogradTiles.Supports"/>). At stride 1 the
/// transposed convolution is a correlation of the input, zero-padded by <c>q = 2 - p</c> per side, with the flipped kernel
/// (<see cref="WinogradWeights"/>), so each 2 x 2 block of outputs comes from a 4 x 4 block of the padded input with 16
/// multiplications per channel pair instead of 36. A tile is computed in bands of tile rows (two output rows each) whose
/// input rows are packed once, zero-padded and split into even and odd columns (<see cref="IWinogradTileTransform"/>: the runtime's
/// <see cref="WinogradTransforms"/>, or a generated kernel's unrolled one). The band's
/// tiles, in raster order, form strips of whole GEMM column blocks, sized to keep the transformed data in the L2 cache; a
/// strip may span tile rows, so narrow rows leave no lanes empty and the weights serve many tiles per pass. Per strip: the
/// input transform of every channel into <c>V[16][Cin][strip]</c>, then per register block of output channels the 16 GEMMs
/// over the input channels into <c>M[16][block][strip]</c> (in L1) and the output transform plus bias, stored as whole
/// output rows where they fit and through a scratch, clipped, at row, strip and tile ends.
/// </summary>
internal sealed unsafe class WinogradTiles<TTransform> : TiledPreparedConvTranspose2d, IActivatedTileKernel
    where TTransform : struct, IWinogradTileTransform
{
    private readonly float[] _weights;
    private readonly float[] _bias;
    private readonly SimdLevel _level;
    private readonly int _block;

    /// <param name="kernel">The kernel, whose options <see cref="WinogradTiles.Supports"/>.</param>
    /// <param name="weight">PyTorch's <c>(Cin, Cout/groups, 3, 3)</c> weights.</param>
    /// <param name="bias">The bias, or empty.</param>
    /// <param name="inChannels">Cin.</param>
    /// <param name="outChannels">Cout.</param>
    /// <param name="level">The width to run, which must run on this machine (<see cref="SimdPath.Runs"/>).</param>
    public WinogradTiles(ConvTranspose2d kernel, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels, SimdLevel level)
        : base(kernel, inChannels, outChannels, WinogradBlocking.ChannelChunk(kernel.Options, outChannels, level), TileRowsPerThreadTile)
    {
        if (!WinogradTiles.Supports(kernel.Options))
            throw new ArgumentException("The Winograd kernel needs kernel 3, stride 1, dilation 1 and padding 0 to 2 in both axes.", nameof(kernel));
        _level = SimdPath.Runs(level) ? level : throw new ArgumentOutOfRangeException(nameof(level), level, "This machine does not run that width.");
        _block = WinogradBlocking.BlockFor(level);
        int groups = kernel.Options.Groups;
        _weights = WinogradWeights.Pack<TTransform>(weight, inChannels, outChannels, groups, _block);
        _bias = PaddedBias.Pack(bias, outChannels, groups, WinogradWeights.PackedPerGroup(outChannels / groups, _block));
    }

    /// <summary>Threads get bands of at least this many output rows: every tile packs and transforms its own input rows, and
    /// its strips need many tiles to fill the GEMM's column blocks.</summary>
    private const int TileRowsPerThreadTile = 8;

    /// <summary>The GEMMs write products (M), never outputs; each output is written once, by the output transform, which activates it.</summary>
    protected override bool AppliesActivation => true;

    protected override void RunTile(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, ConvTranspose2dTile tile) =>
        ActivatedTile.Run(this, input, output, problem, tile);

    public void RunTile<TActivation>(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, ConvTranspose2dTile tile, TActivation activation)
        where TActivation : struct, IActivationFunction
    {
        int tilesPerRow = (problem.OutputWidth + 1) / 2;
        // The prepared width, however narrow the rows: the strips keep the GEMM's lanes full, and only the input transform of
        // a row's last segment computes lanes past it.
        var level = _level;
        int segment = WinogradBlocking.Segment(level), columns = WinogradBlocking.Columns(level, _block);
        int channels = problem.InChannelsPerGroup;
        // Even and odd columns of a padded row: a segment may start at any tile and reads E[t .. t+segment] and O[t .. t+segment].
        int half = checked(tilesPerRow + segment + 1);
        long rowFloats = 2L * channels * half;
        int firstTileRow = tile.RowStart / 2, endTileRow = (tile.RowEnd + 1) / 2;
        int bandTileRows = WinogradBlocking.BandTileRows(rowFloats, 2, 2, endTileRow - firstTileRow);
        int strip = WinogradBlocking.Strip(bandTileRows, tilesPerRow, columns, channels);
        var geometry = new Geometry(problem, tile, segment, columns, tilesPerRow, strip, half, (nint)rowFloats);

        float[] band = ArrayPool<float>.Shared.Rent(checked((int)((2L * bandTileRows + 2) * rowFloats)));
        float[] transformed = ArrayPool<float>.Shared.Rent(checked(WinogradWeights.Elements * WinogradBlocking.ElementStride(channels, geometry.Stride)));
        float[] products = ArrayPool<float>.Shared.Rent(checked(WinogradWeights.Elements * WinogradBlocking.ElementStride(_block, geometry.Stride)));
        try
        {
            // The GEMM's last column block may take columns no tile of the strip wrote: cleared once, they are never NaN.
            transformed.AsSpan(0, WinogradWeights.Elements * WinogradBlocking.ElementStride(channels, geometry.Stride)).Clear();
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
                    PackBand(source, problem, tile.Group, 2 * first, 2 * (end - first) + 2, half, packed);
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
    /// <c>[row][channel][E (half) | O (half)]</c>: padded row <c>R</c>, column <c>X</c> is input row <c>R - qH</c>, column
    /// <c>X - qW</c>, zero outside the input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PackBand(float* input, ConvTranspose2dProblem problem, int group, int firstRow, int rowCount, int half, float* band)
    {
        int channels = problem.InChannelsPerGroup, width = problem.InputWidth, height = problem.InputHeight;
        int shiftRows = 2 - Options.PaddingHeight, shiftColumns = 2 - Options.PaddingWidth;
        // Even padded column 2j is input column 2j - qW: the interior j (both columns inside the input) needs no test.
        int interiorStart = (shiftColumns + 1) / 2, interiorEnd = Math.Max(interiorStart, Math.Min(half, (width + shiftColumns) / 2));
        for (int r = 0; r < rowCount; r++)
        {
            int iy = firstRow + r - shiftRows;
            for (int c = 0; c < channels; c++)
            {
                float* even = band + ((nint)r * channels + c) * 2 * half, odd = even + half;
                if ((uint)iy >= (uint)height)
                {
                    new Span<float>(even, 2 * half).Clear();
                    continue;
                }
                float* row = input + ((nint)group * channels + c) * problem.InputPlaneLength + (nint)iy * width - shiftColumns;
                for (int j = 0; j < interiorStart; j++)
                    Edge(row, j, width, shiftColumns, even, odd);
                Split(row, interiorStart, interiorEnd, even, odd);
                for (int j = interiorEnd; j < half; j++)
                    Edge(row, j, width, shiftColumns, even, odd);
            }
        }
    }

    /// <summary>Column pairs <c>[start, end)</c> inside the input: <c>even[j] = row[2j]</c>, <c>odd[j] = row[2j+1]</c>, a vector
    /// pair at a time where the hardware has the two-source shuffles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Split(float* row, int start, int end, float* even, float* odd)
    {
        int j = start;
        if (Avx512F.IsSupported)
        {
            var evens = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
            var odds = Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
            for (; j + 16 <= end; j += 16)
            {
                var low = Vector512.Load(row + 2 * j);
                var high = Vector512.Load(row + 2 * j + 16);
                Avx512F.PermuteVar16x32x2(low, evens, high).Store(even + j);
                Avx512F.PermuteVar16x32x2(low, odds, high).Store(odd + j);
            }
        }
        else if (Avx2.IsSupported)
        {
            for (; j + 8 <= end; j += 8)
            {
                var low = Vector256.Load(row + 2 * j);
                var high = Vector256.Load(row + 2 * j + 8);
                // Per 128-bit half [l0 l2 h0 h2], then the 64-bit pairs in order: [l0 l2 l4 l6 h0 h2 h4 h6].
                var e = Avx.Shuffle(low, high, 0b10_00_10_00).AsDouble();
                var o = Avx.Shuffle(low, high, 0b11_01_11_01).AsDouble();
                Avx2.Permute4x64(e, 0b11_01_10_00).AsSingle().Store(even + j);
                Avx2.Permute4x64(o, 0b11_01_10_00).AsSingle().Store(odd + j);
            }
        }
        for (; j < end; j++)
        {
            even[j] = row[2 * j];
            odd[j] = row[2 * j + 1];
        }
    }

    /// <summary>Column pair <paramref name="j"/> at an edge: each of padded columns 2j and 2j+1 from the input, or zero.
    /// <paramref name="row"/> points at padded column 0 (it is only read inside the input).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Edge(float* row, int j, int width, int shift, float* even, float* odd)
    {
        even[j] = (uint)(2 * j - shift) < (uint)width ? row[2 * j] : 0f;
        odd[j] = (uint)(2 * j + 1 - shift) < (uint)width ? row[2 * j + 1] : 0f;
    }

    /// <summary>The band's tiles <c>[first, end)</c> in raster order (tile <c>q</c> is tile <c>q % TilesPerRow</c> of the band's
    /// tile row <c>q / TilesPerRow</c>), for the tile's channels. Tile <c>q</c> is column <c>q - first</c> of V and M, so rows
    /// follow each other without empty lanes; each row is transformed in segments of one vector from its first tile in the
    /// strip, and the lanes a row's last segment computes past its end are overwritten by the next row's first segment
    /// (or lie in the slack past the strip) and never stored.</summary>
    [SkipLocalsInit] // the scratch is written before it is read
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunStrip<TSimd, TTransformSimd, TVector, TActivation>(in Geometry geometry, in Pointers pointers, int bandFirstTileRow, int first, int end, TActivation activation)
        where TSimd : struct, ISimd<TVector>
        where TTransformSimd : struct, IGeneratedKernelSimd<TVector>
        where TVector : struct
        where TActivation : struct, IActivationFunction
    {
        var problem = geometry.Problem;
        var tile = geometry.Tile;
        int channels = problem.InChannelsPerGroup, perGroup = problem.OutChannelsPerGroup, stride = geometry.Stride, block = _block;
        int segment = geometry.Segment, perRow = geometry.TilesPerRow, columns = geometry.Columns;
        int outWidth = problem.OutputWidth, lanes = TSimd.Count;
        nint plane = problem.OutputPlaneLength, transformedStride = WinogradBlocking.ElementStride(channels, stride), productStride = WinogradBlocking.ElementStride(block, stride);
        int groupFirst = tile.Group * perGroup;
        int blocksPerGroup = WinogradWeights.PackedPerGroup(perGroup, block) / block;
        int firstRow = first / perRow, lastRow = (end - 1) / perRow;
        float* scratch = stackalloc float[4 * lanes];

        for (int c = 0; c < channels; c++)
        {
            float* channel = pointers.Packed + (nint)c * 2 * geometry.Half;
            float* target = pointers.Transformed + (nint)c * stride - first;
            for (int row = firstRow; row <= lastRow; row++)
            {
                int rowStart = row * perRow, from = Math.Max(0, first - rowStart), to = Math.Min(perRow, end - rowStart);
                float* rows = channel + (nint)(2 * row) * geometry.RowFloats;
                for (int t = from; t < to; t += segment)
                    TTransform.Input<TTransformSimd, TVector>(ref rows[t], geometry.RowFloats, geometry.Half, segment, ref target[rowStart + t], transformedStride);
            }
        }
        int used = (end - first + columns - 1) / columns * columns;
        for (int oc = tile.OutChannelStart; oc < tile.OutChannelEnd; oc += block)
        {
            int local = oc - groupFirst, width = Math.Min(block, tile.OutChannelEnd - oc);
            float* u = pointers.Weights + (nint)(tile.Group * blocksPerGroup + local / block) * WinogradWeights.Elements * channels * block;
            for (int e = 0; e < WinogradWeights.Elements; e++)
            {
                WinogradBlocking.Multiply<TSimd, TVector>(u + (nint)e * channels * block, pointers.Transformed + e * transformedStride, stride, channels,
                    pointers.Products + e * productStride, used, columns, block);
            }
            float* bias = pointers.Bias + tile.Group * (nint)blocksPerGroup * block + local;
            for (int ch = 0; ch < width; ch++)
            {
                float* plane0 = pointers.Output + (oc + ch) * plane;
                float* products = pointers.Products + (nint)ch * stride - first;
                for (int row = firstRow; row <= lastRow; row++)
                {
                    int rowStart = row * perRow, from = Math.Max(0, first - rowStart), to = Math.Min(perRow, end - rowStart);
                    int oy = 2 * (bandFirstTileRow + row);
                    bool secondRow = oy + 1 < tile.RowEnd;
                    float* row0 = plane0 + (nint)oy * outWidth;
                    for (int t = from; t < to; t += lanes)
                    {
                        int ox = 2 * t, valid = Math.Min(2 * Math.Min(lanes, to - t), outWidth - ox);
                        float* m = products + rowStart + t;
                        if (secondRow && valid == 2 * lanes)
                        {
                            TTransform.Output<TTransformSimd, TVector, TActivation>(ref *m, productStride, ref bias[ch], ref row0[ox], ref row0[outWidth + ox], activation);
                            continue;
                        }
                        // The row's or the strip's last tiles: the lanes past them belong to other tiles or none.
                        TTransform.Output<TTransformSimd, TVector, TActivation>(ref *m, productStride, ref bias[ch], ref *scratch, ref scratch[2 * lanes], activation);
                        new ReadOnlySpan<float>(scratch, valid).CopyTo(new Span<float>(row0 + ox, valid));
                        if (secondRow)
                            new ReadOnlySpan<float>(scratch + 2 * lanes, valid).CopyTo(new Span<float>(row0 + outWidth + ox, valid));
                    }
                }
            }
        }
    }

    /// <summary>What the strips of one tile share.</summary>
    private readonly struct Geometry(ConvTranspose2dProblem problem, ConvTranspose2dTile tile, int segment, int columns, int tilesPerRow,
        int strip, int half, nint rowFloats)
    {
        public ConvTranspose2dProblem Problem { get; } = problem;
        public ConvTranspose2dTile Tile { get; } = tile;

        /// <summary>The tiles one input transform call covers (<see cref="WinogradBlocking.Segment"/>).</summary>
        public int Segment { get; } = segment;

        /// <summary>The tiles of one GEMM call (<see cref="WinogradBlocking.Columns"/>).</summary>
        public int Columns { get; } = columns;

        /// <summary>The tiles of a tile row: <c>ceil(Wout / 2)</c>.</summary>
        public int TilesPerRow { get; } = tilesPerRow;

        /// <summary>The tiles of a full strip: whole GEMM column blocks.</summary>
        public int Strip { get; } = strip;

        /// <summary>Floats between the rows of V and M: the strip and the segment a row's last call may run past it.</summary>
        public int Stride => Strip + Segment;

        /// <summary>The even (and the odd) columns of a packed row: the tiles, a segment and one more.</summary>
        public int Half { get; } = half;

        /// <summary>Floats between packed rows: every channel's even and odd columns.</summary>
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
