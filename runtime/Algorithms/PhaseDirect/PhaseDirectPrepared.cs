using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using TConvGen.CompilerServices;

namespace TConvGen;

/// <summary>
/// The prepared phase-direct kernel. A tile is computed in bands of output rows: the input rows a band reads are
/// copied once into a zero-padded buffer <c>[row][ic][paddedWidth]</c> (so that no column read needs a bounds test and
/// every vector load is in bounds), then for each output row, phase and register block the micro-kernels accumulate
/// only the taps that reach that phase, with the input channels innermost. Rows need no padding: each output row's tap
/// list holds only the input rows that exist. The vector code is written once for every width
/// (<see cref="PhaseDirectMicroKernels"/>); a prepared kernel runs the width it was made for, or a narrower one on rows too
/// short for that width's tiles.
/// </summary>
internal sealed unsafe class PhaseDirectPrepared : TiledPreparedConvTranspose2d, IActivatedTileKernel<ConvTranspose2dTile>
{
    /// <summary>The input rows a band may pack, in floats (keeps the packed band within the L2 cache).</summary>
    private const int BandBufferFloats = 1 << 18;

    /// <summary>The weights a group of register blocks may span before the row loop moves inside it, in floats.</summary>
    private const int BlockGroupWeightFloats = 1 << 16;

    /// <summary>The scratch a tile that cannot be stored in place is written to, in vectors: the largest tile's outputs
    /// (Same4x4 and Pair2x4: 4 channels x 4 vectors).</summary>
    private const int ScratchVectors = 16;

    private readonly float[] _weights;
    private readonly float[] _bias;
    private readonly AxisPhases _rows;
    private readonly AxisPhases _columns;
    private readonly SimdLevel _level;

    /// <summary>Packs the weights for the width this machine prefers (<see cref="SimdPath.Preferred"/>), or for the portable
    /// code when <paramref name="useVectors"/> is false.</summary>
    public PhaseDirectPrepared(ConvTranspose2d kernel, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels, bool useVectors)
        : this(kernel, weight, bias, inChannels, outChannels, useVectors ? SimdPath.Preferred : SimdLevel.Portable)
    {
    }

    /// <summary>Packs the weights for <paramref name="level"/>, which must run on this machine (<see cref="SimdPath.Runs"/>).</summary>
    public PhaseDirectPrepared(ConvTranspose2d kernel, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels, SimdLevel level)
        : base(kernel, inChannels, outChannels, PhaseDirectWeights.Block, kernel.Options.StrideHeight)
    {
        var o = kernel.Options;
        _weights = PhaseDirectWeights.Pack(weight, inChannels, outChannels, o.Groups, o.KernelHeight * o.KernelWidth);
        _bias = PaddedBias.Pack(bias, outChannels, o.Groups, PhaseDirectWeights.PackedPerGroup(outChannels / o.Groups));
        _rows = new AxisPhases(o.HeightAxis);
        _columns = new AxisPhases(o.WidthAxis);
        _level = SimdPath.Runs(level) ? level : throw new ArgumentOutOfRangeException(nameof(level), level, "This machine does not run that width.");
    }

    /// <summary>Every store (micro-kernels, portable loop, bias-only rows) is the final value of its output: it is activated there.</summary>
    protected override bool AppliesActivation => true;

    protected override void RunTile(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, ConvTranspose2dTile tile) =>
        ActivatedTile.Run(this, input, output, problem, tile);

