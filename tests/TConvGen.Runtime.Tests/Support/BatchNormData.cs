using System;

namespace TConvGen.Runtime.Tests.Support;

/// <summary>BatchNorm's inference parameters as arrays, and its formula in double:
/// <c>(y - mean) / sqrt(var + eps) * gamma + beta</c>, as PyTorch's <c>batch_norm(training=False)</c> defines it.</summary>
public sealed record BatchNormData(float[] Weight, float[] Bias, float[] RunningMean, float[] RunningVariance, float Epsilon = 1e-5f)
{
    /// <summary>The runtime's view of these arrays.</summary>
    public BatchNormParameters Parameters => new(Weight, Bias, RunningMean, RunningVariance, Epsilon);

    /// <summary>BatchNorm of the value <paramref name="y"/> of channel <paramref name="channel"/>.</summary>
    public double Apply(int channel, double y) =>
        (y - RunningMean[channel]) / Math.Sqrt((double)RunningVariance[channel] + Epsilon) * Weight[channel] + Bias[channel];

    /// <summary>Random parameters for <paramref name="channels"/> channels: gamma and beta in [-1.5, 1.5), mean in [-1, 1),
    /// variance in [0.25, 2) (a trained network's range: the scale stays within a few units, so that an activation's
    /// slope does not magnify float32's rounding past the tests' tolerance).</summary>
    public static BatchNormData Random(Random random, int channels, float epsilon = 1e-5f)
    {
        float[] Draw(double low, double high)
        {
            var values = new float[channels];
            for (int i = 0; i < channels; i++)
                values[i] = (float)(low + random.NextDouble() * (high - low));
            return values;
        }
        return new BatchNormData(Draw(-1.5, 1.5), Draw(-1.5, 1.5), Draw(-1, 1), Draw(0.25, 2), epsilon);
    }
}
