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
    private const int Columns = GemmMicroKernels.Columns;

    private readonly float[] _weights;
    private readonly float[] _bias;
    private readonly int _paddedRows;
    private readonly bool _useVectors;

    public GemmCol2ImPrepared(ConvTranspose2d kernel, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels, bool useVectors)
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
        _useVectors = useVectors;
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
        // All the pixels if they fit beside the tile's rows of A; else as many whole panels as fit (at least MinChunkPixels),
        // and as many blocks of A as fit beside them.
        int chunkPixels = blockRows * totalPixels <= ColumnsFloats ? totalPixels
            : (int)Math.Min(totalPixels, Math.Max(MinChunkPixels, ColumnsFloats / blockRows / Columns * Columns));
        int chunkBlocks = (int)Math.Clamp(ColumnsFloats / ((long)Rows * chunkPixels), 1, endBlock - firstBlock);
        int channels = problem.InChannelsPerGroup;
        float[] columns = ArrayPool<float>.Shared.Rent(chunkBlocks * Rows * chunkPixels);
        float[] panel = ArrayPool<float>.Shared.Rent(checked(channels * Columns + Rows * Columns));
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
                        Multiply(groupWeights, block, blockEnd, groupInput + pixel, problem.InputPlaneLength, channels, c, pixels, p);
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

    /// <summary><c>c[(block - firstBlock)*6 + r][n] = sum_k A[block*6 + r][k] * b[k*ldb + n]</c> for n &lt; pixels.</summary>
    private void Multiply(float* a, int firstBlock, int endBlock, float* b, nint ldb, int k, float* c, int pixels, float* panel)
    {
        int blocksPerChunk = Math.Max(1, WeightChunkFloats / (Rows * Math.Max(1, k)));
        float* tailB = panel, tailC = panel + (nint)k * Columns;
        for (int chunk = firstBlock; chunk < endBlock; chunk += blocksPerChunk)
        {
            int chunkEnd = Math.Min(endBlock, chunk + blocksPerChunk);
            for (int n = 0; n < pixels; n += Columns)
            {
                int valid = Math.Min(Columns, pixels - n);
                if (!_useVectors)
                {
                    for (int block = chunk; block < chunkEnd; block++)
                        GemmMicroKernels.Multiply6xNPortable(a + (nint)block * Rows * k, b + n, ldb, k, c + (nint)(block - firstBlock) * Rows * pixels + n, pixels, valid);
                    continue;
                }
                if (valid == Columns)
                {
                    for (int block = chunk; block < chunkEnd; block++)
                        GemmMicroKernels.Multiply6x16(a + (nint)block * Rows * k, b + n, ldb, k, c + (nint)(block - firstBlock) * Rows * pixels + n, pixels);
                    continue;
                }
                // The last, narrow panel: copy it zero-padded to 16 columns so that the vector loads stay in bounds.
                for (int p = 0; p < k; p++)
                {
                    var source = new ReadOnlySpan<float>(b + p * ldb + n, valid);
                    var target = new Span<float>(tailB + p * Columns, Columns);
                    source.CopyTo(target);
                    target.Slice(valid).Clear();
                }
                for (int block = chunk; block < chunkEnd; block++)
                {
                    GemmMicroKernels.Multiply6x16(a + (nint)block * Rows * k, tailB, Columns, k, tailC, Columns);
                    for (int r = 0; r < Rows; r++)
                        new ReadOnlySpan<float>(tailC + r * Columns, valid).CopyTo(new Span<float>(c + ((nint)(block - firstBlock) * Rows + r) * pixels + n, valid));
                }
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
        if (_useVectors)
        {
            for (; i + Vector256<float>.Count <= count; i += Vector256<float>.Count)
                Vector256.Store(Vector256.Load(target + i) + Vector256.Load(source + i), target + i);
        }
        for (; i < count; i++)
            target[i] += source[i];
    }
}
