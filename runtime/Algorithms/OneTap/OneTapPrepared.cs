using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using TConvGen.CompilerServices;

namespace TConvGen;

/// <summary>
/// The prepared one-tap kernel (kernel 2 x 2, stride 2, dilation 1; any padding, output padding, groups). There every
/// output gets exactly one tap: <c>out[co, 2i+a-pH, 2j+b-pW] = bias[co] + sum_ci x[ci,i,j] W[ci,co,a,b]</c>, four 1x1
/// convolutions that read the same input. So the tile is walked by input row: bands of input rows are copied once into a
/// zero-padded buffer <c>[row][ic][paddedWidth]</c> (contiguous rows, unlike the input planes whose strides of a few KB all
/// hit one L1 set, and padded so that every vector load is in bounds), then for each row each micro-kernel call accumulates
/// all four phases of a block of output channels (the channels left over at a group's end one at a time) from each input
/// vector it loads, and stores the two output rows <c>2i-pH</c> and <c>2i+1-pH</c> with the column phases interleaved.
/// Input columns past the input read zeros and so give the bias, which is what output padding's columns hold; rows past
/// the input are filled with the bias. Blocks that reach past the tile (row or column edges) go through a scratch buffer
/// and only their real part is copied. The vector code is written once for every width (<see cref="OneTapMicroKernels"/>).
/// </summary>
internal sealed unsafe class OneTapPrepared : TiledPreparedConvTranspose2d, IActivatedTileKernel<ConvTranspose2dTile>
{
    /// <summary>The input rows a band may pack, in floats (4 MB). Large: the packing reads the input fastest in long runs of
    /// rows (128->64 64x64: the whole 64-row band packs in about 100 us, 8-row bands in 110-270 us).</summary>
    private const int BandBufferFloats = 1 << 20;

    /// <summary>The weights a group of register blocks may span before the row loop moves inside it, in floats (half the L2
    /// cache: without it a layer with megabytes of weights streams them all from memory for every input row).</summary>
    private const int BlockGroupWeightFloats = 1 << 17;

    /// <summary>A cache line, in floats.</summary>
    private const int AlignmentFloats = 16;

    private readonly float[] _weights;
    private readonly float[] _bias;
    private readonly SimdLevel _level;
    private readonly int _block;
    private readonly int _granule;

    /// <param name="kernel">The kernel that packs the weights.</param>
    /// <param name="weight">PyTorch's <c>(Cin, Cout/groups, 2, 2)</c> weights.</param>
    /// <param name="bias">The bias, or empty.</param>
    /// <param name="inChannels">Cin.</param>
    /// <param name="outChannels">Cout.</param>
    /// <param name="level">The width to run, which must run on this machine (<see cref="SimdPath.Runs"/>).</param>
    /// <param name="block">Output channels per micro-kernel call: 3 (24 accumulators, for 32 registers) or 1.</param>
    public OneTapPrepared(ConvTranspose2d kernel, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels,
        SimdLevel level, int block)
        : base(kernel, inChannels, outChannels, block, 2)
    {
        if (!Supports(kernel.Options))
            throw new ArgumentException("The one-tap kernel needs kernel 2, stride 2 and dilation 1 in both axes.", nameof(kernel));
        if (block != 1 && block != 3)
            throw new ArgumentOutOfRangeException(nameof(block), block, "block must be 3 or 1.");
        if (!SimdPath.Runs(level))
            throw new ArgumentOutOfRangeException(nameof(level), level, "This machine does not run that width.");
        var o = kernel.Options;
        _weights = OneTapWeights.Pack(weight, inChannels, outChannels, o.Groups, block);
        _bias = PaddedBias.Pack(bias, outChannels, o.Groups, OneTapWeights.PackedPerGroup(outChannels / o.Groups, block));
        _level = level;
        _block = block;
        // Packed rows are whole vectors of the narrowest micro-kernel's columns; the portable loop takes any length.
        _granule = level == SimdLevel.Portable ? 1 : NarrowestColumns(level);
    }

    /// <summary>The input columns of the narrowest call at <paramref name="level"/>: one vector, and at Vector512 one Vector256
    /// (a row's last columns step down a width rather than run a Vector512 partly empty).</summary>
    private static int NarrowestColumns(SimdLevel level) => level == SimdLevel.Vector512 ? 8 : level.FloatsPerVector();

    /// <summary>Whether the options are the one-tap case this kernel computes: kernel 2 x 2, stride 2, dilation 1.</summary>
    public static bool Supports(ConvTranspose2dOptions options) =>
        options.KernelHeight == 2 && options.KernelWidth == 2 && options.StrideHeight == 2 && options.StrideWidth == 2
        && options.DilationHeight == 1 && options.DilationWidth == 1;

