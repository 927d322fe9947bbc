using System;
using System.Linq;
using Xunit;

namespace TConvGen.Runtime.Tests.Support;

/// <summary>Every <see cref="ConvTransposeActivation"/>, LeakyReLU with its default slope and with 0.2, -0.5 and 3, for theory data.</summary>
public static class Activations
{
    /// <summary>The slopes LeakyReLU is tested with: the default, PyTorch's common 0.2, a negative and a steep one.</summary>
    public static readonly float[] LeakySlopes = [ConvTranspose2dRules.DefaultActivationSlope, 0.2f, -0.5f, 3f];

    /// <summary>Each activation once (LeakyReLU once per slope of <see cref="LeakySlopes"/>), as (activation, slope).</summary>
    public static (ConvTransposeActivation Activation, float Slope)[] All =>
        Enum.GetValues<ConvTransposeActivation>()
            .SelectMany(activation => activation == ConvTransposeActivation.LeakyRelu
                ? LeakySlopes.Select(slope => (activation, slope))
                : [(activation, ConvTranspose2dRules.DefaultActivationSlope)])
            .ToArray();

    /// <summary><see cref="All"/> as theory data.</summary>
    public static TheoryData<ConvTransposeActivation, float> Data()
    {
        var data = new TheoryData<ConvTransposeActivation, float>();
        foreach (var (activation, slope) in All)
            data.Add(activation, slope);
        return data;
    }

    /// <summary><paramref name="options"/> with the activation and slope.</summary>
    public static ConvTranspose2dOptions With(this ConvTranspose2dOptions options, ConvTransposeActivation activation, float slope) =>
        options with { Activation = activation, ActivationSlope = slope };
}
