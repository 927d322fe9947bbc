using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using TConvGen.CompilerServices;

namespace TConvGen;

/// <summary>
/// The prepared channel-vectorised kernel. Per phase <c>(py, px)</c> the output is a GEMM: M = output channels (in the vector
/// lanes), N = the phase's pixels, K = input channels x the phase's taps. A tile is computed in bands of output rows: the input
/// rows a band reads are copied once into a zero-padded, channel-contiguous buffer <c>[row][column][ic]</c>, wide enough that
/// every tap of every pixel reads inside it (taps that fall outside the input read zeros, which is exact), so borders and
/// interior run the same unchecked loop. Each micro-kernel call computes 6 pixels of one phase (consecutive in the band's
/// row-major order, across row ends) x one channel block, then the caller writes them transposed into the NCHW output. The
/// vector code is written once for every width (<see cref="ChannelVectorizedMicroKernels"/>); a prepared kernel runs the width
/// its weights were packed for.
/// </summary>
internal sealed unsafe class ChannelVectorizedPrepared : TiledPreparedConvTranspose2d, IActivatedTileKernel<ConvTranspose2dTile>
{
    /// <summary>The input rows a band may pack, in floats (keeps the packed band within the L2 cache).</summary>
    private const int BandBufferFloats = 1 << 18;

    /// <summary>The pixels of one micro-kernel call.</summary>
    private const int Pixels = ChannelVectorizedMicroKernels.Pixels;

    /// <summary>The channels of the widest block: 4 Vector512.</summary>
    private const int MaxBlock = 64;

    private readonly ChannelVectorizedWeights _layout;
    private readonly float[] _weights;
    private readonly float[] _bias;
    private readonly SimdLevel _level;

    /// <summary>Packs the weights for <paramref name="level"/>, which must run on this machine (<see cref="SimdPath.Runs"/>), in
    /// blocks sized for <paramref name="vectorRegisters"/> (<see cref="SimdPath.VectorRegisters"/>; the tests force the other one).</summary>
    public ChannelVectorizedPrepared(ConvTranspose2d kernel, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels,
        SimdLevel level, int vectorRegisters)
        : base(kernel, inChannels, outChannels, Layout(kernel.Options, level, vectorRegisters).FullBlock, kernel.Options.StrideHeight)
    {
        var o = kernel.Options;
        _layout = Layout(o, level, vectorRegisters);
        _weights = _layout.Pack(weight, inChannels, outChannels, o.Groups);
        _bias = PaddedBias.Pack(bias, outChannels, o.Groups, _layout.PackedPerGroup(outChannels / o.Groups));
        _level = SimdPath.Runs(level) ? level : throw new ArgumentOutOfRangeException(nameof(level), level, "This machine does not run that width.");
    }

    private static ChannelVectorizedWeights Layout(ConvTranspose2dOptions o, SimdLevel level, int vectorRegisters) =>
        new(level, vectorRegisters, new AxisPhases(o.HeightAxis), new AxisPhases(o.WidthAxis), o.KernelWidth);

    /// <summary>Each output is computed whole in one micro-kernel call (or one portable sum) and activated as it is stored.</summary>
    protected override bool AppliesActivation => true;

    protected override void RunTile(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, ConvTranspose2dTile tile) =>
        ActivatedTile.Run(this, input, output, problem, tile);

    public void RunTile<TActivation>(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, ConvTranspose2dTile tile, TActivation activation)
        where TActivation : struct, IActivationFunction
    {
        var geometry = new BandGeometry(problem, _layout.Rows, _layout.Columns);
        int stride = _layout.Rows.Stride;
        long rowFloats = (long)problem.InChannelsPerGroup * geometry.PaddedWidth;
        long inputRows = Math.Max(geometry.HaloRows + 1, BandBufferFloats / Math.Max(1, rowFloats));
        int bandRows = (int)Math.Clamp((inputRows - geometry.HaloRows + 1) * stride, stride, Math.Max(stride, problem.OutputHeight));
        for (int start = tile.RowStart; start < tile.RowEnd; start += bandRows)
            RunBand(input, output, problem, tile, geometry, start, Math.Min(tile.RowEnd, start + bandRows), activation);
    }

