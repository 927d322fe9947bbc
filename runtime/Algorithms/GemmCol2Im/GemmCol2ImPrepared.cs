using System;
using System.Buffers;
using System.Runtime.Intrinsics;

namespace TConvGen;

/// <summary>
/// The prepared GEMM + col2im kernel. Per group, <c>A = W^T</c> is packed once as blocks of six rows
/// (<c>m = oc*kH*kW + ky*kW + kx</c>) by the input channels. A tile fills its output rows with the bias, then takes the
/// input pixels that reach them (whole rows, flattened) in chunks: <c>columns[m][pixel] = sum_ic A[m][ic] * X[ic][pixel]</c>
/// for the tile's channels, and scatter-adds each column into the tile's rows (col2im), clipped to the tile. The columns
/// buffer stays under <see cref="ColumnsFloats"/>: a chunk is as many pixels as fit beside the tile's rows of A, and when
/// even one panel of pixels does not (a kernel of tens of thousands of taps), the rows of A are taken in chunks too.
/// Outputs are sums built by scatter-adds, final only when the tile is: the activation is the base class's pass over each
/// finished tile (<see cref="TiledPreparedConvTranspose2d.AppliesActivation"/> stays false).
/// </summary>
internal sealed unsafe class GemmCol2ImPrepared : TiledPreparedConvTranspose2d
{
    /// <summary>The columns buffer of one chunk, in floats (1 MB, in the L2 cache while col2im reads it back).</summary>
    private const int ColumnsFloats = 1 << 18;

    /// <summary>The packed A a pass over the columns may span, in floats (kept in the L2 cache while B streams).</summary>
    private const int WeightChunkFloats = 1 << 15;

    /// <summary>The fewest pixels a chunk takes when not all fit, the rows of A being chunked instead: col2im then adds runs
    /// long enough to amortise its per-row work (one thread: 1->1 k1x12000 on 1x12000 106 ms with 16-pixel chunks, 33 ms with
    /// 128; 1024->512 8x8 k4s2p1 16.8 -> 12.6 ms; 64 and 256 between or slower).</summary>
    private const int MinChunkPixels = 128;

    private const int Rows = GemmMicroKernels.Rows;

    private readonly float[] _weights;
    private readonly float[] _bias;
    private readonly int _paddedRows;
    private readonly SimdLevel _level;

    /// <summary>Packs A for <paramref name="level"/>, which must run on this machine (<see cref="SimdPath.Runs"/>).</summary>
    public GemmCol2ImPrepared(ConvTranspose2d kernel, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels, SimdLevel level)
        : base(kernel, inChannels, outChannels, 1, 1)
    {
        var o = kernel.Options;
        int taps = o.KernelHeight * o.KernelWidth;
        int inPerGroup = inChannels / o.Groups, outPerGroup = outChannels / o.Groups;
        int rows = outPerGroup * taps;
        _paddedRows = checked((int)(((long)rows + Rows - 1) / Rows * Rows));
        _weights = new float[checked((long)o.Groups * _paddedRows * inPerGroup)];
        for (int g = 0; g < o.Groups; g++)
        for (int m = 0; m < rows; m++)
        for (int ic = 0; ic < inPerGroup; ic++)
        {
            int block = m / Rows;
            _weights[((long)g * _paddedRows + block * Rows) * inPerGroup + ic * Rows + m % Rows] =
                weight[((g * inPerGroup + ic) * outPerGroup + m / taps) * taps + m % taps];
        }
        _bias = PaddedBias.Unpadded(bias, outChannels);
        _level = SimdPath.Runs(level) ? level : throw new ArgumentOutOfRangeException(nameof(level), level, "This machine does not run that width.");
    }

