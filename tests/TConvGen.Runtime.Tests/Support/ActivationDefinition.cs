using System;

namespace TConvGen.Runtime.Tests.Support;

/// <summary>PyTorch's activations in double, written here from their definitions (independent of the runtime's).</summary>
public static class ActivationDefinition
{
    public static double Apply(ConvTransposeActivation activation, double slope, double x) => activation switch
    {
        ConvTransposeActivation.None => x,
        ConvTransposeActivation.Relu => double.IsNaN(x) ? x : Math.Max(x, 0),
        ConvTransposeActivation.LeakyRelu => x > 0 ? x : slope * x,
        ConvTransposeActivation.Relu6 => double.IsNaN(x) ? x : Math.Min(Math.Max(x, 0), 6),
        ConvTransposeActivation.Sigmoid => 1 / (1 + Math.Exp(-x)),
        ConvTransposeActivation.Tanh => Math.Tanh(x),
        ConvTransposeActivation.Silu => x / (1 + Math.Exp(-x)),
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };
}