    private void RunBand<TActivation>(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, ConvTranspose2dTile tile,
        in BandGeometry geometry, int rowStart, int rowEnd, TActivation activation)
        where TActivation : struct, IActivationFunction
    {
        var rows = _layout.Rows;
        int firstRow = rowStart / rows.Stride + rows.MinOffset;
        int rowCount = (rowEnd - 1) / rows.Stride + rows.MaxOffset - firstRow + 1;
        int channels = problem.InChannelsPerGroup;
        int bufferLength = checked(rowCount * geometry.PaddedWidth * channels);
        // Per phase: the input offset and the output index of each pixel (rounded up to whole calls), and the taps' offsets.
        int pixelCapacity = checked((rowEnd - rowStart) * problem.OutputWidth + Pixels);
        float[] buffer = ArrayPool<float>.Shared.Rent(bufferLength);
        int[] pixelOffsets = ArrayPool<int>.Shared.Rent(pixelCapacity);
        int[] pixelTargets = ArrayPool<int>.Shared.Rent(pixelCapacity);
        int[] tapOffsets = ArrayPool<int>.Shared.Rent(problem.KernelPlaneLength);
        try
        {
            PackRows(input, problem, tile.Group, firstRow, rowCount, geometry, buffer);
            fixed (float* packedInput = buffer)
            fixed (float* weights = _weights)
            fixed (float* bias = _bias)
            fixed (float* results = output)
            fixed (int* offsets = pixelOffsets)
            fixed (int* targets = pixelTargets)
            fixed (int* taps = tapOffsets)
            {
                for (int py = 0; py < rows.Stride; py++)
                {
                    for (int px = 0; px < _layout.Columns.Stride; px++)
                    {
                        int count = ListPixels(problem, geometry, rowStart, rowEnd, firstRow, py, px, offsets, targets);
                        if (count == 0)
                            continue;
                        int tapCount = ListTaps(geometry, channels, py, px, taps);
                        var phase = new Phase(packedInput, offsets, targets, count, taps, tapCount, py * _layout.Columns.Stride + px);
                        RunPhase(problem, tile, phase, weights, bias, results, activation);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
            ArrayPool<int>.Shared.Return(pixelOffsets);
            ArrayPool<int>.Shared.Return(pixelTargets);
            ArrayPool<int>.Shared.Return(tapOffsets);
        }
    }

    /// <summary>Copies input rows <c>[firstRow, firstRow + rowCount)</c> of the group's channels into <c>[row][column][ic]</c>,
    /// columns from <c>geometry.FirstColumn</c>; rows and columns outside the input are zeros.</summary>
    private static void PackRows(ReadOnlySpan<float> input, ConvTranspose2dProblem problem, int group, int firstRow, int rowCount,
        in BandGeometry geometry, float[] buffer)
    {
        int channels = problem.InChannelsPerGroup, width = problem.InputWidth, padded = geometry.PaddedWidth;
        int firstColumn = geometry.FirstColumn;
        int columnStart = Math.Max(0, firstColumn), columnEnd = Math.Min(width, firstColumn + padded);
        var destination = buffer.AsSpan(0, rowCount * padded * channels);
        fixed (float* inputStart = input)
        fixed (float* bufferStart = buffer)
        {
            for (int r = 0; r < rowCount; r++)
            {
                int iy = firstRow + r;
                var row = destination.Slice(r * padded * channels, padded * channels);
                if (iy < 0 || iy >= problem.InputHeight || columnStart >= columnEnd)
                {
                    row.Clear();
                    continue;
                }
                row.Slice(0, (columnStart - firstColumn) * channels).Clear();
                row.Slice((columnEnd - firstColumn) * channels).Clear();
                float* source = inputStart + (nint)group * channels * problem.InputPlaneLength + (nint)iy * width;
                float* target = bufferStart + (nint)r * padded * channels + (nint)(columnStart - firstColumn) * channels;
                TransposeRow(source, problem.InputPlaneLength, target, channels, columnEnd - columnStart, columnStart);
            }
        }
    }

    /// <summary>Writes <c>target[j*channels + c] = source[c*plane + start + j]</c> for <c>j &lt; count</c>: blocks of 8 channels,
    /// so that both the 8 source rows and the target are walked in order.</summary>
    private static void TransposeRow(float* source, nint plane, float* target, int channels, int count, int start)
    {
        int c0 = 0;
        for (; c0 + 8 <= channels; c0 += 8)
        {
            float* s = source + c0 * plane + start;
            float* t = target + c0;
            for (int j = 0; j < count; j++, s++, t += channels)
            {
                t[0] = s[0]; t[1] = s[plane]; t[2] = s[2 * plane]; t[3] = s[3 * plane];
                t[4] = s[4 * plane]; t[5] = s[5 * plane]; t[6] = s[6 * plane]; t[7] = s[7 * plane];
            }
        }
        for (; c0 < channels; c0++)
        {
            float* s = source + c0 * plane + start;
            float* t = target + c0;
            for (int j = 0; j < count; j++, t += channels)
                *t = s[j];
        }
    }

    /// <summary>Lists the pixels of phase (py, px) in output rows <c>[rowStart, rowEnd)</c>, row-major: each one's offset in the
    /// packed band and its index in an output plane. Pads the list to whole calls by repeating the last pixel. Returns the count.</summary>
    private int ListPixels(ConvTranspose2dProblem problem, in BandGeometry geometry, int rowStart, int rowEnd, int firstRow, int py, int px,
        int* offsets, int* targets)
    {
        int rowStride = _layout.Rows.Stride, columnStride = _layout.Columns.Stride, channels = problem.InChannelsPerGroup;
        int length = _layout.Columns.PhaseLength(px, problem.OutputWidth);
        int count = 0;
        int first = rowStart + ((py - rowStart % rowStride) + rowStride) % rowStride;
        for (int oy = first; oy < rowEnd; oy += rowStride)
        {
            int rowBase = (oy / rowStride - firstRow) * geometry.PaddedWidth - geometry.FirstColumn;
            for (int jx = 0; jx < length; jx++)
            {
                offsets[count] = (rowBase + jx) * channels;
                targets[count] = oy * problem.OutputWidth + px + columnStride * jx;
                count++;
            }
        }
        for (int p = count; p % Pixels != 0; p++)
        {
            offsets[p] = offsets[count - 1];
            targets[p] = targets[count - 1];
        }
        return count;
    }

    /// <summary>The offset of each tap of phase (py, px), in the order the weights are packed.</summary>
    private int ListTaps(in BandGeometry geometry, int channels, int py, int px, int* taps)
    {
        int[] rowOffsets = _layout.Rows.Offsets[py], columnOffsets = _layout.Columns.Offsets[px];
        int count = 0;
        foreach (int rowOffset in rowOffsets)
        {
            foreach (int columnOffset in columnOffsets)
                taps[count++] = (rowOffset * geometry.PaddedWidth + columnOffset) * channels;
        }
        return count;
    }

    [SkipLocalsInit] // the scratch is written before it is read
    private void RunPhase<TActivation>(ConvTranspose2dProblem problem, ConvTranspose2dTile tile, in Phase phase, float* weights, float* bias, float* output,
        TActivation activation)
        where TActivation : struct, IActivationFunction
    {
        int perGroup = problem.OutChannelsPerGroup, channels = problem.InChannelsPerGroup;
        int groupFirst = tile.Group * perGroup;
        long packedGroup = (long)tile.Group * _layout.PackedPerGroup(perGroup);
        long blockStride = (long)channels * problem.KernelPlaneLength;
        nint plane = problem.OutputPlaneLength;
        float* scratch = stackalloc float[Pixels * MaxBlock];
        for (int c = tile.OutChannelStart - groupFirst; c < tile.OutChannelEnd - groupFirst;)
        {
            int width = _layout.BlockWidth(c, perGroup), packedWidth = _layout.PackedWidth(c, perGroup);
            float* w = weights + (packedGroup + c) * blockStride + (long)_layout.PhaseTapStart[phase.Index] * channels * packedWidth;
            float* b = bias + packedGroup + c;
            float* target = output + (groupFirst + c) * plane;
            int vectors = packedWidth / _layout.Lanes;
            switch (_level)
            {
                case SimdLevel.Vector512: RunBlock<Simd512, Vector512<float>, TActivation>(phase, channels, w, b, vectors, width, target, plane,
                    scratch, activation); break;
                case SimdLevel.Vector256: RunBlock<Simd256, Vector256<float>, TActivation>(phase, channels, w, b, vectors, width, target, plane,
                    scratch, activation); break;
                case SimdLevel.Vector128: RunBlock<Simd128, Vector128<float>, TActivation>(phase, channels, w, b, vectors, width, target, plane,
                    scratch, activation); break;
                default: RunPortable(phase, channels, w, b, width, packedWidth, target, plane, activation); break;
            }
            c += width;
        }
    }

    /// <summary>One channel block of <paramref name="vectors"/> vectors over every pixel of the phase, 6 (or the last 3) at a time.</summary>
    private static void RunBlock<TSimd, TVector, TActivation>(in Phase phase, int channels, float* w, float* b, int vectors, int width, float* target,
        nint plane, float* scratch, TActivation activation)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
        where TActivation : struct, IActivationFunction
    {
        int packedWidth = vectors * TSimd.Count;
        for (int p = 0; p < phase.Count; p += Pixels)
        {
            int* pixels = phase.Offsets + p;
            int valid = Math.Min(Pixels, phase.Count - p);
            switch (vectors)
            {
                case 4 when valid <= 3:
                    ChannelVectorizedMicroKernels.Block4x3<TSimd, TVector, TActivation>(phase.Input, pixels, phase.Taps, phase.TapCount, channels, w,
                        b, scratch, activation); break;
                case 4: ChannelVectorizedMicroKernels.Block4x6<TSimd, TVector, TActivation>(phase.Input, pixels, phase.Taps, phase.TapCount,
                    channels, w, b, scratch, activation); break;
                case 2: ChannelVectorizedMicroKernels.Block2x6<TSimd, TVector, TActivation>(phase.Input, pixels, phase.Taps, phase.TapCount,
                    channels, w, b, scratch, activation); break;
                default: ChannelVectorizedMicroKernels.Block1x6<TSimd, TVector, TActivation>(phase.Input, pixels, phase.Taps, phase.TapCount,
                    channels, w, b, scratch, activation); break;
            }
            Scatter(scratch, packedWidth, phase.Targets + p, valid, target, plane, width);
        }
    }

    /// <summary>Transposes the micro-kernel's <c>[pixel][channel]</c> results into the NCHW planes: O(outputs), against K
    /// multiply-adds per output.</summary>
    private static void Scatter(float* scratch, int packedWidth, int* targets, int valid, float* target, nint plane, int width)
    {
        if (valid == Pixels)
        {
            nint t0 = targets[0], t1 = targets[1], t2 = targets[2], t3 = targets[3], t4 = targets[4], t5 = targets[5];
            for (int u = 0; u < width; u++, target += plane, scratch++)
            {
                target[t0] = scratch[0];
                target[t1] = scratch[packedWidth];
                target[t2] = scratch[2 * packedWidth];
                target[t3] = scratch[3 * packedWidth];
                target[t4] = scratch[4 * packedWidth];
                target[t5] = scratch[5 * packedWidth];
            }
            return;
        }
        for (int u = 0; u < width; u++, target += plane, scratch++)
        {
            for (int q = 0; q < valid; q++)
                target[targets[q]] = scratch[q * packedWidth];
        }
    }

    /// <summary>The portable path: the same packed input, weights and lists, one scalar output at a time.</summary>
    private static void RunPortable<TActivation>(in Phase phase, int channels, float* w, float* bias, int width, int packedWidth, float* target, nint plane,
        TActivation activation)
        where TActivation : struct, IActivationFunction
    {
        for (int p = 0; p < phase.Count; p++)
        {
            float* pixel = phase.Input + phase.Offsets[p];
            for (int u = 0; u < width; u++)
            {
                float sum = bias[u];
                float* wu = w + u;
                for (int t = 0; t < phase.TapCount; t++)
                {
                    float* xp = pixel + phase.Taps[t];
                    float* wp = wu + (nint)t * channels * packedWidth;
                    for (int c = 0; c < channels; c++)
                        sum += xp[c] * wp[(nint)c * packedWidth];
                }
                target[u * plane + phase.Targets[p]] = activation.Apply<SimdScalar, float>(sum);
            }
        }
    }

    /// <summary>The column geometry of a run: which input columns a packed row holds, and how many input rows one output row reads.</summary>
    private readonly struct BandGeometry
    {
        public BandGeometry(ConvTranspose2dProblem problem, AxisPhases rows, AxisPhases columns)
        {
            // Every read is column j + offset with 0 <= j < the longest phase (phase 0) and MinOffset <= offset <= MaxOffset.
            FirstColumn = columns.MinOffset;
            PaddedWidth = checked(columns.PhaseLength(0, problem.OutputWidth) + columns.MaxOffset - columns.MinOffset);
            HaloRows = rows.MaxOffset - rows.MinOffset + 1;
        }

        /// <summary>The input column (possibly outside the input) at packed column 0.</summary>
        public int FirstColumn { get; }

        /// <summary>The columns of a packed row.</summary>
        public int PaddedWidth { get; }

        /// <summary>The input rows one output row of a phase may read.</summary>
        public int HaloRows { get; }
    }

    /// <summary>One phase of one band: the packed input, the pixel and tap lists, and the phase index.</summary>
    private readonly struct Phase(float* input, int* offsets, int* targets, int count, int* taps, int tapCount, int index)
    {
        public float* Input { get; } = input;
        public int* Offsets { get; } = offsets;
        public int* Targets { get; } = targets;
        public int Count { get; } = count;
        public int* Taps { get; } = taps;
        public int TapCount { get; } = tapCount;
        public int Index { get; } = index;
    }
}
