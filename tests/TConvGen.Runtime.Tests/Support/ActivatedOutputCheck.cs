using System;
using System.Linq;
using TConvGen.Tests.Shared;

namespace TConvGen.Runtime.Tests.Support;

/// <summary>
/// The criterion for an activated output, in two parts. First, it is the activation of the kernel's own sums: the same kernel
/// run without activation, activated here in double, within the tests' tolerance (<see cref="OutputDifference"/>) of it; a
/// value activated twice, not at all or with another formula fails this. Second, it is the Reference's output within the
/// tolerance of the sums (1e-5 of their magnitude) carried through the activation, whose slope is at most
/// <see cref="Steepness"/>: the sums of 128 x 16 products may differ from the double ones by 1e-5 of a magnitude of 50 while
/// tanh maps them into [-1, 1], so 1e-5 of the activated magnitude would ask the float sums to be exact.
/// </summary>
internal static class ActivatedOutputCheck
{
    /// <summary>The largest slope of the activation: how far apart it can move two inputs.</summary>
    public static double Steepness(ConvTransposeActivation activation, float slope) => activation switch
    {
        ConvTransposeActivation.Sigmoid => 0.25,
        ConvTransposeActivation.LeakyRelu => Math.Max(1.0, Math.Abs(slope)),
        // max over x of d/dx x * sigmoid(x) is 1.0998.
        ConvTransposeActivation.Silu => 1.1,
        _ => 1.0,
    };

    /// <summary>Null when <paramref name="actual"/> meets both parts of the criterion, else what is wrong.</summary>
    /// <param name="plainReference">The Reference without activation.</param>
    /// <param name="reference">The Reference with it.</param>
    /// <param name="plainActual">The kernel without activation.</param>
    /// <param name="actual">The kernel with it.</param>
    public static string? Failure(ReadOnlySpan<float> plainReference, ReadOnlySpan<float> reference, ReadOnlySpan<float> plainActual, ReadOnlySpan<float> actual,
        ConvTransposeActivation activation, float slope)
    {
        var own = new float[plainActual.Length];
        for (int i = 0; i < own.Length; i++)
            own[i] = ActivationFunction.Apply(activation, slope, plainActual[i]);
        var self = OutputDifference.Between(own, actual);
        if (!self.IsClose)
            return $"not the activation of its own sums: {self.Describe("activated sum")}";
        var difference = OutputDifference.Between(reference, actual);
        double plainMagnitude = 0;
        foreach (float value in plainReference)
            plainMagnitude = Math.Max(plainMagnitude, Math.Abs(value));
        double tolerance = OutputDifference.Relative * Math.Max(difference.Magnitude, Steepness(activation, slope) * plainMagnitude);
        return difference.Error <= tolerance ? null
            : $"output[{difference.Index}] = {difference.Actual:R}, reference {difference.Expected:R}: error {difference.Error:R} > {tolerance:R}";
    }
}
