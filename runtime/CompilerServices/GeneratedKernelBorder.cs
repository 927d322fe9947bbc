using System;
using System.ComponentModel;

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
        var outputRow = output.Slice((outChannel * problem.OutputHeight + row) * problem.OutputWidth, problem.OutputWidth);
        float initial = bias.IsEmpty ? 0f : bias[outChannel];
        for (int column = columnStart; column < columnEnd; column++)
        {
            float sum = initial;
            for (int ky = 0; ky < o.KernelHeight; ky++)
            {
                int iy = SourceIndex(row, ky, o.StrideHeight, o.PaddingHeight, o.DilationHeight, problem.InputHeight);
                if (iy < 0)
                    continue;
                for (int kx = 0; kx < o.KernelWidth; kx++)
                {
                    int ix = SourceIndex(column, kx, o.StrideWidth, o.PaddingWidth, o.DilationWidth, problem.InputWidth);
                    if (ix < 0)
                        continue;
                    int inputIndex = (group * inPerGroup * problem.InputHeight + iy) * problem.InputWidth + ix;
                    int weightIndex = (group * inPerGroup * outPerGroup + local) * kernelPlane + ky * o.KernelWidth + kx;
                    for (int ic = 0; ic < inPerGroup; ic++)
                        sum += input[inputIndex + ic * problem.InputPlaneLength] * weight[weightIndex + ic * outPerGroup * kernelPlane];
                }
            }
            outputRow[column] = sum;
        }
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
