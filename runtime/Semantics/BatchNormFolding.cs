using System;
using System.Globalization;

namespace TConvGen;

/// <summary>
/// A BatchNorm after a transposed convolution is an affine map per output channel, so it folds into the convolution:
/// <c>scale = gamma / sqrt(var + eps)</c>, <c>w' = w * scale[oc]</c>, <c>b' = (b - mean) * scale + beta</c>, computed in
/// double and rounded to float once. The kernel then applies the options' activation to the folded result, so the order is
/// conv, BatchNorm, activation.
/// </summary>
internal static class BatchNormFolding
{
    /// <summary>Checks the parameters for <paramref name="outChannels"/> channels.</summary>
    /// <exception cref="ArgumentException">A span does not hold one value per channel, or a variance is negative or NaN, or
    /// a variance plus epsilon is not positive.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Epsilon is negative, NaN or infinite.</exception>
    public static void Check(BatchNormParameters batchNorm, int outChannels)
    {
        CheckLength(batchNorm.Weight.Length, outChannels, "batchNorm.Weight");
        CheckLength(batchNorm.Bias.Length, outChannels, "batchNorm.Bias");
        CheckLength(batchNorm.RunningMean.Length, outChannels, "batchNorm.RunningMean");
        CheckLength(batchNorm.RunningVariance.Length, outChannels, "batchNorm.RunningVariance");
        float epsilon = batchNorm.Epsilon;
        if (!(epsilon >= 0) || float.IsPositiveInfinity(epsilon))
        {
            throw new ArgumentOutOfRangeException("batchNorm.Epsilon", epsilon, Format(
                $"batchNorm.Epsilon must be a finite number >= 0 (PyTorch's eps, default 1e-05), but got {epsilon}."));
        }
        for (int channel = 0; channel < outChannels; channel++)
        {
            float variance = batchNorm.RunningVariance[channel];
            // NaN fails this test too: a variance that is not a number is refused like a negative one.
            if (!(variance >= 0))
            {
                throw new ArgumentException(Format(
                    $"batchNorm.RunningVariance[{channel}] must be >= 0 (a negative variance is refused), but got {variance}."), "batchNorm.RunningVariance");
            }
            if ((double)variance + epsilon <= 0)
            {
                throw new ArgumentException(Format(
                    $"batchNorm.RunningVariance[{channel}] + batchNorm.Epsilon must be > 0 (it is divided by), but got {variance} + {epsilon}."), "batchNorm.RunningVariance");
            }
        }
    }

    /// <summary>The folded weight <c>(inChannels, outChannels/groups, kernelPlane)</c> and bias <c>(outChannels)</c>, in new
    /// arrays (the caller's spans are only read). An empty <paramref name="bias"/> counts as zero.</summary>
    public static (float[] Weight, float[] Bias) Fold(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, BatchNormParameters batchNorm,
        int inChannels, int outChannels, int groups, int kernelPlane)
    {
        var scale = new double[outChannels];
        var foldedBias = new float[outChannels];
        for (int oc = 0; oc < outChannels; oc++)
        {
            scale[oc] = batchNorm.Weight[oc] / Math.Sqrt((double)batchNorm.RunningVariance[oc] + batchNorm.Epsilon);
            double b = bias.IsEmpty ? 0.0 : bias[oc];
            foldedBias[oc] = (float)((b - batchNorm.RunningMean[oc]) * scale[oc] + batchNorm.Bias[oc]);
        }

        int inPerGroup = inChannels / groups, outPerGroup = outChannels / groups;
        var foldedWeight = new float[weight.Length];
        for (int ic = 0; ic < inChannels; ic++)
        {
            int firstOut = ic / inPerGroup * outPerGroup;
            for (int j = 0; j < outPerGroup; j++)
            {
                double s = scale[firstOut + j];
                int start = (ic * outPerGroup + j) * kernelPlane;
                for (int t = start; t < start + kernelPlane; t++)
                    foldedWeight[t] = (float)(weight[t] * s);
            }
        }
        return (foldedWeight, foldedBias);
    }

    private static void CheckLength(int actual, int outChannels, string name)
    {
        if (actual != outChannels)
            throw new ArgumentException($"{name} must have OutChannels = {outChannels} elements (one per output channel), but has {actual}.", name);
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