    protected override void RunTile(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, ConvTranspose2dTile tile)
    {
        int taps = problem.KernelPlaneLength;
        int perGroup = problem.OutChannelsPerGroup;
        int groupFirst = tile.Group * perGroup;
        var (firstRow, lastRow) = TapReach.InputRows(problem, tile.RowStart, tile.RowEnd);
        if (lastRow < firstRow)
        {
            TapReach.FillBias(output, problem, tile, _bias);
            return;
        }

        // Every size is worked out and every buffer rented before the first write, so that nothing can fail after it.
        int mStart = (tile.OutChannelStart - groupFirst) * taps, mEnd = (tile.OutChannelEnd - groupFirst) * taps;
        int firstBlock = mStart / Rows;
        int endBlock = (int)(((long)mEnd + Rows - 1) / Rows);
        long blockRows = (long)(endBlock - firstBlock) * Rows;
        int firstPixel = firstRow * problem.InputWidth, endPixel = (lastRow + 1) * problem.InputWidth;
        int totalPixels = endPixel - firstPixel;
        var level = RunLevel(totalPixels);
        int panelColumns = GemmMicroKernels.Columns(level);
        // All the pixels if they fit beside the tile's rows of A; else as many whole panels as fit (at least MinChunkPixels),
        // and as many blocks of A as fit beside them.
        int chunkPixels = blockRows * totalPixels <= ColumnsFloats ? totalPixels
            : (int)Math.Min(totalPixels, Math.Max(MinChunkPixels, ColumnsFloats / blockRows / panelColumns * panelColumns));
        int chunkBlocks = (int)Math.Clamp(ColumnsFloats / ((long)Rows * chunkPixels), 1, endBlock - firstBlock);
        int channels = problem.InChannelsPerGroup;
        float[] columns = ArrayPool<float>.Shared.Rent(chunkBlocks * Rows * chunkPixels);
        float[] panel = ArrayPool<float>.Shared.Rent(checked(channels * panelColumns + Rows * panelColumns));
        try
        {
            TapReach.FillBias(output, problem, tile, _bias);
            fixed (float* x = input)
            fixed (float* y = output)
            fixed (float* a = _weights)
            fixed (float* c = columns)
            fixed (float* p = panel)
            {
                float* groupInput = x + (nint)tile.Group * channels * problem.InputPlaneLength;
                float* groupWeights = a + (nint)tile.Group * _paddedRows * channels;
                for (int pixel = firstPixel; pixel < endPixel; pixel += chunkPixels)
                {
                    int pixels = Math.Min(chunkPixels, endPixel - pixel);
                    for (int block = firstBlock; block < endBlock; block += chunkBlocks)
                    {
                        int blockEnd = Math.Min(endBlock, block + chunkBlocks);
                        float* blockInput = groupInput + pixel;
                        switch (level)
                        {
                            case SimdLevel.Vector512:
                                Multiply<Simd512, Vector512<float>>(groupWeights, block, blockEnd, blockInput, problem.InputPlaneLength, channels, c, pixels, p);
                                break;
                            case SimdLevel.Vector256:
                                Multiply<Simd256, Vector256<float>>(groupWeights, block, blockEnd, blockInput, problem.InputPlaneLength, channels, c, pixels, p);
                                break;
                            case SimdLevel.Vector128:
                                Multiply<Simd128, Vector128<float>>(groupWeights, block, blockEnd, blockInput, problem.InputPlaneLength, channels, c, pixels, p);
                                break;
                            default:
                                MultiplyPortable(groupWeights, block, blockEnd, blockInput, problem.InputPlaneLength, channels, c, pixels);
                                break;
                        }
                        ScatterAdd(c, pixel, pixels, block * Rows, Math.Max(mStart, block * Rows), Math.Min(mEnd, blockEnd * Rows), y, problem, tile);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(panel);
            ArrayPool<float>.Shared.Return(columns);
        }
    }

    /// <summary>The width a run over <paramref name="pixels"/> input pixels uses: the prepared one, or a narrower one where
    /// its panel (two vectors of pixels) would not be filled once. Measured on Zen 5, one thread, Vector512 against Vector256:
    /// 32->32 4x4 k3s1p1 (16 pixels) 27.9 against 19.4 us, 256->128 4x4 k4s2p1 223 against 182 us; from 32 pixels on
    /// Vector512 wins (48->40 6x6 k4s2p1 42.8 against 45.4 us, 64->64 8x8 k3s1p1 46 against 61 us).</summary>
    private SimdLevel RunLevel(int pixels)
    {
        var level = _level;
        while (level > SimdLevel.Vector128 && GemmMicroKernels.Columns(level) > pixels && SimdPath.Runs(level - 1))
            level--;
        return level;
    }

    /// <summary><c>c[(block - firstBlock)*6 + r][n] = sum_k A[block*6 + r][k] * b[k*ldb + n]</c> for n &lt; pixels.</summary>
    private static void Multiply<TSimd, TVector>(float* a, int firstBlock, int endBlock, float* b, nint ldb, int k, float* c, int pixels, float* panel)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
    {
        int columns = 2 * TSimd.Count;
        int blocksPerChunk = Math.Max(1, WeightChunkFloats / (Rows * Math.Max(1, k)));
        float* tailB = panel, tailC = panel + (nint)k * columns;
        for (int chunk = firstBlock; chunk < endBlock; chunk += blocksPerChunk)
        {
            int chunkEnd = Math.Min(endBlock, chunk + blocksPerChunk);
            for (int n = 0; n < pixels; n += columns)
            {
                int valid = Math.Min(columns, pixels - n);
                if (valid == columns)
                {
                    for (int block = chunk; block < chunkEnd; block++)
                        GemmMicroKernels.Multiply6x2<TSimd, TVector>(a + (nint)block * Rows * k, b + n, ldb, k, c + (nint)(block - firstBlock) * Rows * pixels + n, pixels);
                    continue;
                }
                // The last, narrow panel: copy it zero-padded to a whole panel so that the vector loads stay in bounds.
                for (int p = 0; p < k; p++)
                {
                    var source = new ReadOnlySpan<float>(b + p * ldb + n, valid);
                    var target = new Span<float>(tailB + p * columns, columns);
                    source.CopyTo(target);
                    target.Slice(valid).Clear();
                }
                for (int block = chunk; block < chunkEnd; block++)
                {
                    GemmMicroKernels.Multiply6x2<TSimd, TVector>(a + (nint)block * Rows * k, tailB, columns, k, tailC, columns);
                    for (int r = 0; r < Rows; r++)
                        new ReadOnlySpan<float>(tailC + r * columns, valid).CopyTo(new Span<float>(c + ((nint)(block - firstBlock) * Rows + r) * pixels + n, valid));
                }
            }
        }
    }

    /// <summary>The portable <see cref="Multiply{TSimd, TVector}"/>.</summary>
    private static void MultiplyPortable(float* a, int firstBlock, int endBlock, float* b, nint ldb, int k, float* c, int pixels)
    {
        const int Columns = GemmMicroKernels.PortableColumns;
        int blocksPerChunk = Math.Max(1, WeightChunkFloats / (Rows * Math.Max(1, k)));
        for (int chunk = firstBlock; chunk < endBlock; chunk += blocksPerChunk)
        {
            int chunkEnd = Math.Min(endBlock, chunk + blocksPerChunk);
            for (int n = 0; n < pixels; n += Columns)
            {
                int valid = Math.Min(Columns, pixels - n);
                for (int block = chunk; block < chunkEnd; block++)
                    GemmMicroKernels.Multiply6xNPortable(a + (nint)block * Rows * k, b + n, ldb, k, c + (nint)(block - firstBlock) * Rows * pixels + n, pixels, valid);
            }
        }
    }

    /// <summary>col2im: adds column <c>m = oc*kH*kW + ky*kW + kx</c> (row <c>m - columnsStart</c> of the buffer) of input
    /// pixels <c>[firstPixel, firstPixel + pixels)</c> of the plane, pixel <c>(iy, ix)</c>, to output
    /// <c>(oc, iy*sH - pH + ky*dH, ix*sW - pW + kx*dW)</c>, for <paramref name="mStart"/> &lt;= m &lt; <paramref name="mEnd"/>
    /// (the tile's channels) and the tile's rows only. Positions are worked out in 64 bits: a stride, padding or dilation
    /// near the int range must not wrap.</summary>
    private void ScatterAdd(float* columns, int firstPixel, int pixels, int columnsStart, int mStart, int mEnd, float* output,
        ConvTranspose2dProblem problem, ConvTranspose2dTile tile)
    {
        var o = Options;
        int taps = problem.KernelPlaneLength, width = problem.InputWidth, outWidth = problem.OutputWidth;
        int groupFirst = tile.Group * problem.OutChannelsPerGroup;
        int strideX = o.StrideWidth;
        int firstIy = firstPixel / width, lastIy = (firstPixel + pixels - 1) / width;
        for (int m = mStart; m < mEnd; m++)
        {
            int oc = groupFirst + m / taps, ky = m % taps / o.KernelWidth, kx = m % o.KernelWidth;
            float* plane = output + (nint)oc * problem.OutputPlaneLength;
            float* column = columns + (nint)(m - columnsStart) * pixels;
            long shift = (long)kx * o.DilationWidth - o.PaddingWidth;
            var (first, last) = TapReach.ReachingInputs(shift, strideX, width, outWidth);
            if (last < first)
                continue;
            for (int iy = firstIy; iy <= lastIy; iy++)
            {
                long oy = (long)iy * o.StrideHeight - o.PaddingHeight + (long)ky * o.DilationHeight;
                if (oy < tile.RowStart || oy >= tile.RowEnd)
                    continue;
                // This row's pixels inside the chunk, and among them the columns that reach the output.
                int rowPixel = iy * width;
                int start = Math.Max(first, firstPixel - rowPixel), end = Math.Min(last, firstPixel + pixels - 1 - rowPixel);
                if (end < start)
                    continue;
                float* source = column + (rowPixel + start - firstPixel);
                float* target = plane + (nint)oy * outWidth + (nint)(shift + (long)start * strideX);
                if (strideX == 1)
                    AddRow(source, target, end - start + 1);
                else
                {
                    for (int i = 0; i <= end - start; i++)
                        target[(nint)i * strideX] += source[i];
                }
            }
        }
    }

    /// <summary><c>target[i] += source[i]</c> for i &lt; count.</summary>
    private void AddRow(float* source, float* target, int count)
    {
        int i = 0;
        if (_level >= SimdLevel.Vector256)
        {
            for (; i + Vector256<float>.Count <= count; i += Vector256<float>.Count)
                Vector256.Store(Vector256.Load(target + i) + Vector256.Load(source + i), target + i);
        }
        else if (_level == SimdLevel.Vector128)
        {
            for (; i + Vector128<float>.Count <= count; i += Vector128<float>.Count)
                Vector128.Store(Vector128.Load(target + i) + Vector128.Load(source + i), target + i);
        }
        for (; i < count; i++)
            target[i] += source[i];
    }
}
