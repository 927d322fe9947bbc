using System;
using TConvGen;
using TorchSharp;
using static TorchSharp.torch;

namespace TConvGen.Peers;

/// <summary>What libtorch computes after the convolution for the layers TConvGen fuses: <c>batch_norm</c> in inference mode,
/// then the options' activation, each as its own libtorch call (the unfused computation TConvGen must match).</summary>
public static class LibTorchPostOps
{
    /// <summary><c>batch_norm(y, mean, var, weight, bias, training: false, eps)</c>, or <paramref name="y"/> when there is none.</summary>
    public static Tensor BatchNorm(Tensor y, BatchNormData? batchNorm)
    {
        ArgumentNullException.ThrowIfNull(y);
        if (batchNorm is null)
            return y;
        long channels = batchNorm.Weight.Length;
        return nn.functional.batch_norm(y, torch.tensor(batchNorm.RunningMean, [channels]), torch.tensor(batchNorm.RunningVariance, [channels]),
            torch.tensor(batchNorm.Weight, [channels]), torch.tensor(batchNorm.Bias, [channels]), training: false, eps: batchNorm.Epsilon);
    }

    /// <summary>PyTorch's function for <paramref name="activation"/> applied to <paramref name="y"/>.</summary>
    public static Tensor Activate(Tensor y, ConvTransposeActivation activation, float slope) => activation switch
    {
        ConvTransposeActivation.None => y,
        ConvTransposeActivation.Relu => nn.functional.relu(y),
        ConvTransposeActivation.LeakyRelu => nn.functional.leaky_relu(y, slope),
        ConvTransposeActivation.Relu6 => nn.functional.relu6(y),
        ConvTransposeActivation.Sigmoid => nn.functional.sigmoid(y),
        ConvTransposeActivation.Tanh => nn.functional.tanh(y),
        ConvTransposeActivation.Silu => nn.functional.silu(y),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation."),
    };
}

/// <summary>BatchNorm's inference parameters, one value per output channel (PyTorch's <c>BatchNorm2d</c>/<c>BatchNorm1d</c>).</summary>
public sealed record BatchNormData(float[] Weight, float[] Bias, float[] RunningMean, float[] RunningVariance, float Epsilon = 1e-5f);
