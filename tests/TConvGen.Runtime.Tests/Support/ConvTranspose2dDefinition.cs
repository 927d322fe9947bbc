using System;

namespace TConvGen.Runtime.Tests.Support;

/// <summary>
/// <c>conv_transpose2d</c> in double from its definition (a scatter: input pixel (ci, iy, ix) adds <c>x * w[ci, j, ky, kx]</c>
/// to output pixel <c>(iy*sH - pH + ky*dH, ix*sW - pW + kx*dW)</c> of channel <c>group*(Cout/g) + j</c>), then BatchNorm's
/// inference formula if one is given, then the options' activation; rounded to float once. Independent of the runtime.
/// </summary>
public static class ConvTranspose2dDefinition
{
    public static float[] Run(TestProblem problem, BatchNormData? batchNorm = null)
    {
        var o = problem.Options;
        var s = problem.Shape;
        int outH = problem.OutputHeight, outW = problem.OutputWidth, plane = outH * outW;
        int inPerGroup = s.InChannels / o.Groups, outPerGroup = s.OutChannels / o.Groups;
        var y = new double[s.Batch * s.OutChannels * plane];
        for (int n = 0; n < s.Batch; n++)
        {
            for (int co = 0; co < s.OutChannels; co++)
                y.AsSpan((n * s.OutChannels + co) * plane, plane).Fill(problem.Bias.Length == 0 ? 0 : problem.Bias[co]);
            for (int ci = 0; ci < s.InChannels; ci++)
            for (int iy = 0; iy < s.Height; iy++)
            for (int ix = 0; ix < s.Width; ix++)
            {
                double value = problem.Input[((n * s.InChannels + ci) * s.Height + iy) * s.Width + ix];
                for (int j = 0; j < outPerGroup; j++)
                {
                    int co = ci / inPerGroup * outPerGroup + j;
                    for (int ky = 0; ky < o.KernelHeight; ky++)
                    {
                        int oy = iy * o.StrideHeight - o.PaddingHeight + ky * o.DilationHeight;
                        if (oy < 0 || oy >= outH)
                            continue;
                        for (int kx = 0; kx < o.KernelWidth; kx++)
                        {
                            int ox = ix * o.StrideWidth - o.PaddingWidth + kx * o.DilationWidth;
                            if (ox >= 0 && ox < outW)
                                y[((n * s.OutChannels + co) * outH + oy) * outW + ox] += value * problem.Weight[((ci * outPerGroup + j) * o.KernelHeight + ky) * o.KernelWidth + kx];
                        }
                    }
                }
            }
        }
        var result = new float[y.Length];
        for (int k = 0; k < y.Length; k++)
        {
            double v = batchNorm is null ? y[k] : batchNorm.Apply(k / plane % s.OutChannels, y[k]);
            result[k] = (float)ActivationDefinition.Apply(o.Activation, o.ActivationSlope, v);
        }
        return result;
    }
}
