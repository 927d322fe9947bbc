using System;
using System.Buffers;
using System.Runtime.Intrinsics;

namespace TConvGen;

/// <summary>
/// The prepared GEMM + col2im kernel. Per group, <c>A = W^T</c> is packed once as blocks of six rows
/// (<c>m = oc*kH*kW + ky*kW + kx</c>) by the input channels. A tile fills its output rows with the bias, then takes the
/// input rows that reach them in chunks: <c>columns[m][pixel] = sum_ic A[m][ic] * X[ic][pixel]</c> for the tile's
/// channels, and scatter-adds each column into the tile's rows (col2im), clipped to the tile.
/// </summary>
internal sealed unsafe class GemmCol2ImPrepared : TiledPreparedConvTranspose2d
{
    /// <summary>The columns buffer of one chunk of input rows, in floats.</summary>
    private const int ColumnsFloats = 1 << 18;

    /// <summary>The packed A a pass over the columns may span, in floats (kept in the L2 cache while B streams).</summary>
    private const int WeightChunkFloats = 1 << 15;

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
        _paddedRows = (rows + Rows - 1) / Rows * Rows;
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
        var o = Options;
        int taps = problem.KernelPlaneLength;
        int perGroup = problem.OutChannelsPerGroup;
        int groupFirst = tile.Group * perGroup;
        TapReach.FillBias(output, problem, tile, _bias);
        var (firstRow, lastRow) = TapReach.InputRows(problem, tile.RowStart, tile.RowEnd);
        if (lastRow < firstRow)
            return;

        int firstBlock = (tile.OutChannelStart - groupFirst) * taps / Rows;
        int endBlock = ((tile.OutChannelEnd - groupFirst) * taps + Rows - 1) / Rows;
        int blockRows = (endBlock - firstBlock) * Rows;
        int chunkRows = (int)Math.Clamp(ColumnsFloats / ((long)blockRows * problem.InputWidth), 1, lastRow - firstRow + 1);
        int channels = problem.InChannelsPerGroup;
        float[] columns = ArrayPool<float>.Shared.Rent(checked(blockRows * chunkRows * problem.InputWidth));
        float[] panel = ArrayPool<float>.Shared.Rent(channels * Columns + Rows * Columns);
        try
        {
            fixed (float* x = input)
            fixed (float* y = output)
            fixed (float* a = _weights)
            fixed (float* c = columns)
            fixed (float* p = panel)
            {
                float* groupInput = x + (nint)tile.Group * channels * problem.InputPlaneLength;
                float* groupWeights = a + (nint)tile.Group * _paddedRows * channels;
                for (int row = firstRow; row <= lastRow; row += chunkRows)
                {
                    int rowCount = Math.Min(chunkRows, lastRow + 1 - row);
                    int pixels = rowCount * problem.InputWidth;
                    Multiply(groupWeights, firstBlock, endBlock, groupInput + (nint)row * problem.InputWidth, problem.InputPlaneLength, channels, c, pixels, p);
                    ScatterAdd(c, pixels, firstBlock, row, rowCount, y, problem, tile);
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

    /// <summary>col2im: adds column <c>m = oc*kH*kW + ky*kW + kx</c>, pixel <c>(iy, ix)</c> to output
    /// <c>(oc, iy*sH - pH + ky*dH, ix*sW - pW + kx*dW)</c>, for the tile's channels and rows only.</summary>
    private void ScatterAdd(float* columns, int pixels, int firstBlock, int firstRow, int rowCount, float* output,
        ConvTranspose2dProblem problem, ConvTranspose2dTile tile)
    {
        var o = Options;
        int taps = problem.KernelPlaneLength, width = problem.InputWidth, outWidth = problem.OutputWidth;
        int groupFirst = tile.Group * problem.OutChannelsPerGroup;
        int strideX = o.StrideWidth;
        for (int oc = tile.OutChannelStart; oc < tile.OutChannelEnd; oc++)
        {
            float* plane = output + (nint)oc * problem.OutputPlaneLength;
            for (int ky = 0; ky < o.KernelHeight; ky++)
            for (int kx = 0; kx < o.KernelWidth; kx++)
            {
                int m = (oc - groupFirst) * taps + ky * o.KernelWidth + kx;
                float* column = columns + (nint)(m - firstBlock * Rows) * pixels;
                int shift = kx * o.DilationWidth - o.PaddingWidth;
                var (first, last) = TapReach.ReachingInputs(shift, strideX, width, outWidth);
                if (last < first)
                    continue;
                for (int r = 0; r < rowCount; r++)
                {
                    int oy = (firstRow + r) * o.StrideHeight - o.PaddingHeight + ky * o.DilationHeight;
                    if (oy < tile.RowStart || oy >= tile.RowEnd)
                        continue;
                    float* source = column + (nint)r * width;
                    float* target = plane + (nint)oy * outWidth + shift;
                    if (strideX == 1)
                        AddRow(source + first, target + first, last - first + 1);
                    else
                    {
                        for (int ix = first; ix <= last; ix++)
                            target[(nint)ix * strideX] += source[ix];
                    }
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
