using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace TConvGen;

/// <summary>
/// Winograd's F(2x2, 3x3) for kernel 3 x 3, stride 1, dilation 1, padding 0 to 2 (<see cref="Supports"/>). At stride 1 the
/// transposed convolution is a correlation of the input, zero-padded by <c>q = 2 - p</c> per side, with the flipped kernel
/// (<see cref="WinogradWeights"/>), so each 2 x 2 block of outputs comes from a 4 x 4 block of the padded input with 16
/// multiplications per channel pair instead of 36. A tile is computed by tile rows (two output rows) in bands whose input
/// rows are packed once, zero-padded and split into even and odd columns (<see cref="WinogradTransforms"/>); each tile row
/// in strips of tiles that keep the transformed data in the L2 cache: the input transform of every channel into
/// <c>V[16][Cin][strip]</c>, then per register block of output channels the 16 GEMMs over the input channels into
/// <c>M[16][block][strip]</c> (in L1) and the output transform plus bias, stored as whole output rows where they fit and
/// through a scratch, clipped, at the right and bottom edges.
/// </summary>
internal sealed unsafe class WinogradTiles : TiledPreparedConvTranspose2d
{
    /// <summary>The packed input rows of a band, in floats (half the L2 cache).</summary>
    private const int BandBufferFloats = 1 << 17;

    /// <summary>The transformed input of a strip, <c>V</c>, in floats: a strip holds as many micro-kernel column blocks as
    /// keep it within this (128 KB), and at least one.</summary>
    private const int TransformedFloats = 1 << 15;

    /// <summary>The tiles of a strip in the portable code (its GEMM takes up to <see cref="GemmMicroKernels.PortableColumns"/>).</summary>
    private const int PortableStrip = 8;

    private readonly float[] _weights;
    private readonly float[] _bias;
    private readonly SimdLevel _level;
    private readonly int _block;

    /// <param name="kernel">The kernel, whose options <see cref="Supports"/>.</param>
    /// <param name="weight">PyTorch's <c>(Cin, Cout/groups, 3, 3)</c> weights.</param>
    /// <param name="bias">The bias, or empty.</param>
    /// <param name="inChannels">Cin.</param>
    /// <param name="outChannels">Cout.</param>
    /// <param name="level">The width to run, which must run on this machine (<see cref="SimdPath.Runs"/>).</param>
    public WinogradTiles(ConvTranspose2d kernel, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels, SimdLevel level)
        : base(kernel, inChannels, outChannels, BlockFor(level), 2)
    {
        if (!Supports(kernel.Options))
            throw new ArgumentException("The Winograd kernel needs kernel 3, stride 1, dilation 1 and padding 0 to 2 in both axes.", nameof(kernel));
        _level = SimdPath.Runs(level) ? level : throw new ArgumentOutOfRangeException(nameof(level), level, "This machine does not run that width.");
        _block = BlockFor(level);
        int groups = kernel.Options.Groups;
        _weights = WinogradWeights.Pack(weight, inChannels, outChannels, groups, _block);
        _bias = PaddedBias.Pack(bias, outChannels, groups, WinogradWeights.PackedPerGroup(outChannels / groups, _block));
    }

    /// <summary>Whether the options are the case this kernel computes: kernel 3 x 3, stride 1, dilation 1, padding 0 to 2
    /// (and so no output padding).</summary>
    public static bool Supports(ConvTranspose2dOptions options) =>
        options is { KernelHeight: 3, KernelWidth: 3, StrideHeight: 1, StrideWidth: 1, DilationHeight: 1, DilationWidth: 1,
            OutputPaddingHeight: 0, OutputPaddingWidth: 0 }
        && (uint)options.PaddingHeight <= 2 && (uint)options.PaddingWidth <= 2;

    /// <summary>The output channels of a register block: eight with 32 vector registers, else six (and six in the portable code,
    /// which shares <see cref="GemmMicroKernels"/>' portable GEMM).</summary>
    private static int BlockFor(SimdLevel level) =>
        level != SimdLevel.Portable && SimdPath.VectorRegisters >= 32 ? WinogradMicroKernels.Rows : GemmMicroKernels.Rows;

