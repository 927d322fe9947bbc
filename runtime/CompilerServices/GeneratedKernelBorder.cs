using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TConvGen.CompilerServices;

/// <summary>
/// Building block for generated kernels: the exact scalar computation of output pixels whose taps may fall outside the
/// input (the borders), reading PyTorch-layout weights. Generated code calls it for the few rows and columns where an
/// unrolled vector body would need bounds tests. Not meant to be called by user code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedKernelBorder
{
    /// <summary>Computes <c>output[outChannel, row, columnStart..columnEnd)</c> of one image, bias included.</summary>
    /// <param name="input">One image's input, <c>(Cin, Hin, Win)</c>.</param>
    /// <param name="weight">The weights in PyTorch's layout, <c>(Cin, Cout/groups, kH, kW)</c>.</param>
    /// <param name="bias">The bias, <c>(Cout)</c>, or empty for none.</param>
    /// <param name="output">One image's output, <c>(Cout, Hout, Wout)</c>.</param>
    /// <param name="problem">The validated problem.</param>
    /// <param name="outChannel">The absolute output channel.</param>
    /// <param name="row">The output row.</param>
    /// <param name="columnStart">The first output column.</param>
    /// <param name="columnEnd">One past the last output column.</param>
    public static void ComputeRowSpan(ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> output,
        ConvTranspose2dProblem problem, int outChannel, int row, int columnStart, int columnEnd)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var o = problem.Options;
        int outPerGroup = problem.OutChannelsPerGroup, inPerGroup = problem.InChannelsPerGroup;
        int group = outChannel / outPerGroup, local = outChannel % outPerGroup;
        int kernelPlane = o.KernelHeight * o.KernelWidth;
        // Checked once here so that the reduction below can walk both tensors without bounds checks.
        if (input.Length < problem.InputImageLength || output.Length < problem.OutputImageLength || weight.Length < problem.WeightLength ||
            (!bias.IsEmpty && bias.Length < problem.OutChannels) || (uint)outChannel >= (uint)problem.OutChannels || (uint)row >= (uint)problem.OutputHeight ||
            columnStart < 0 || columnEnd > problem.OutputWidth)
        {
            throw new ArgumentException("The spans or indices do not match the problem.");
        }
        var outputRow = output.Slice((outChannel * problem.OutputHeight + row) * problem.OutputWidth, problem.OutputWidth);
        float initial = bias.IsEmpty ? 0f : bias[outChannel];
        ref float inputGroup = ref Unsafe.Add(ref MemoryMarshal.GetReference(input), group * inPerGroup * problem.InputPlaneLength);
        ref float weightChannel = ref Unsafe.Add(ref MemoryMarshal.GetReference(weight), (group * inPerGroup * outPerGroup + local) * kernelPlane);
        int weightStride = outPerGroup * kernelPlane;
        // Tap tables computed once per call, so that the per-pixel loop has no divisions.
        int rowTaps = 0;
        Span<int> validKy = o.KernelHeight <= 64 ? stackalloc int[o.KernelHeight] : new int[o.KernelHeight];
        Span<int> validIy = o.KernelHeight <= 64 ? stackalloc int[o.KernelHeight] : new int[o.KernelHeight];
        for (int ky = 0; ky < o.KernelHeight; ky++)
        {
            int iy = SourceIndex(row, ky, o.StrideHeight, o.PaddingHeight, o.DilationHeight, problem.InputHeight);
            if (iy >= 0)
            {
                validKy[rowTaps] = ky;
                validIy[rowTaps++] = iy;
            }
        }
        Span<int> columnPhase = o.KernelWidth <= 64 ? stackalloc int[o.KernelWidth] : new int[o.KernelWidth];
        Span<int> columnOffset = o.KernelWidth <= 64 ? stackalloc int[o.KernelWidth] : new int[o.KernelWidth];
        for (int kx = 0; kx < o.KernelWidth; kx++)
        {
            columnPhase[kx] = (int)((long)kx * o.DilationWidth % o.StrideWidth);
            columnOffset[kx] = (int)((long)kx * o.DilationWidth / o.StrideWidth);
        }
        for (int column = columnStart; column < columnEnd; column++)
        {
            float sum = initial;
            int shifted = column + o.PaddingWidth;
            int quotient = shifted / o.StrideWidth, phase = shifted - quotient * o.StrideWidth;
            for (int t = 0; t < rowTaps; t++)
            {
                int ky = validKy[t];
                ref float inputRow = ref Unsafe.Add(ref inputGroup, validIy[t] * problem.InputWidth);
                for (int kx = 0; kx < o.KernelWidth; kx++)
                {
                    int ix = quotient - columnOffset[kx];
                    if (columnPhase[kx] != phase || ix < 0 || ix >= problem.InputWidth)
                        continue;
                    sum += Reduce(ref Unsafe.Add(ref inputRow, ix), problem.InputPlaneLength,
                        ref Unsafe.Add(ref weightChannel, ky * o.KernelWidth + kx), weightStride, inPerGroup);
                }
            }
            outputRow[column] = sum;
        }
    }

    /// <summary>The sum over <paramref name="count"/> input channels of input x weight, four partial sums to hide the add latency.</summary>
    private static float Reduce(ref float input, int inputStride, ref float weight, int weightStride, int count)
    {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        nint x = 0, w = 0;
        for (; i + 4 <= count; i += 4, x += 4 * (nint)inputStride, w += 4 * (nint)weightStride)
        {
            s0 += Unsafe.Add(ref input, x) * Unsafe.Add(ref weight, w);
            s1 += Unsafe.Add(ref input, x + inputStride) * Unsafe.Add(ref weight, w + weightStride);
            s2 += Unsafe.Add(ref input, x + 2 * (nint)inputStride) * Unsafe.Add(ref weight, w + 2 * (nint)weightStride);
            s3 += Unsafe.Add(ref input, x + 3 * (nint)inputStride) * Unsafe.Add(ref weight, w + 3 * (nint)weightStride);
        }
        for (; i < count; i++, x += inputStride, w += weightStride)
            s0 += Unsafe.Add(ref input, x) * Unsafe.Add(ref weight, w);
        return (s0 + s1) + (s2 + s3);
    }

    /// <summary>The input index a tap reads for an output index, or -1 when the tap misses the input.</summary>
    private static int SourceIndex(int outputIndex, int tap, int stride, int padding, int dilation, int inputLength)
    {
        int scaled = outputIndex + padding - tap * dilation;
        if (scaled < 0 || scaled % stride != 0)
            return -1;
        int inputIndex = scaled / stride;
        return inputIndex < inputLength ? inputIndex : -1;
    }
}
