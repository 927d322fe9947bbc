using System;
using System.Buffers;
using System.Runtime.CompilerServices;

namespace TConvGen;

/// <summary>
/// The prepared phase-direct kernel. A tile is computed in bands of output rows: the input rows a band reads are
/// copied once into a zero-padded buffer <c>[row][ic][paddedWidth]</c> (so that no column read needs a bounds test and
/// every vector load is in bounds), then for each output row, phase and register block the micro-kernels accumulate
/// only the taps that reach that phase, with the input channels innermost. Rows need no padding: each output row's tap
/// list holds only the input rows that exist.
/// </summary>
internal sealed unsafe class PhaseDirectPrepared : TiledPreparedConvTranspose2d
{
    /// <summary>The input rows a band may pack, in floats (keeps the packed band within the L2 cache).</summary>
    private const int BandBufferFloats = 1 << 18;

    /// <summary>The weights a group of register blocks may span before the row loop moves inside it, in floats.</summary>
    private const int BlockGroupWeightFloats = 1 << 16;

    /// <summary>The longest phase block a micro-kernel covers (Same1x64), in positions: the right padding is sized for it.</summary>
    private const int WidestBlock = 64;

    private readonly float[] _weights;
    private readonly float[] _bias;
    private readonly AxisPhases _rows;
    private readonly AxisPhases _columns;
    private readonly bool _useVectors;

    public PhaseDirectPrepared(ConvTranspose2d kernel, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels, bool useVectors)
        : base(kernel, inChannels, outChannels, PhaseDirectWeights.Block, kernel.Options.StrideHeight)
    {
        var o = kernel.Options;
        _weights = PhaseDirectWeights.Pack(weight, inChannels, outChannels, o.Groups, o.KernelHeight * o.KernelWidth);
        _bias = PaddedBias.Pack(bias, outChannels, o.Groups, PhaseDirectWeights.PackedPerGroup(outChannels / o.Groups));
        _rows = new AxisPhases(o.HeightAxis);
        _columns = new AxisPhases(o.WidthAxis);
        _useVectors = useVectors;
    }

