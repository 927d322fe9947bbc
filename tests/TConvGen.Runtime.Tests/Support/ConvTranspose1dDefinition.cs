using System;

namespace TConvGen.Runtime.Tests.Support;

/// <summary>
/// <c>conv_transpose1d</c> in double from its definition (a scatter: input sample i of channel ci adds
/// <c>x * w[ci, j, t]</c> to output sample <c>i*s - p + t*d</c> of channel <c>group*(Cout/g) + j</c>), then
/// BatchNorm's inference formula if one is given, then the options' activation. Rounded to float once at the end. Independent of the runtime.
/// </summary>
public static class ConvTranspose1dDefinition
{
    /// <summary>Lout from the formula.</summary>
    public static int OutputLength(ConvTranspose1dOptions o, int length) =>
        (length - 1) * o.Stride - 2 * o.Padding + o.Dilation * (o.Kernel - 1) + o.OutputPadding + 1;

    public static float[] Run(ConvTranspose1dOptions o, ConvTranspose1dShape s, float[] x, float[] w, float[] b, BatchNormData? batchNorm = null)
    {
        int outLength = OutputLength(o, s.Length);
        int inPerGroup = s.InChannels / o.Groups, outPerGroup = s.OutChannels / o.Groups;
        var y = new double[s.Batch * s.OutChannels * outLength];
        for (int n = 0; n < s.Batch; n++)
        {
            for (int co = 0; co < s.OutChannels; co++)
                y.AsSpan((n * s.OutChannels + co) * outLength, outLength).Fill(b.Length == 0 ? 0 : b[co]);
            for (int ci = 0; ci < s.InChannels; ci++)
            {
                int g = ci / inPerGroup;
                for (int i = 0; i < s.Length; i++)
                {
                    double value = x[(n * s.InChannels + ci) * s.Length + i];
                    for (int j = 0; j < outPerGroup; j++)
                    for (int t = 0; t < o.Kernel; t++)
                    {
                        int at = i * o.Stride - o.Padding + t * o.Dilation;
                        if (at >= 0 && at < outLength)
                            y[(n * s.OutChannels + g * outPerGroup + j) * outLength + at] += value * w[(ci * outPerGroup + j) * o.Kernel + t];
                    }
                }
            }
        }
        var result = new float[y.Length];
        for (int k = 0; k < y.Length; k++)
        {
            double v = batchNorm is null ? y[k] : batchNorm.Apply(k / outLength % s.OutChannels, y[k]);
            result[k] = (float)ActivationDefinition.Apply(o.Activation, o.ActivationSlope, v);
        }
        return result;
    }
}
