using System;

namespace TConvGen.Tests.Shared;

/// <summary>How much an activation may stretch an error: the largest slope of its function (for
/// <see cref="OutputDifference.ActivatedMagnitude"/>). Not compiled into the generator's tests, which see the generator's
/// linked copy of <see cref="ConvTransposeActivation"/> too. (Compiled into each project that uses it.)</summary>
internal static class ActivationLipschitz
{
    /// <summary>1 for ReLU, ReLU6 and tanh; 1/4 for sigmoid; 1.1 for SiLU; max(1, |slope|) for LeakyReLU; 1 for none.</summary>
    public static double Of(ConvTransposeActivation activation, float slope) => activation switch
    {
        ConvTransposeActivation.Sigmoid => 0.25,
        ConvTransposeActivation.Silu => 1.1,
        ConvTransposeActivation.LeakyRelu => Math.Max(1.0, Math.Abs((double)slope)),
        _ => 1.0,
    };
}
