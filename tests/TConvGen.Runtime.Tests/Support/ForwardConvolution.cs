namespace TConvGen.Runtime.Tests.Support;

/// <summary>
/// The forward convolution whose adjoint is the transposed convolution: conv2d from Cout channels of Hout x Wout to Cin
/// channels of Hin x Win with the same weight tensor read as (Cin, Cout/groups, kH, kW), stride, padding, dilation and
/// groups. Scalar, double precision, written from the definition of conv2d (a gather), independent of the runtime.
/// </summary>
public static class ForwardConvolution
{
    /// <summary><c>x[n, ci, iy, ix] = sum over co in ci's group, ky, kx of y[n, co, iy*s - p + ky*d, ix*s - p + kx*d] * w[ci, co % (Cout/g), ky, kx]</c>
    /// (terms outside the Hout x Wout image are zero).</summary>
    public static double[] Run(TestProblem problem, double[] y)
    {
        var o = problem.Options;
        var s = problem.Shape;
        int outH = problem.OutputHeight, outW = problem.OutputWidth;
        int inPerGroup = s.InChannels / o.Groups, outPerGroup = s.OutChannels / o.Groups;
        var x = new double[s.Batch * s.InChannels * s.Height * s.Width];
        for (int n = 0; n < s.Batch; n++)
        for (int ci = 0; ci < s.InChannels; ci++)
        {
            int g = ci / inPerGroup;
            for (int iy = 0; iy < s.Height; iy++)
            for (int ix = 0; ix < s.Width; ix++)
            {
                double sum = 0;
                for (int j = 0; j < outPerGroup; j++)
                {
                    int co = g * outPerGroup + j;
                    for (int ky = 0; ky < o.KernelHeight; ky++)
                    {
                        int oy = iy * o.StrideHeight - o.PaddingHeight + ky * o.DilationHeight;
                        if ((uint)oy >= (uint)outH)
                            continue;
                        for (int kx = 0; kx < o.KernelWidth; kx++)
                        {
                            int ox = ix * o.StrideWidth - o.PaddingWidth + kx * o.DilationWidth;
                            if ((uint)ox >= (uint)outW)
                                continue;
                            sum += y[((n * s.OutChannels + co) * outH + oy) * outW + ox]
                                 * problem.Weight[((ci * outPerGroup + j) * o.KernelHeight + ky) * o.KernelWidth + kx];
                        }
                    }
                }
                x[((n * s.InChannels + ci) * s.Height + iy) * s.Width + ix] = sum;
            }
        }
        return x;
    }
}