    protected override void RunTile(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, ConvTranspose2dTile tile)
    {
        var geometry = new BandGeometry(problem, _columns, WidestBlock);
        int haloRows = (int)Math.Min(problem.InputHeight, ((long)Options.DilationHeight * (Options.KernelHeight - 1)) / Options.StrideHeight + 1);
        long rowFloats = (long)problem.InChannelsPerGroup * geometry.PaddedWidth;
        long inputRowsPerBand = Math.Max(haloRows + 1, BandBufferFloats / Math.Max(1, rowFloats));
        int bandRows = (int)Math.Clamp((inputRowsPerBand - haloRows) * Options.StrideHeight, 1, problem.OutputHeight);

        int[] lists = ArrayPool<int>.Shared.Rent(4 * problem.KernelPlaneLength + 4);
        try
        {
            for (int start = tile.RowStart; start < tile.RowEnd; start += bandRows)
                RunBand(input, output, problem, tile, geometry, start, Math.Min(tile.RowEnd, start + bandRows), lists);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(lists);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunBand(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, ConvTranspose2dTile tile,
        in BandGeometry geometry, int rowStart, int rowEnd, int[] lists)
    {
        // The input rows this band reads.
        int firstRow = int.MaxValue, lastRow = int.MinValue;
        for (int oy = rowStart; oy < rowEnd; oy++)
        {
            int phase = oy % _rows.Stride, j = oy / _rows.Stride;
            foreach (int offset in _rows.Offsets[phase])
            {
                int iy = j + offset;
                if (iy >= 0 && iy < problem.InputHeight)
                {
                    firstRow = Math.Min(firstRow, iy);
                    lastRow = Math.Max(lastRow, iy);
                }
            }
        }
        int rowCount = lastRow >= firstRow ? lastRow - firstRow + 1 : 0;
        int channels = problem.InChannelsPerGroup;
        int padded = geometry.PaddedWidth;
        int bufferLength = checked(Math.Max(1, rowCount * channels * padded));
        float[] buffer = ArrayPool<float>.Shared.Rent(bufferLength);
        try
        {
            InputBand.Pack(input, problem, tile.Group, firstRow, rowCount, -geometry.LeftPadding, geometry.PaddedWidth, buffer);
            fixed (float* packedInput = buffer)
            fixed (float* weights = _weights)
            fixed (float* bias = _bias)
            fixed (float* results = output)
            fixed (int* listMemory = lists)
            {
                var band = new Band(problem, tile, geometry, packedInput, weights, bias, results, listMemory, firstRow, rowStart, rowEnd);
                RunBlocks(ref band);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunBlocks(ref Band band)
    {
        var problem = band.Problem;
        int perGroup = problem.OutChannelsPerGroup;
        int groupFirst = band.Tile.Group * perGroup;
        int blockFloats = problem.KernelPlaneLength * problem.InChannelsPerGroup;
        int first = band.Tile.OutChannelStart - groupFirst, end = band.Tile.OutChannelEnd - groupFirst;
        // Walk the tile's register blocks in groups whose weights stay in cache while every row of the band reuses them.
        for (int groupStart = first; groupStart < end;)
        {
            int groupEnd = groupStart;
            long floats = 0;
            do
            {
                floats += (long)PhaseDirectWeights.PackedWidth(groupEnd, perGroup) * blockFloats;
                groupEnd += PhaseDirectWeights.BlockWidth(groupEnd, perGroup);
            }
            while (groupEnd < end && floats + (long)PhaseDirectWeights.BlockWidth(groupEnd, perGroup) * blockFloats <= BlockGroupWeightFloats);

            for (int oy = band.RowStart; oy < band.RowEnd; oy++)
                RunRow(ref band, oy, groupFirst + groupStart, groupFirst + groupEnd);
            groupStart = groupEnd;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunRow(ref Band band, int oy, int channelStart, int channelEnd)
    {
        var problem = band.Problem;
        int kernelWidth = Options.KernelWidth;
        int rowStride = problem.InChannelsPerGroup * band.Geometry.PaddedWidth;
        int taps = problem.KernelPlaneLength;
        // Lists: [offsets0 | taps0 | offsets1 | taps1], each up to kH*kW entries.
        int* offsets0 = band.Lists, taps0 = offsets0 + taps, offsets1 = taps0 + taps, taps1 = offsets1 + taps;

        int rowPhase = oy % _rows.Stride, rowJ = oy / _rows.Stride;
        int[] rowTaps = _rows.Taps[rowPhase], rowOffsets = _rows.Offsets[rowPhase];
        if (!AnyRowExists(rowOffsets, rowJ, problem.InputHeight))
        {
            // No tap reaches this row (k < s, or padding beyond the kernel's reach): it is the bias alone.
            for (int oc = channelStart; oc < channelEnd;)
            {
                int width = BlockOf(ref band, oc, out _, out _, out float* bias);
                for (int u = 0; u < width; u++)
                    new Span<float>(band.Output + (oc + u) * (nint)problem.OutputPlaneLength + (nint)oy * problem.OutputWidth, problem.OutputWidth).Fill(bias[u]);
                oc += width;
            }
            return;
        }
        if (_useVectors && _columns.Stride == 2)
        {
            int count0 = BuildTapList(ref band, rowTaps, rowOffsets, rowJ, 0, rowStride, kernelWidth, offsets0, taps0);
            int count1 = BuildTapList(ref band, rowTaps, rowOffsets, rowJ, 1, rowStride, kernelWidth, offsets1, taps1);
            for (int oc = channelStart; oc < channelEnd;)
                oc += RunPairBlock(ref band, oy, oc, offsets0, taps0, count0, offsets1, taps1, count1);
            return;
        }
        for (int phase = 0; phase < _columns.Stride; phase++)
        {
            int count = BuildTapList(ref band, rowTaps, rowOffsets, rowJ, phase, rowStride, kernelWidth, offsets0, taps0);
            for (int oc = channelStart; oc < channelEnd;)
            {
                oc += _useVectors
                    ? RunPhaseBlock(ref band, oy, phase, oc, offsets0, taps0, count)
                    : RunPhasePortable(ref band, oy, phase, oc, offsets0, taps0, count);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool AnyRowExists(int[] rowOffsets, int rowJ, int inputHeight)
    {
        foreach (int offset in rowOffsets)
        {
            int iy = rowJ + offset;
            if (iy >= 0 && iy < inputHeight)
                return true;
        }
        return false;
    }

    /// <summary>The taps (rows that exist x columns of the phase) of output row <c>rowJ</c> of its phase: the packed-buffer
    /// offset of each tap's first input and the tap index <c>ky*kW + kx</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int BuildTapList(ref Band band, int[] rowTaps, int[] rowOffsets, int rowJ, int columnPhase, int rowStride, int kernelWidth,
        int* offsets, int* tapIndices)
    {
        int[] columnTaps = _columns.Taps[columnPhase], columnOffsets = _columns.Offsets[columnPhase];
        int count = 0;
        for (int r = 0; r < rowTaps.Length; r++)
        {
            int iy = rowJ + rowOffsets[r];
            if (iy < 0 || iy >= band.Problem.InputHeight)
                continue;
            int rowBase = (iy - band.FirstInputRow) * rowStride + band.Geometry.LeftPadding;
            for (int c = 0; c < columnTaps.Length; c++)
            {
                offsets[count] = rowBase + columnOffsets[c];
                tapIndices[count] = rowTaps[r] * kernelWidth + columnTaps[c];
                count++;
            }
        }
        return count;
    }

    /// <summary>Stride 2 along width: both phases at once, interleaved on store. Returns the channels done.</summary>
    [SkipLocalsInit] // the scratch is written before it is read
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int RunPairBlock(ref Band band, int oy, int oc, int* offsets0, int* taps0, int count0, int* offsets1, int* taps1, int count1)
    {
        var problem = band.Problem;
        int width = BlockOf(ref band, oc, out int packedWidth, out float* w, out float* bias);
        int channels = problem.InChannelsPerGroup, padded = band.Geometry.PaddedWidth;
        int tapStride = channels * packedWidth;
        int outWidth = problem.OutputWidth;
        nint plane = problem.OutputPlaneLength;
        float* row = band.Output + oc * plane + (nint)oy * outWidth;
        // The wide kernel (16 accumulators) where the registers allow it and the row is long enough; else the narrow one.
        int narrow = packedWidth == PhaseDirectWeights.Block ? 8 : 16;
        int wide = packedWidth != PhaseDirectWeights.Block ? 32 : PhaseDirectMicroKernels.HasWideRegisterFile ? 16 : narrow;
        float* scratch = stackalloc float[PhaseDirectWeights.Block * 32];
        int phaseLength = _columns.PhaseLength(0, outWidth);
        for (int j0 = 0; j0 < phaseLength;)
        {
            int block = phaseLength - j0 > narrow ? wide : narrow;
            int valid = Math.Min(2 * block, outWidth - 2 * j0);
            // A padded block (fewer real channels than packed) goes through the scratch so that only real rows are written.
            bool direct = valid == 2 * block && width == packedWidth;
            float* dst = direct ? row + 2 * j0 : scratch;
            nint dstStride = direct ? plane : 2 * block;
            float* x = band.Input + j0;
            if (packedWidth != PhaseDirectWeights.Block && block == 32)
                PhaseDirectMicroKernels.Pair1x64(x, w, offsets0, taps0, count0, offsets1, taps1, count1, channels, padded, tapStride, bias, dst);
            else if (packedWidth != PhaseDirectWeights.Block)
                PhaseDirectMicroKernels.Pair1x32(x, w, offsets0, taps0, count0, offsets1, taps1, count1, channels, padded, tapStride, bias, dst);
            else if (block == 16)
                PhaseDirectMicroKernels.Pair4x32(x, w, offsets0, taps0, count0, offsets1, taps1, count1, channels, padded, tapStride, bias, dst, dstStride);
            else
                PhaseDirectMicroKernels.Pair4x16(x, w, offsets0, taps0, count0, offsets1, taps1, count1, channels, padded, tapStride, bias, dst, dstStride);
            if (!direct)
            {
                for (int u = 0; u < width; u++)
                    new Span<float>(scratch + u * dstStride, valid).CopyTo(new Span<float>(row + u * plane + 2 * j0, valid));
            }
            j0 += block;
        }
        return width;
    }

    /// <summary>One phase of one register block along the row. Returns the channels done.</summary>
    [SkipLocalsInit] // the scratch is written before it is read
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int RunPhaseBlock(ref Band band, int oy, int phase, int oc, int* offsets, int* tapIndices, int count)
    {
        var problem = band.Problem;
        int width = BlockOf(ref band, oc, out int packedWidth, out float* w, out float* bias);
        int channels = problem.InChannelsPerGroup, padded = band.Geometry.PaddedWidth;
        int tapStride = channels * packedWidth;
        int outWidth = problem.OutputWidth, stride = _columns.Stride;
        nint plane = problem.OutputPlaneLength;
        float* row = band.Output + oc * plane + (nint)oy * outWidth + phase;
        int narrow = packedWidth == PhaseDirectWeights.Block ? 16 : 32;
        int wide = packedWidth != PhaseDirectWeights.Block ? 64 : PhaseDirectMicroKernels.HasWideRegisterFile ? 32 : narrow;
        float* scratch = stackalloc float[PhaseDirectWeights.Block * 32];
        int phaseLength = _columns.PhaseLength(phase, outWidth);
        for (int j0 = 0; j0 < phaseLength;)
        {
            int block = phaseLength - j0 > narrow ? wide : narrow;
            int valid = Math.Min(block, phaseLength - j0);
            // Stride 1 stores straight into the row; other strides (and a short last block) go through the scratch.
            bool direct = stride == 1 && valid == block && width == packedWidth;
            float* dst = direct ? row + j0 : scratch;
            nint dstStride = direct ? plane : block;
            float* x = band.Input + j0;
            if (packedWidth != PhaseDirectWeights.Block && block == 64)
                PhaseDirectMicroKernels.Same1x64(x, w, offsets, tapIndices, count, channels, padded, tapStride, bias, dst);
            else if (packedWidth != PhaseDirectWeights.Block)
                PhaseDirectMicroKernels.Same1x32(x, w, offsets, tapIndices, count, channels, padded, tapStride, bias, dst);
            else if (block == 32)
                PhaseDirectMicroKernels.Same4x32(x, w, offsets, tapIndices, count, channels, padded, tapStride, bias, dst, dstStride);
            else
                PhaseDirectMicroKernels.Same4x16(x, w, offsets, tapIndices, count, channels, padded, tapStride, bias, dst, dstStride);
            if (!direct)
            {
                for (int u = 0; u < width; u++)
                {
                    float* source = scratch + u * dstStride;
                    float* target = row + u * plane + (nint)j0 * stride;
                    for (int j = 0; j < valid; j++)
                        target[(nint)j * stride] = source[j];
                }
            }
            j0 += block;
        }
        return width;
    }

    /// <summary>The portable path: the same packed input, weights and tap lists, one scalar output at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int RunPhasePortable(ref Band band, int oy, int phase, int oc, int* offsets, int* tapIndices, int count)
    {
        var problem = band.Problem;
        int width = BlockOf(ref band, oc, out int packedWidth, out float* weights, out float* biases);
        int channels = problem.InChannelsPerGroup, padded = band.Geometry.PaddedWidth;
        int tapStride = channels * packedWidth;
        int outWidth = problem.OutputWidth, stride = _columns.Stride;
        nint plane = problem.OutputPlaneLength;
        int phaseLength = _columns.PhaseLength(phase, outWidth);
        for (int u = 0; u < width; u++)
        {
            float* w = weights + u;
            float* row = band.Output + (oc + u) * plane + (nint)oy * outWidth + phase;
            float bias = biases[u];
            for (int j = 0; j < phaseLength; j++)
            {
                float sum = bias;
                for (int t = 0; t < count; t++)
                {
                    float* xp = band.Input + offsets[t] + j;
                    float* wp = w + (nint)tapIndices[t] * tapStride;
                    for (int c = 0; c < channels; c++)
                        sum += xp[(nint)c * padded] * wp[(nint)c * packedWidth];
                }
                row[(nint)j * stride] = sum;
            }
        }
        return width;
    }

    /// <summary>The block starting at output channel <paramref name="oc"/>: returns its real width; gives its packed width, weights and bias.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int BlockOf(ref Band band, int oc, out int packedWidth, out float* weights, out float* bias)
    {
        var problem = band.Problem;
        int perGroup = problem.OutChannelsPerGroup;
        int channel = oc - band.Tile.Group * perGroup;
        nint packedIndex = (nint)band.Tile.Group * PhaseDirectWeights.PackedPerGroup(perGroup) + channel;
        packedWidth = PhaseDirectWeights.PackedWidth(channel, perGroup);
        weights = band.Weights + packedIndex * problem.KernelPlaneLength * problem.InChannelsPerGroup;
        bias = band.Bias + packedIndex;
        return PhaseDirectWeights.BlockWidth(channel, perGroup);
    }

    /// <summary>The column geometry of a run: how the packed rows are padded.</summary>
    private readonly struct BandGeometry
    {
        public BandGeometry(ConvTranspose2dProblem problem, AxisPhases columns, int widestBlock)
        {
            int phaseLength = columns.PhaseLength(0, problem.OutputWidth);
            long rounded = (phaseLength + (long)widestBlock - 1) / widestBlock * widestBlock;
            LeftPadding = Math.Max(0, -columns.MinOffset);
            // Every read is x[j + offset] with 0 <= j < rounded and MinOffset <= offset <= MaxOffset.
            PaddedWidth = checked((int)(LeftPadding + Math.Max(problem.InputWidth, rounded + columns.MaxOffset)));
        }

        /// <summary>Zeros left of each packed row: input column 0 sits at this index.</summary>
        public int LeftPadding { get; }

        /// <summary>The length of a packed row.</summary>
        public int PaddedWidth { get; }
    }

    /// <summary>Everything the row loops of one band need, pinned.</summary>
    private readonly struct Band(ConvTranspose2dProblem problem, ConvTranspose2dTile tile, BandGeometry geometry, float* input,
        float* weights, float* bias, float* output, int* lists, int firstInputRow, int rowStart, int rowEnd)
    {
        public ConvTranspose2dProblem Problem { get; } = problem;
        public ConvTranspose2dTile Tile { get; } = tile;
        public BandGeometry Geometry { get; } = geometry;
        public float* Input { get; } = input;
        public float* Weights { get; } = weights;
        public float* Bias { get; } = bias;
        public float* Output { get; } = output;
        public int* Lists { get; } = lists;
        public int FirstInputRow { get; } = firstInputRow;
        public int RowStart { get; } = rowStart;
        public int RowEnd { get; } = rowEnd;
    }
}
