using System;

namespace TConvGen;

/// <summary>
/// The definition, as the seed notebook writes it: every input pixel scatters <c>x * K</c> into a
/// <c>kH x kW</c> window of the output at stride steps. Scalar, single-threaded, accumulated in double; the activation is
/// applied in double before the one rounding to float.
/// </summary>
internal sealed class ReferenceConvTranspose2d : ConvTranspose2d
{
    public ReferenceConvTranspose2d(ConvTranspose2dOptions options) : base(options)
    {
    }

    public override string Algorithm => "Reference";

    protected override PreparedConvTranspose2d PrepareCore(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels) =>
        new Prepared(this, weight.ToArray(), bias.ToArray(), inChannels, outChannels);

    protected override void RunCore(ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> output,
        ConvTranspose2dProblem problem, int maxDegreeOfParallelism) =>
        Scatter(input, weight, bias, output, problem);

    /// <summary>The scatter loop over a validated problem.</summary>
    internal static void Scatter(ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> output,
        ConvTranspose2dProblem problem)
    {
        var o = problem.Options;
        int outHeight = problem.OutputHeight, outWidth = problem.OutputWidth;
        var sums = new double[problem.OutputImageLength];
        for (int n = 0; n < problem.Batch; n++)
        {
            for (int oc = 0; oc < problem.OutChannels; oc++)
                sums.AsSpan(oc * problem.OutputPlaneLength, problem.OutputPlaneLength).Fill(bias.IsEmpty ? 0.0 : bias[oc]);

            for (int ic = 0; ic < problem.InChannels; ic++)
            {
                int group = ic / problem.InChannelsPerGroup;
                for (int iy = 0; iy < problem.InputHeight; iy++)
                for (int ix = 0; ix < problem.InputWidth; ix++)
                {
                    double x = input[((n * problem.InChannels + ic) * problem.InputHeight + iy) * problem.InputWidth + ix];
                    for (int j = 0; j < problem.OutChannelsPerGroup; j++)
                    {
                        int oc = group * problem.OutChannelsPerGroup + j;
                        for (int ky = 0; ky < o.KernelHeight; ky++)
                        {
                            // 64 bits: i*s - p + k*d may pass the int range (strides and dilations near it are legal).
                            long oy = (long)iy * o.StrideHeight - o.PaddingHeight + (long)ky * o.DilationHeight;
                            if (oy < 0 || oy >= outHeight)
                                continue;
                            for (int kx = 0; kx < o.KernelWidth; kx++)
                            {
                                long ox = (long)ix * o.StrideWidth - o.PaddingWidth + (long)kx * o.DilationWidth;
                                if (ox < 0 || ox >= outWidth)
                                    continue;
                                float w = weight[((ic * problem.OutChannelsPerGroup + j) * o.KernelHeight + ky) * o.KernelWidth + kx];
                                sums[((long)oc * outHeight + oy) * outWidth + ox] += x * w;
                            }
                        }
                    }
                }
            }

            var image = output.Slice(n * problem.OutputImageLength, problem.OutputImageLength);
            for (int i = 0; i < image.Length; i++)
                image[i] = (float)ActivationFunction.Apply(o.Activation, o.ActivationSlope, sums[i]);
        }
    }

    private sealed class Prepared(ReferenceConvTranspose2d kernel, float[] weight, float[] bias, int inChannels, int outChannels)
        : PreparedConvTranspose2d(kernel, inChannels, outChannels)
    {
        protected internal override void RunCore(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, int maxDegreeOfParallelism) =>
            Scatter(input, weight, bias, output, problem);
    }
}