    /// <summary>Each output is computed whole in one micro-kernel call (or one portable sum, or the bias alone) and activated as it is stored.</summary>
    protected override bool AppliesActivation => true;

    protected override void RunTile(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, ConvTranspose2dTile tile) =>
        ActivatedTile.Run(this, input, output, problem, tile);

    public void RunTile<TActivation>(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, ConvTranspose2dTile tile, TActivation activation)
        where TActivation : struct, IActivationFunction
    {
        int channels = problem.InChannelsPerGroup, paddingHeight = Options.PaddingHeight;
        // Output column ox is column phase (ox + pW) % 2 of input column (ox + pW) / 2: a row reads input columns [jStart, jEnd).
        int padding = Options.PaddingWidth;
        int jStart = padding / 2, jEnd = (padding + problem.OutputWidth + 1) / 2;
        int padded = checked((jEnd - jStart + _granule - 1) / _granule * _granule);
        int rowFloats = checked(channels * padded);
        // Output row oy is row phase (oy + pH) % 2 of input row (oy + pH) / 2; the tile's rows come from input rows [first, end).
        int first = (tile.RowStart + paddingHeight) / 2, end = (tile.RowEnd - 1 + paddingHeight) / 2 + 1;
        int inputEnd = Math.Min(end, problem.InputHeight);
        int bandRows = Math.Clamp(BandBufferFloats / rowFloats, 1, Math.Max(1, inputEnd - first));
        // 16 floats more, so that the band can start on a 64-byte boundary: vector loads then never split a cache line.
        float[] buffer = ArrayPool<float>.Shared.Rent(checked(bandRows * rowFloats + AlignmentFloats));
        try
        {
            fixed (float* pinned = buffer)
            fixed (float* weights = _weights)
            fixed (float* bias = _bias)
            fixed (float* results = output)
            {
                int skip = (int)((AlignmentFloats - (nint)pinned / sizeof(float) % AlignmentFloats) % AlignmentFloats);
                float* packed = pinned + skip;
                var band = buffer.AsSpan(skip, bandRows * rowFloats);
                var row = new Row(problem, tile, weights, bias, results, jStart, padded);
                for (int i = Math.Max(first, inputEnd); i < end; i++)
                {
                    // Rows past the input (output padding) get no tap.
                    row.FirstOutputRow = 2 * i - paddingHeight;
                    FillBias(ref row, activation);
                }
                for (int bandStart = first; bandStart < inputEnd; bandStart += bandRows)
                {
                    int bandEnd = Math.Min(inputEnd, bandStart + bandRows);
                    InputBand.Pack(input, problem, tile.Group, bandStart, bandEnd - bandStart, jStart, padded, band);
                    RunBand(ref row, packed, bandStart, bandEnd, activation);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    // The hot loops are compiled fully optimised from the first run (no tier-0 runs: a first benchmarked column ran ~10% slow).

    /// <summary>Input rows <c>[bandStart, bandEnd)</c>, packed in <paramref name="packed"/>: the tile's channels in groups whose
    /// weights stay in the L2 cache while every row of the band reuses them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunBand<TActivation>(ref Row row, float* packed, int bandStart, int bandEnd, TActivation activation)
        where TActivation : struct, IActivationFunction
    {
        var problem = row.Problem;
        int rowFloats = problem.InChannelsPerGroup * row.PaddedWidth;
        int blockFloats = problem.InChannelsPerGroup * OneTapWeights.Taps * _block;
        int groupChannels = _level == SimdLevel.Portable ? int.MaxValue : Math.Max(1, BlockGroupWeightFloats / blockFloats) * _block;
        for (int groupStart = row.Tile.OutChannelStart; groupStart < row.Tile.OutChannelEnd; groupStart += groupChannels)
        {
            int groupEnd = (int)Math.Min(row.Tile.OutChannelEnd, (long)groupStart + groupChannels);
            for (int i = bandStart; i < bandEnd; i++)
            {
                row.FirstOutputRow = 2 * i - Options.PaddingHeight;
                row.Input = packed + (nint)(i - bandStart) * rowFloats;
                if (_level == SimdLevel.Portable)
                    RunRowPortable(ref row, activation);
                else
                    RunRow(ref row, groupStart, groupEnd, activation);
            }
        }
    }

    /// <summary>The tile's part of output rows past the input (output padding): the activated bias alone.</summary>
    private void FillBias<TActivation>(ref Row row, TActivation activation)
        where TActivation : struct, IActivationFunction
    {
        var problem = row.Problem;
        for (int oc = row.Tile.OutChannelStart; oc < row.Tile.OutChannelEnd; oc++)
        {
            float value = activation.Apply<SimdScalar, float>(row.Bias[PackedChannel(problem, row.Tile.Group, oc)]);
            for (int a = 0; a < 2; a++)
            {
                if (row.HasPhase(a))
                    OutputRow(ref row, oc, a).Fill(value);
            }
        }
    }

    [SkipLocalsInit] // the scratch is written before it is read
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunRow<TActivation>(ref Row row, int channelStart, int channelEnd, TActivation activation)
        where TActivation : struct, IActivationFunction
    {
        var problem = row.Problem;
        int outWidth = problem.OutputWidth, padding = Options.PaddingWidth, block = _block;
        int channels = problem.InChannelsPerGroup;
        bool bothRows = row.HasPhase(0) && row.HasPhase(1);
        float* scratch = stackalloc float[3 * 4 * 32];
        // Column blocks outermost: one block's input (channels x 32 columns, 16 KB at 128 channels) stays in L1 while every
        // channel block reads it, and the weights stream from L2.
        for (int j0 = 0; j0 < row.PaddedWidth;)
        {
            // Two vectors while they fill, then one (Vector512 steps down to Vector256's 16 and 8), so a row wastes fewer
            // lanes than the narrowest vector holds.
            int left = row.PaddedWidth - j0, narrowest = NarrowestColumns(_level);
            int columns = left >= 32 && _level == SimdLevel.Vector512 ? 32 : left >= 2 * narrowest ? 2 * narrowest : narrowest;
            int ox0 = 2 * (row.FirstColumn + j0) - padding;
            bool direct = bothRows && ox0 >= 0 && ox0 + 2 * columns <= outWidth;
            float* x = row.Input + j0;
            for (int oc = channelStart; oc < channelEnd; oc += block)
            {
                int width = Math.Min(block, channelEnd - oc);
                nint packedChannel = PackedChannel(problem, row.Tile.Group, oc);
                float* w = row.Weights + packedChannel * channels * OneTapWeights.Taps;
                float* bias = row.Bias + packedChannel;
                if (width == block)
                {
                    Call(ref row, x, w, bias, oc, block, columns, direct, ox0, scratch, activation);
                    continue;
                }
                // The channels left over at a group's end one at a time: no work on padded channels.
                for (int u = 0; u < width; u++)
                    Call(ref row, x, w + u * OneTapWeights.Taps, bias + u, oc + u, 1, columns, direct, ox0, scratch, activation);
            }
            j0 += columns;
        }
    }

    /// <summary>One micro-kernel call: <paramref name="count"/> (the block, or 1) channels from <paramref name="oc"/> x
    /// <paramref name="columns"/> input columns, straight into the output when <paramref name="direct"/>, else through the scratch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Call<TActivation>(ref Row row, float* x, float* w, float* bias, int oc, int count, int columns, bool direct, int ox0, float* scratch,
        TActivation activation)
        where TActivation : struct, IActivationFunction
    {
        int outWidth = row.Problem.OutputWidth, channels = row.Problem.InChannelsPerGroup;
        nint plane = row.Problem.OutputPlaneLength, wStride = _block * OneTapWeights.Taps, xStride = row.PaddedWidth;
        float* dst0 = direct ? row.Output + oc * plane + (nint)row.FirstOutputRow * outWidth + ox0 : scratch;
        float* dst1 = direct ? dst0 + outWidth : scratch + 2 * columns;
        nint dstStride = direct ? plane : 4 * columns;
        // A call of 2N columns runs two vectors of width N, else one; Vector512's narrower calls run Vector256.
        var level = columns == 32 ? SimdLevel.Vector512 : _level == SimdLevel.Vector512 ? SimdLevel.Vector256 : _level;
        bool two = columns == 2 * level.FloatsPerVector();
        switch (level)
        {
            case SimdLevel.Vector512: RunKernel<Simd512, Vector512<float>, TActivation>(x, xStride, w, wStride, channels, bias, dst0, dst1,
                dstStride, count, two, activation); break;
            case SimdLevel.Vector256: RunKernel<Simd256, Vector256<float>, TActivation>(x, xStride, w, wStride, channels, bias, dst0, dst1,
                dstStride, count, two, activation); break;
            default: RunKernel<Simd128, Vector128<float>, TActivation>(x, xStride, w, wStride, channels, bias, dst0, dst1, dstStride, count, two, activation); break;
        }
        if (!direct)
            CopyScratch(ref row, scratch, oc, count, columns, ox0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RunKernel<TSimd, TVector, TActivation>(float* x, nint xStride, float* w, nint wStride, int channels, float* bias, float* dst0,
        float* dst1, nint dstStride, int count, bool two, TActivation activation)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
        where TActivation : struct, IActivationFunction
    {
        if (count == 1)
        {
            if (two)
                OneTapMicroKernels.Block1x2<TSimd, TVector, TActivation>(x, xStride, w, wStride, channels, bias, dst0, dst1, dstStride, activation);
            else
                OneTapMicroKernels.Block1x1<TSimd, TVector, TActivation>(x, xStride, w, wStride, channels, bias, dst0, dst1, dstStride, activation);
        }
        else if (two)
            OneTapMicroKernels.Block3x2<TSimd, TVector, TActivation>(x, xStride, w, channels, bias, dst0, dst1, dstStride, activation);
        else
            OneTapMicroKernels.Block3x1<TSimd, TVector, TActivation>(x, xStride, w, channels, bias, dst0, dst1, dstStride, activation);
    }

    /// <summary>Copies the real part of a scratch block (<c>[channel][row phase][2 x columns]</c>) to the output.</summary>
    private static void CopyScratch(ref Row row, float* scratch, int oc, int width, int columns, int ox0)
    {
        int length = 2 * columns;
        int first = Math.Max(0, ox0), end = Math.Min(row.Problem.OutputWidth, ox0 + length);
        if (first >= end)
            return;
        for (int u = 0; u < width; u++)
        {
            for (int a = 0; a < 2; a++)
            {
                if (row.HasPhase(a))
                    new ReadOnlySpan<float>(scratch + (u * 2 + a) * length + (first - ox0), end - first).CopyTo(OutputRow(ref row, oc + u, a).Slice(first));
            }
        }
    }

    /// <summary>The portable path: the same packed row and weights, one scalar output at a time.</summary>
    private void RunRowPortable<TActivation>(ref Row row, TActivation activation)
        where TActivation : struct, IActivationFunction
    {
        var problem = row.Problem;
        int channels = problem.InChannelsPerGroup, padding = Options.PaddingWidth, block = _block;
        for (int oc = row.Tile.OutChannelStart; oc < row.Tile.OutChannelEnd; oc++)
        {
            nint packedChannel = PackedChannel(problem, row.Tile.Group, oc);
            int u = (int)(packedChannel % block);
            float* w = row.Weights + (packedChannel - u) * channels * OneTapWeights.Taps + u * OneTapWeights.Taps;
            for (int a = 0; a < 2; a++)
            {
                if (!row.HasPhase(a))
                    continue;
                var target = OutputRow(ref row, oc, a);
                for (int ox = 0; ox < target.Length; ox++)
                {
                    int column = ox + padding;
                    float* x = row.Input + (column / 2 - row.FirstColumn);
                    float* wp = w + a * 2 + column % 2;
                    float sum = row.Bias[packedChannel];
                    for (int ic = 0; ic < channels; ic++)
                        sum += x[(nint)ic * row.PaddedWidth] * wp[(nint)ic * block * OneTapWeights.Taps];
                    target[ox] = activation.Apply<SimdScalar, float>(sum);
                }
            }
        }
    }

    /// <summary>Output channel <paramref name="oc"/>'s index in the packed (per-group padded) channel order.</summary>
    private int PackedChannel(ConvTranspose2dProblem problem, int group, int oc) =>
        group * OneTapWeights.PackedPerGroup(problem.OutChannelsPerGroup, _block) + oc - group * problem.OutChannelsPerGroup;

    /// <summary>Row phase <paramref name="a"/> of the current input row, for channel <paramref name="oc"/>.</summary>
    private static Span<float> OutputRow(ref Row row, int oc, int a) =>
        new(row.Output + oc * (nint)row.Problem.OutputPlaneLength + (nint)(row.FirstOutputRow + a) * row.Problem.OutputWidth, row.Problem.OutputWidth);

    /// <summary>Everything the row loops need, pinned, and the input row being computed.</summary>
    private struct Row(ConvTranspose2dProblem problem, ConvTranspose2dTile tile, float* weights, float* bias, float* output,
        int firstColumn, int paddedWidth)
    {
        public ConvTranspose2dProblem Problem { get; } = problem;
        public ConvTranspose2dTile Tile { get; } = tile;

        /// <summary>The current input row, packed <c>[ic][PaddedWidth]</c>.</summary>
        public float* Input { get; set; }

        public float* Weights { get; } = weights;
        public float* Bias { get; } = bias;
        public float* Output { get; } = output;

        /// <summary>The input column at packed index 0.</summary>
        public int FirstColumn { get; } = firstColumn;

        /// <summary>The packed row's length per channel: a multiple of the narrowest micro-kernel's columns.</summary>
        public int PaddedWidth { get; } = paddedWidth;

        /// <summary>The output row of row phase 0 of the current input row (row phase 1 is the next one); may be -1 or past the tile.</summary>
        public int FirstOutputRow { get; set; }

        /// <summary>Whether row phase <paramref name="a"/> of the current input row is an output row of the tile.</summary>
        public readonly bool HasPhase(int a) => FirstOutputRow + a >= Tile.RowStart && FirstOutputRow + a < Tile.RowEnd;
    }
}