    public void RunTile<TActivation>(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, ConvTranspose2dTile tile, TActivation activation)
        where TActivation : struct, IActivationFunction
    {
        var level = RunLevel(problem);
        var geometry = new BandGeometry(problem, _columns, level, WidestTile(level, problem.OutChannelsPerGroup));
        int haloRows = (int)Math.Min(problem.InputHeight, ((long)Options.DilationHeight * (Options.KernelHeight - 1)) / Options.StrideHeight + 1);
        long rowFloats = (long)problem.InChannelsPerGroup * geometry.PaddedWidth;
        long inputRowsPerBand = Math.Max(haloRows + 1, BandBufferFloats / Math.Max(1, rowFloats));
        int bandRows = (int)Math.Clamp((inputRowsPerBand - haloRows) * Options.StrideHeight, 1, problem.OutputHeight);

        int[] lists = ArrayPool<int>.Shared.Rent(4 * problem.KernelPlaneLength + 4);
        try
        {
            for (int start = tile.RowStart; start < tile.RowEnd; start += bandRows)
                RunBand(input, output, problem, tile, geometry, start, Math.Min(tile.RowEnd, start + bandRows), lists, activation);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(lists);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunBand<TActivation>(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, ConvTranspose2dTile tile,
        in BandGeometry geometry, int rowStart, int rowEnd, int[] lists, TActivation activation)
        where TActivation : struct, IActivationFunction
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
                RunBlocks(ref band, activation);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunBlocks<TActivation>(ref Band band, TActivation activation)
        where TActivation : struct, IActivationFunction
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
                RunRow(ref band, oy, groupFirst + groupStart, groupFirst + groupEnd, activation);
            groupStart = groupEnd;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunRow<TActivation>(ref Band band, int oy, int channelStart, int channelEnd, TActivation activation)
        where TActivation : struct, IActivationFunction
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
            // No tap reaches this row (k < s, or padding beyond the kernel's reach): it is the activated bias alone.
            for (int oc = channelStart; oc < channelEnd;)
            {
                int width = BlockOf(ref band, oc, out _, out _, out float* bias);
                for (int u = 0; u < width; u++)
                {
                    float value = activation.Apply<SimdScalar, float>(bias[u]);
                    new Span<float>(band.Output + (oc + u) * (nint)problem.OutputPlaneLength + (nint)oy * problem.OutputWidth, problem.OutputWidth).Fill(value);
                }
                oc += width;
            }
            return;
        }
        var level = band.Geometry.Level;
        if (level != SimdLevel.Portable && _columns.Stride == 2)
        {
            int count0 = BuildTapList(ref band, rowTaps, rowOffsets, rowJ, 0, rowStride, kernelWidth, offsets0, taps0);
            int count1 = BuildTapList(ref band, rowTaps, rowOffsets, rowJ, 1, rowStride, kernelWidth, offsets1, taps1);
            for (int oc = channelStart; oc < channelEnd;)
            {
                oc += level switch
                {
                    SimdLevel.Vector512 => RunPairBlock<Simd512, Vector512<float>, TActivation>(ref band, oy, oc, offsets0, taps0, count0, offsets1,
                        taps1, count1, activation),
                    SimdLevel.Vector256 => RunPairBlock<Simd256, Vector256<float>, TActivation>(ref band, oy, oc, offsets0, taps0, count0, offsets1,
                        taps1, count1, activation),
                    _ => RunPairBlock<Simd128, Vector128<float>, TActivation>(ref band, oy, oc, offsets0, taps0, count0, offsets1, taps1, count1, activation),
                };
            }
            return;
        }
        for (int phase = 0; phase < _columns.Stride; phase++)
        {
            int count = BuildTapList(ref band, rowTaps, rowOffsets, rowJ, phase, rowStride, kernelWidth, offsets0, taps0);
            for (int oc = channelStart; oc < channelEnd;)
            {
                oc += level switch
                {
                    SimdLevel.Vector512 => RunPhaseBlock<Simd512, Vector512<float>, TActivation>(ref band, oy, phase, oc, offsets0, taps0, count, activation),
                    SimdLevel.Vector256 => RunPhaseBlock<Simd256, Vector256<float>, TActivation>(ref band, oy, phase, oc, offsets0, taps0, count, activation),
                    SimdLevel.Vector128 => RunPhaseBlock<Simd128, Vector128<float>, TActivation>(ref band, oy, phase, oc, offsets0, taps0, count, activation),
                    _ => RunPhasePortable(ref band, oy, phase, oc, offsets0, taps0, count, activation),
                };
            }
        }
    }

    /// <summary>The vectors per phase of the narrow and of the wide tile for a block of <paramref name="packedWidth"/> channels,
    /// for stride-2 pairs or single phases. A one-channel block has few accumulators, so its tiles are long (fewer calls per
    /// row); a four-channel block's wide tile (16 accumulators) needs 32 registers, so with 16 both tiles are the narrow one.</summary>
    private static (int Narrow, int Wide) TileVectors(bool pair, int packedWidth) => TileVectors(pair, packedWidth, SimdPath.VectorRegisters);