    /// <summary>The width a run uses: the prepared one, or a narrower one while a tile row would leave more than half of one
    /// GEMM column block (two vectors of tiles) empty, where the narrower block wastes less and costs no more.</summary>
    private SimdLevel RunLevel(int tilesPerRow)
    {
        var level = _level;
        while (level > SimdLevel.Vector128 && 2 * level.FloatsPerVector() >= 2 * tilesPerRow && SimdPath.Runs(level - 1))
            level--;
        return level;
    }

    protected override void RunTile(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, ConvTranspose2dTile tile)
    {
        int tilesPerRow = (problem.OutputWidth + 1) / 2;
        var level = RunLevel(tilesPerRow);
        int columns = level == SimdLevel.Portable ? PortableStrip : 2 * level.FloatsPerVector();
        int channels = problem.InChannelsPerGroup;
        int blocksPerRow = (tilesPerRow + columns - 1) / columns;
        int strip = columns * Math.Clamp(TransformedFloats / (WinogradWeights.Elements * channels * columns), 1, blocksPerRow);
        int strips = (tilesPerRow + strip - 1) / strip;
        // Even and odd columns of a padded row: tile t reads E[t], E[t+1], O[t], O[t+1], so one column more than the tiles.
        int half = checked(strips * strip + 1);
        long rowFloats = 2L * channels * half;
        int firstTileRow = tile.RowStart / 2, endTileRow = (tile.RowEnd + 1) / 2;
        int bandTileRows = (int)Math.Clamp((BandBufferFloats / rowFloats - 2) / 2, 1, endTileRow - firstTileRow);
        var geometry = new Geometry(problem, tile, strip, strips, half, (nint)rowFloats);

        float[] band = ArrayPool<float>.Shared.Rent(checked((int)((2L * bandTileRows + 2) * rowFloats)));
        float[] transformed = ArrayPool<float>.Shared.Rent(checked(WinogradWeights.Elements * channels * strip));
        float[] products = ArrayPool<float>.Shared.Rent(checked(WinogradWeights.Elements * _block * strip));
        try
        {
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
                    for (int tileRow = first; tileRow < end; tileRow++)
                    {
                        float* rows = packed + (nint)(2 * (tileRow - first)) * geometry.RowFloats;
                        switch (level)
                        {
                            case SimdLevel.Vector512: RunTileRow<Simd512, Vector512<float>>(in geometry, in pointers, rows, tileRow); break;
                            case SimdLevel.Vector256: RunTileRow<Simd256, Vector256<float>>(in geometry, in pointers, rows, tileRow); break;
                            case SimdLevel.Vector128: RunTileRow<Simd128, Vector128<float>>(in geometry, in pointers, rows, tileRow); break;
                            default: RunTileRow<WinogradPortable, float>(in geometry, in pointers, rows, tileRow); break;
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
                for (int j = interiorStart; j < interiorEnd; j++)
                {
                    even[j] = row[2 * j];
                    odd[j] = row[2 * j + 1];
                }
                for (int j = interiorEnd; j < half; j++)
                    Edge(row, j, width, shiftColumns, even, odd);
            }
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

    /// <summary>Output rows <c>2 tileRow</c> and <c>2 tileRow + 1</c> (the latter only inside the tile) of the tile's channels,
    /// strip by strip; <paramref name="rows"/> is the tile row's first padded row in the band.</summary>
    [SkipLocalsInit] // the scratch is written before it is read
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunTileRow<TSimd, TVector>(in Geometry geometry, in Pointers pointers, float* rows, int tileRow)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
    {
        var problem = geometry.Problem;
        var tile = geometry.Tile;
        int channels = problem.InChannelsPerGroup, perGroup = problem.OutChannelsPerGroup, strip = geometry.Strip, block = _block;
        int outWidth = problem.OutputWidth, lanes = TSimd.Count, columns = typeof(TVector) == typeof(float) ? PortableStrip : 2 * lanes;
        nint plane = problem.OutputPlaneLength, transformedStride = (nint)channels * strip, productStride = (nint)block * strip;
        int oy = 2 * tileRow;
        bool secondRow = oy + 1 < tile.RowEnd;
        int groupFirst = tile.Group * perGroup;
        int blocksPerGroup = WinogradWeights.PackedPerGroup(perGroup, block) / block;
        float* scratch = stackalloc float[4 * lanes];
        for (int s = 0; s < geometry.Strips; s++)
        {
            int t0 = s * strip;
            for (int c = 0; c < channels; c++)
            {
                WinogradTransforms.Input<TSimd, TVector>(rows + (nint)c * 2 * geometry.Half + t0, geometry.RowFloats, geometry.Half, strip,
                    pointers.Transformed + (nint)c * strip, transformedStride);
            }
            for (int oc = tile.OutChannelStart; oc < tile.OutChannelEnd; oc += block)
            {
                int local = oc - groupFirst, width = Math.Min(block, tile.OutChannelEnd - oc);
                float* u = pointers.Weights + (nint)(tile.Group * blocksPerGroup + local / block) * WinogradWeights.Elements * channels * block;
                for (int e = 0; e < WinogradWeights.Elements; e++)
                {
                    float* a = u + (nint)e * channels * block, b = pointers.Transformed + e * transformedStride, m = pointers.Products + e * productStride;
                    for (int j = 0; j < strip; j += columns)
                    {
                        if (typeof(TVector) == typeof(float))
                            GemmMicroKernels.Multiply6xNPortable(a, b + j, strip, channels, m + j, strip, columns);
                        else if (block == WinogradMicroKernels.Rows)
                            WinogradMicroKernels.Multiply8x2<TSimd, TVector>(a, b + j, strip, channels, m + j, strip);
                        else
                            GemmMicroKernels.Multiply6x2<TSimd, TVector>(a, b + j, strip, channels, m + j, strip);
                    }
                }
                float* bias = pointers.Bias + tile.Group * (nint)blocksPerGroup * block + local;
                for (int ch = 0; ch < width; ch++)
                {
                    float* row0 = pointers.Output + (oc + ch) * plane + (nint)oy * outWidth;
                    for (int j = 0; j < strip; j += lanes)
                    {
                        int ox = 2 * (t0 + j);
                        if (ox >= outWidth)
                            break;
                        bool direct = secondRow && ox + 2 * lanes <= outWidth;
                        float* m = pointers.Products + (nint)ch * strip + j;
                        if (direct)
                        {
                            WinogradTransforms.Output<TSimd, TVector>(m, productStride, bias + ch, row0 + ox, row0 + outWidth + ox);
                            continue;
                        }
                        WinogradTransforms.Output<TSimd, TVector>(m, productStride, bias + ch, scratch, scratch + 2 * lanes);
                        int valid = Math.Min(2 * lanes, outWidth - ox);
                        new ReadOnlySpan<float>(scratch, valid).CopyTo(new Span<float>(row0 + ox, valid));
                        if (secondRow)
                            new ReadOnlySpan<float>(scratch + 2 * lanes, valid).CopyTo(new Span<float>(row0 + outWidth + ox, valid));
                    }
                }
            }
        }
    }

    /// <summary>What the tile rows of one tile share.</summary>
    private readonly struct Geometry(ConvTranspose2dProblem problem, ConvTranspose2dTile tile, int strip, int strips, int half, nint rowFloats)
    {
        public ConvTranspose2dProblem Problem { get; } = problem;
        public ConvTranspose2dTile Tile { get; } = tile;

        /// <summary>The tiles of a strip: a multiple of the GEMM's column block.</summary>
        public int Strip { get; } = strip;

        /// <summary>The strips of a tile row.</summary>
        public int Strips { get; } = strips;

        /// <summary>The even (and the odd) columns of a packed row: the strips' tiles plus one.</summary>
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
