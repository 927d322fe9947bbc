using System;
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
/// multiplications per channel pair instead of 36. A run is cut into ranges of tiles (<see cref="WinogradTileRange"/>); a range is computed in bands of tile rows (two output rows each) whose
/// input rows are packed once, zero-padded and split into even and odd columns (<see cref="IWinogradTileTransform"/>: the runtime's
/// <see cref="WinogradTransforms"/>, or a generated kernel's unrolled one). The band's
/// tiles, in raster order, form strips of whole GEMM column blocks, sized to keep the transformed data in the L2 cache; a
/// strip may span tile rows, so narrow rows leave no lanes empty and the weights serve many tiles per pass. Per strip: the
/// input transform of every channel into <c>V[16][Cin][strip]</c>, then per register block of output channels the 16 GEMMs
/// over the input channels into <c>M[16][block][strip]</c> (in L1) and the output transform plus bias, stored as whole
/// output rows where they fit and through a scratch, clipped, at row, strip and output ends.
/// </summary>
internal sealed unsafe class WinogradTiles<TTransform> : WinogradDriver
    where TTransform : struct, IWinogradTileTransform
{
    private readonly float[] _weights;
    private readonly float[] _bias;

    /// <param name="kernel">The kernel, whose options <see cref="WinogradTiles.Supports"/>.</param>
    /// <param name="weight">PyTorch's <c>(Cin, Cout/groups, 3, 3)</c> weights.</param>
    /// <param name="bias">The bias, or empty.</param>
    /// <param name="inChannels">Cin.</param>
    /// <param name="outChannels">Cout.</param>
    /// <param name="level">The width to run, which must run on this machine (<see cref="SimdPath.Runs"/>).</param>
    public WinogradTiles(ConvTranspose2d kernel, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels, SimdLevel level)
        : base(kernel, inChannels, outChannels, level)
    {
        if (!WinogradTiles.Supports(kernel.Options))
            throw new ArgumentException("The Winograd kernel needs kernel 3, stride 1, dilation 1 and padding 0 to 2 in both axes.", nameof(kernel));
        int groups = kernel.Options.Groups;
        _weights = WinogradWeights.Pack<TTransform>(weight, inChannels, outChannels, groups, Block);
        _bias = PaddedBias.Pack(bias, outChannels, groups, WinogradWeights.PackedPerGroup(outChannels / groups, Block));
    }

    /// <summary>Even and odd columns.</summary>
    private protected override int Streams => 2;

    /// <summary>Three taps: a band of tile rows reads two packed rows past its own.</summary>
    private protected override int ExtraRows => 2;

    private protected override int ProductElements => WinogradWeights.Elements;

    /// <summary>Tile <c>T</c> covers outputs <c>2T, 2T + 1</c> of an axis.</summary>
    private protected override (int TilesPerRow, int TileRows) Grid(ConvTranspose2dProblem problem) =>
        ((problem.OutputWidth + 1) / 2, (problem.OutputHeight + 1) / 2);

    /// <summary>Copies padded rows <c>[firstRow, firstRow + rowCount)</c> of the group's channels into
    /// <c>[row][channel][E (half) | O (half)]</c>: padded row <c>R</c>, column <c>X</c> is input row <c>R - qH</c>, column
    /// <c>X - qW</c>, zero outside the input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private protected override void PackBand(float* input, ConvTranspose2dProblem problem, int group, int firstRow, int rowCount, int streamLength, float* band)
    {
        int half = streamLength;
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
    /// tile row <c>q / TilesPerRow</c>), for the group's channels. Tile <c>q</c> is column <c>q - first</c> of V and M, so rows
    /// follow each other without empty lanes; each row is transformed in segments of one vector from its first tile in the
    /// strip, and the lanes a row's last segment computes past its end are overwritten by the next row's first segment
    /// (or lie in the slack past the strip) and never stored.</summary>
    [SkipLocalsInit] // the scratch is written before it is read
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private protected override void RunStrip<TSimd, TTransformSimd, TVector, TActivation>(in WinogradGeometry geometry, in WinogradBuffers buffers,
        int bandFirstTileRow, int first, int end, TActivation activation)
    {
        fixed (float* weights = _weights)
        fixed (float* biases = _bias)
        {
            var problem = geometry.Problem;
            int channels = problem.InChannelsPerGroup, perGroup = problem.OutChannelsPerGroup, stride = geometry.Stride, block = Block;
            int segment = geometry.Segment, perRow = geometry.TilesPerRow, columns = geometry.Columns;
            int outWidth = problem.OutputWidth, lanes = TSimd.Count;
            nint plane = problem.OutputPlaneLength, transformedStride = WinogradBlocking.ElementStride(channels, stride), productStride = WinogradBlocking.ElementStride(block, stride);
            int group = geometry.Group, groupFirst = group * perGroup;
            int blocksPerGroup = WinogradWeights.PackedPerGroup(perGroup, block) / block;
            int firstRow = first / perRow, lastRow = (end - 1) / perRow;
            float* scratch = stackalloc float[4 * lanes];

            for (int c = 0; c < channels; c++)
            {
                float* channel = buffers.Packed + (nint)c * 2 * geometry.StreamLength;
                float* target = buffers.Transformed + (nint)c * stride - first;
                for (int row = firstRow; row <= lastRow; row++)
                {
                    int rowStart = row * perRow, from = Math.Max(0, first - rowStart), to = Math.Min(perRow, end - rowStart);
                    float* rows = channel + (nint)(2 * row) * geometry.RowFloats;
                    for (int t = from; t < to; t += segment)
                        TTransform.Input<TTransformSimd, TVector>(ref rows[t], geometry.RowFloats, geometry.StreamLength, segment, ref target[rowStart + t], transformedStride);
                }
            }
            int used = (end - first + columns - 1) / columns * columns;
            for (int local = 0; local < perGroup; local += block)
            {
                int oc = groupFirst + local, width = Math.Min(block, perGroup - local);
                float* u = weights + (nint)(group * blocksPerGroup + local / block) * WinogradWeights.Elements * channels * block;
                for (int e = 0; e < WinogradWeights.Elements; e++)
                {
                    WinogradBlocking.Multiply<TSimd, TVector>(u + (nint)e * channels * block, buffers.Transformed + e * transformedStride, stride, channels,
                        buffers.Products + e * productStride, used, columns, block);
                }
                float* bias = biases + group * (nint)blocksPerGroup * block + local;
                for (int ch = 0; ch < width; ch++)
                {
                    float* plane0 = buffers.Output + (oc + ch) * plane;
                    float* products = buffers.Products + (nint)ch * stride - first;
                    for (int row = firstRow; row <= lastRow; row++)
                    {
                        int rowStart = row * perRow, from = Math.Max(0, first - rowStart), to = Math.Min(perRow, end - rowStart);
                        int oy = 2 * (bandFirstTileRow + row);
                        bool secondRow = oy + 1 < problem.OutputHeight;
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
    }
}