    /// <summary>The same for a machine with <paramref name="vectorRegisters"/> vector registers (the selection rules ask it).</summary>
    internal static (int Narrow, int Wide) TileVectors(bool pair, int packedWidth, int vectorRegisters)
    {
        bool wideRegisterFile = vectorRegisters >= 32;
        return packedWidth != PhaseDirectWeights.Block
            ? pair ? (2, 4) : (4, 8)
            : pair ? (1, wideRegisterFile ? 2 : 1) : (2, wideRegisterFile ? 4 : 2);
    }

    /// <summary>The width a run uses: the prepared one, or a narrower one where an output row's phase is shorter than the
    /// tile that keeps eight accumulator chains in flight (two FMA units x four cycles of latency; a four-channel block's
    /// narrow tile, a one-channel block's wide one). There the wider tile runs partly empty, through the scratch, and at
    /// Vector512 every unaligned load splits a cache line. Measured on Zen 5 with each width forced (one thread, Vector512 /
    /// Vector256 / Vector128):
    /// 8->8 16x16 k3s1p1 7.1 / 4.8 / 6.4 us, 8->8 8x8 k4s2p1 4.1 / 3.3 / 3.7 us, 1->1 64x64 k3s1p1 5.6 / 4.4 / 5.7 us,
    /// 1->1 16x16 k4s2p1 2.4 / 2.1 / 2.1 us; where the tile fits the wider width wins (8->8 48x48 k5s3p2 141 / 153 / 212 us).</summary>
    private SimdLevel RunLevel(ConvTranspose2dProblem problem)
    {
        var level = _level;
        if (level == SimdLevel.Portable)
            return level;
        bool pair = _columns.Stride == 2;
        int packedWidth = problem.OutChannelsPerGroup >= 2 ? PhaseDirectWeights.Block : 1;
        var (narrow, wide) = TileVectors(pair, packedWidth);
        int vectors = packedWidth == PhaseDirectWeights.Block ? narrow : wide;
        int phaseLength = _columns.PhaseLength(0, problem.OutputWidth);
        while (level > SimdLevel.Vector128 && vectors * level.FloatsPerVector() > phaseLength && SimdPath.Runs(level - 1))
            level--;
        return level;
    }

