using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TConvGen.CompilerServices;

/// <summary>
/// Building block for generated kernels: the exact computation of output pixels whose taps may fall outside the input
/// (the borders), from the blocked weights of <see cref="GeneratedKernelWeights.PackBlocked"/>. Only the taps that land
/// inside the input are summed, as in the definition. Generated code calls it for the few rows and columns where an
/// unrolled body would need bounds tests. Not meant to be called by user code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedKernelBorder
{
    /// <summary>Computes the edges of one output row for a block of channels, bias included: columns <c>[0, leftEnd)</c> and
    /// <c>[rightStart, Wout)</c> of <c>output[outChannel .. outChannel + blockSize, row]</c> (one call per row keeps the per-row setup single).</summary>
    /// <param name="input">One image's input, <c>(Cin, Hin, Win)</c>.</param>
    /// <param name="packed">The weights packed by <see cref="GeneratedKernelWeights.PackBlocked"/>.</param>
    /// <param name="bias">The bias, <c>(Cout)</c> values (zeros for none).</param>
    /// <param name="output">One image's output, <c>(Cout, Hout, Wout)</c>.</param>
    /// <param name="problem">The validated problem.</param>
    /// <param name="outChannel">The first output channel of the block (absolute index), where a packed block starts.</param>
    /// <param name="blockSize">The channels of the packed block that starts at <paramref name="outChannel"/>.</param>
    /// <param name="row">The output row.</param>
    /// <param name="leftEnd">One past the last column of the left edge (the output width for a whole row).</param>
    /// <param name="rightStart">The first column of the right edge.</param>
    /// <exception cref="ArgumentException">A span or index does not match the problem.</exception>
    public static void ComputeRowSpan(ReadOnlySpan<float> input, ReadOnlySpan<float> packed, ReadOnlySpan<float> bias, Span<float> output,
        ConvTranspose2dProblem problem, int outChannel, int blockSize, int row, int leftEnd, int rightStart)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var o = problem.Options;
        int outPerGroup = problem.OutChannelsPerGroup, inPerGroup = problem.InChannelsPerGroup;
        int group = outChannel / Math.Max(outPerGroup, 1);
        // Checked once here so that the reduction below can walk every tensor without bounds checks.
        if (input.Length < problem.InputImageLength || output.Length < problem.OutputImageLength || packed.Length < problem.WeightLength ||
            bias.Length < problem.OutChannels || outChannel < 0 || blockSize < 1 || outChannel + blockSize > (group + 1) * outPerGroup ||
            (uint)row >= (uint)problem.OutputHeight || leftEnd < 0 || leftEnd > problem.OutputWidth || rightStart < 0)
        {
            throw new ArgumentException("The spans or indices do not match the problem.");
        }
        if (leftEnd == 0 && rightStart >= problem.OutputWidth)
            return;

        // Small tap tables live on the stack: this runs a few times per output row.
        bool small = o.KernelHeight <= 32 && o.KernelWidth <= 32;
        var taps = new BorderTaps(o, row, problem.InputHeight,
            small ? stackalloc int[o.KernelHeight] : new int[o.KernelHeight], small ? stackalloc int[o.KernelHeight] : new int[o.KernelHeight],
            small ? stackalloc int[o.KernelWidth] : new int[o.KernelWidth], small ? stackalloc int[o.KernelWidth] : new int[o.KernelWidth]);
        int kernelPlane = o.KernelHeight * o.KernelWidth;
        ref float inputGroup = ref Unsafe.Add(ref MemoryMarshal.GetReference(input), group * inPerGroup * problem.InputPlaneLength);
        ref float block = ref Unsafe.Add(ref MemoryMarshal.GetReference(packed), outChannel * inPerGroup * kernelPlane);
        ref float outputRow = ref Unsafe.Add(ref MemoryMarshal.GetReference(output), (outChannel * problem.OutputHeight + row) * problem.OutputWidth);
        Span<float> sums = blockSize <= 64 ? stackalloc float[blockSize] : new float[blockSize];
        // Two column ranges: the left edge, then the right edge (which does not overlap the left one).
        for (int pass = 0; pass < 2; pass++)
        {
            int start = pass == 0 ? 0 : Math.Max(leftEnd, rightStart);
            int end = pass == 0 ? leftEnd : problem.OutputWidth;
            for (int column = start; column < end; column++)
            {
                bias.Slice(outChannel, blockSize).CopyTo(sums);
                int shifted = column + o.PaddingWidth;
                int quotient = shifted / o.StrideWidth, phase = shifted - quotient * o.StrideWidth;
                for (int t = 0; t < taps.RowCount; t++)
                {
                    ref float inputRow = ref Unsafe.Add(ref inputGroup, taps.InputRow(t) * problem.InputWidth);
                    for (int kx = 0; kx < o.KernelWidth; kx++)
                    {
                        int ix = quotient - taps.ColumnOffset(kx);
                        if (taps.ColumnPhase(kx) != phase || ix < 0 || ix >= problem.InputWidth)
                            continue;
                        int tap = taps.KernelRow(t) * o.KernelWidth + kx;
                        Accumulate(sums, ref Unsafe.Add(ref inputRow, ix), problem.InputPlaneLength,
                            ref Unsafe.Add(ref block, tap * blockSize), kernelPlane * blockSize, inPerGroup);
                    }
                }
                for (int c = 0; c < blockSize; c++)
                    Unsafe.Add(ref outputRow, c * problem.OutputPlaneLength + column) = sums[c];
            }
        }
    }

    /// <summary>Adds, for every input channel, input x the block's weights of one tap (contiguous over the block's channels).</summary>
    private static void Accumulate(Span<float> sums, ref float input, int inputStride, ref float weights, int weightStride, int inputChannels)
    {
        if (sums.Length == 8 && Vector256.IsHardwareAccelerated)
        {
            var sum = Vector256.Create<float>(sums);
            for (int i = 0; i < inputChannels; i++)
                sum += Vector256.Create(Unsafe.Add(ref input, (nint)i * inputStride)) * Vector256.LoadUnsafe(ref weights, (nuint)((nint)i * weightStride));
            sum.CopyTo(sums);
            return;
        }
        if (sums.Length == 4 && Vector128.IsHardwareAccelerated)
        {
            var sum = Vector128.Create<float>(sums);
            for (int i = 0; i < inputChannels; i++)
                sum += Vector128.Create(Unsafe.Add(ref input, (nint)i * inputStride)) * Vector128.LoadUnsafe(ref weights, (nuint)((nint)i * weightStride));
            sum.CopyTo(sums);
            return;
        }
        for (int i = 0; i < inputChannels; i++)
        {
            float x = Unsafe.Add(ref input, (nint)i * inputStride);
            ref float w = ref Unsafe.Add(ref weights, (nint)i * weightStride);
            for (int c = 0; c < sums.Length; c++)
                sums[c] += x * Unsafe.Add(ref w, c);
        }
    }

    /// <summary>The taps of one output row that land inside the input, and every kernel column's phase and offset.</summary>
    private readonly ref struct BorderTaps
    {
        private readonly Span<int> _kernelRows;
        private readonly Span<int> _inputRows;
        private readonly Span<int> _columnPhases;
        private readonly Span<int> _columnOffsets;

        public BorderTaps(ConvTranspose2dOptions o, int row, int inputHeight, Span<int> kernelRows, Span<int> inputRows, Span<int> columnPhases, Span<int> columnOffsets)
        {
            _kernelRows = kernelRows;
            _inputRows = inputRows;
            int count = 0;
            for (int ky = 0; ky < o.KernelHeight; ky++)
            {
                int scaled = row + o.PaddingHeight - ky * o.DilationHeight;
                if (scaled < 0 || scaled % o.StrideHeight != 0 || scaled / o.StrideHeight >= inputHeight)
                    continue;
                _kernelRows[count] = ky;
                _inputRows[count++] = scaled / o.StrideHeight;
            }
            RowCount = count;
            _columnPhases = columnPhases;
            _columnOffsets = columnOffsets;
            for (int kx = 0; kx < o.KernelWidth; kx++)
            {
                _columnPhases[kx] = (int)((long)kx * o.DilationWidth % o.StrideWidth);
                _columnOffsets[kx] = (int)((long)kx * o.DilationWidth / o.StrideWidth);
            }
        }

        /// <summary>How many kernel rows reach an input row.</summary>
        public int RowCount { get; }

        public int KernelRow(int index) => _kernelRows[index];

        public int InputRow(int index) => _inputRows[index];

        public int ColumnPhase(int kx) => _columnPhases[kx];

        public int ColumnOffset(int kx) => _columnOffsets[kx];
    }
}
