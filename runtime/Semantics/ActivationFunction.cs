using System;
using System.Globalization;

namespace TConvGen;

/// <summary>
/// What each <see cref="ConvTransposeActivation"/> computes, written once in scalar form as PyTorch defines it: the reference
/// applies it in double, and scalar tails of the kernels in float. The vector kernels use the same formulas
/// (<see cref="CompilerServices.IActivationFunction"/>).
/// </summary>
internal static class ActivationFunction
{
    /// <summary>The activation of <paramref name="x"/>. NaN stays NaN; <c>silu(-inf)</c> is NaN, as <c>x / (1 + exp(-x))</c> gives in PyTorch.</summary>
    public static double Apply(ConvTransposeActivation activation, double slope, double x) => activation switch
    {
        ConvTransposeActivation.None => x,
        ConvTransposeActivation.Relu => double.IsNaN(x) ? x : Math.Max(x, 0.0),
        ConvTransposeActivation.LeakyRelu => x > 0 ? x : x * slope,
        ConvTransposeActivation.Relu6 => double.IsNaN(x) ? x : Math.Min(Math.Max(x, 0.0), 6.0),
        ConvTransposeActivation.Sigmoid => 1.0 / (1.0 + Math.Exp(-x)),
        ConvTransposeActivation.Tanh => Math.Tanh(x),
        ConvTransposeActivation.Silu => x / (1.0 + Math.Exp(-x)),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation."),
    };

    /// <summary>The activation of <paramref name="x"/> in float (computed in double and rounded once).</summary>
    public static float Apply(ConvTransposeActivation activation, float slope, float x) => (float)Apply(activation, (double)slope, x);

    /// <summary>PyTorch's module name, e.g. <c>ReLU()</c> or <c>LeakyReLU(negative_slope=0.2)</c>.</summary>
    public static string Describe(ConvTransposeActivation activation, float slope) => activation switch
    {
        ConvTransposeActivation.None => "Identity()",
        ConvTransposeActivation.Relu => "ReLU()",
        ConvTransposeActivation.LeakyRelu => "LeakyReLU(negative_slope=" + slope.ToString(CultureInfo.InvariantCulture) + ")",
        ConvTransposeActivation.Relu6 => "ReLU6()",
        ConvTransposeActivation.Sigmoid => "Sigmoid()",
        ConvTransposeActivation.Tanh => "Tanh()",
        ConvTransposeActivation.Silu => "SiLU()",
        _ => activation.ToString(),
    };
}