    /// <summary>The longest tile a run at <paramref name="level"/> covers along a phase, in positions: the packed rows' right
    /// padding is sized for it.</summary>
    private int WidestTile(SimdLevel level, int outPerGroup)
    {
        if (level == SimdLevel.Portable)
            return 1;
        bool pair = _columns.Stride == 2;
        // One-channel blocks exist when a single channel is left over; four-channel ones when there are two channels or more.
        int vectors = Math.Max(
            outPerGroup % PhaseDirectWeights.Block == 1 ? TileVectors(pair, 1).Wide : 0,
            outPerGroup >= 2 ? TileVectors(pair, PhaseDirectWeights.Block).Wide : 0);
        return vectors * level.FloatsPerVector();
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
    private int RunPairBlock<TSimd, TVector, TActivation>(ref Band band, int oy, int oc, int* offsets0, int* taps0, int count0, int* offsets1, int* taps1,
        int count1, TActivation activation)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
        where TActivation : struct, IActivationFunction
    {
        var problem = band.Problem;
        int width = BlockOf(ref band, oc, out int packedWidth, out float* w, out float* bias);
        int channels = problem.InChannelsPerGroup, padded = band.Geometry.PaddedWidth;
        int tapStride = channels * packedWidth;
        int outWidth = problem.OutputWidth;
        nint plane = problem.OutputPlaneLength;
        float* row = band.Output + oc * plane + (nint)oy * outWidth;
        // The wide tile where the row is long enough; else the narrow one. Positions per phase.
        var (narrowVectors, wideVectors) = TileVectors(pair: true, packedWidth);
        int narrow = narrowVectors * TSimd.Count, wide = wideVectors * TSimd.Count;
        float* scratch = stackalloc float[ScratchVectors * TSimd.Count];
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
            if (packedWidth != PhaseDirectWeights.Block && block == 4 * TSimd.Count)
                PhaseDirectMicroKernels.Pair4x1<TSimd, TVector, TActivation>(x, w, offsets0, taps0, count0, offsets1, taps1, count1, channels,
                    padded, tapStride, bias, dst, activation);
            else if (packedWidth != PhaseDirectWeights.Block)
                PhaseDirectMicroKernels.Pair2x1<TSimd, TVector, TActivation>(x, w, offsets0, taps0, count0, offsets1, taps1, count1, channels,
                    padded, tapStride, bias, dst, activation);
            else if (block == 2 * TSimd.Count)
                PhaseDirectMicroKernels.Pair2x4<TSimd, TVector, TActivation>(x, w, offsets0, taps0, count0, offsets1, taps1, count1, channels,
                    padded, tapStride, bias, dst, dstStride, activation);
            else
                PhaseDirectMicroKernels.Pair1x4<TSimd, TVector, TActivation>(x, w, offsets0, taps0, count0, offsets1, taps1, count1, channels,
                    padded, tapStride, bias, dst, dstStride, activation);
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
    private int RunPhaseBlock<TSimd, TVector, TActivation>(ref Band band, int oy, int phase, int oc, int* offsets, int* tapIndices, int count,
        TActivation activation)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
        where TActivation : struct, IActivationFunction
    {
        var problem = band.Problem;
        int width = BlockOf(ref band, oc, out int packedWidth, out float* w, out float* bias);
        int channels = problem.InChannelsPerGroup, padded = band.Geometry.PaddedWidth;
        int tapStride = channels * packedWidth;
        int outWidth = problem.OutputWidth, stride = _columns.Stride;
        nint plane = problem.OutputPlaneLength;
        float* row = band.Output + oc * plane + (nint)oy * outWidth + phase;
        var (narrowVectors, wideVectors) = TileVectors(pair: false, packedWidth);
        int narrow = narrowVectors * TSimd.Count, wide = wideVectors * TSimd.Count;
        float* scratch = stackalloc float[ScratchVectors * TSimd.Count];
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
            if (packedWidth != PhaseDirectWeights.Block && block == 8 * TSimd.Count)
                PhaseDirectMicroKernels.Same8x1<TSimd, TVector, TActivation>(x, w, offsets, tapIndices, count, channels, padded, tapStride, bias, dst, activation);
            else if (packedWidth != PhaseDirectWeights.Block)
                PhaseDirectMicroKernels.Same4x1<TSimd, TVector, TActivation>(x, w, offsets, tapIndices, count, channels, padded, tapStride, bias, dst, activation);
            else if (block == 4 * TSimd.Count)
                PhaseDirectMicroKernels.Same4x4<TSimd, TVector, TActivation>(x, w, offsets, tapIndices, count, channels, padded, tapStride, bias,
                    dst, dstStride, activation);
            else
                PhaseDirectMicroKernels.Same2x4<TSimd, TVector, TActivation>(x, w, offsets, tapIndices, count, channels, padded, tapStride, bias,
                    dst, dstStride, activation);
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
    private int RunPhasePortable<TActivation>(ref Band band, int oy, int phase, int oc, int* offsets, int* tapIndices, int count, TActivation activation)
        where TActivation : struct, IActivationFunction
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
                row[(nint)j * stride] = activation.Apply<SimdScalar, float>(sum);
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

    /// <summary>The column geometry of a run: the width its tiles run at and how the packed rows are padded for them.</summary>
    private readonly struct BandGeometry
    {
        public BandGeometry(ConvTranspose2dProblem problem, AxisPhases columns, SimdLevel level, int widestBlock)
        {
            Level = level;
            int phaseLength = columns.PhaseLength(0, problem.OutputWidth);
            long rounded = (phaseLength + (long)widestBlock - 1) / widestBlock * widestBlock;
            LeftPadding = Math.Max(0, -columns.MinOffset);
            // Every read is x[j + offset] with 0 <= j < rounded and MinOffset <= offset <= MaxOffset.
            PaddedWidth = checked((int)(LeftPadding + Math.Max(problem.InputWidth, rounded + columns.MaxOffset)));
        }

        /// <summary>The width the run's micro-kernels run at.</summary>
        public SimdLevel Level { get; }

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
