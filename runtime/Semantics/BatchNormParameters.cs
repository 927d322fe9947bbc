using System;

namespace TConvGen;

/// <summary>
/// The inference parameters of a BatchNorm that follows a transposed convolution (PyTorch's <c>nn.BatchNorm1d</c> or
/// <c>nn.BatchNorm2d</c> in <c>eval()</c> mode), one value per output channel, for folding into the convolution's weights
/// and bias at Prepare: <c>y = (conv - running_mean) / sqrt(running_var + eps) * weight + bias</c>.
/// </summary>
/// <remarks>The spans are read once, when the kernel is prepared; they are never modified.</remarks>
public readonly ref struct BatchNormParameters
{
    /// <summary>Gathers the parameters.</summary>
    /// <param name="weight">gamma, PyTorch's <c>weight</c>, <c>(Cout)</c>.</param>
    /// <param name="bias">beta, PyTorch's <c>bias</c>, <c>(Cout)</c>.</param>
    /// <param name="runningMean">PyTorch's <c>running_mean</c>, <c>(Cout)</c>.</param>
    /// <param name="runningVariance">PyTorch's <c>running_var</c>, <c>(Cout)</c>; every value at least 0.</param>
    /// <param name="epsilon">PyTorch's <c>eps</c>, a finite number at least 0 (default 1e-5).</param>
    public BatchNormParameters(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, ReadOnlySpan<float> runningMean,
        ReadOnlySpan<float> runningVariance, float epsilon = 1e-5f)
    {
        Weight = weight;
        Bias = bias;
        RunningMean = runningMean;
        RunningVariance = runningVariance;
        Epsilon = epsilon;
    }

    /// <summary>gamma, the scale of each channel (PyTorch's <c>weight</c>).</summary>
    public ReadOnlySpan<float> Weight { get; }

    /// <summary>beta, the shift of each channel (PyTorch's <c>bias</c>).</summary>
    public ReadOnlySpan<float> Bias { get; }

    /// <summary>The mean of each channel (PyTorch's <c>running_mean</c>).</summary>
    public ReadOnlySpan<float> RunningMean { get; }

    /// <summary>The variance of each channel (PyTorch's <c>running_var</c>).</summary>
    public ReadOnlySpan<float> RunningVariance { get; }

    /// <summary>The number added to the variance (PyTorch's <c>eps</c>).</summary>
    public float Epsilon { get; }
}
