using System;
using System.Globalization;

namespace TConvGen.Tests.Shared;

/// <summary>
/// How far an output is from an expected one: its worst element, measured against 1e-5 of the expected output's
/// magnitude (its largest absolute value), the tests' one closeness criterion. A NaN on either side is never within it.
/// (Compiled into each project that uses it.)
/// </summary>
/// <param name="Index">The element with the largest error (the first NaN, if any), or -1 for empty outputs.</param>
/// <param name="Expected">The expected value there.</param>
/// <param name="Actual">The value there.</param>
/// <param name="Error">|expected - actual| there (NaN if either is NaN).</param>
/// <param name="Magnitude">The expected output's largest absolute value.</param>
internal readonly record struct OutputDifference(int Index, float Expected, float Actual, double Error, double Magnitude)
{
    /// <summary>The relative tolerance. Not to be loosened to make a test pass.</summary>
    public const double Relative = 1e-5;

    /// <summary>The largest error allowed.</summary>
    public double Tolerance => Relative * Magnitude;

    /// <summary>Whether every element is within <see cref="Tolerance"/> (false when anything is NaN).</summary>
    public bool IsClose => Index < 0 || Error <= Tolerance;

    /// <summary>Measures <paramref name="actual"/> against <paramref name="expected"/>, element by element.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static OutputDifference Between(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual) =>
        Between(expected, actual, MagnitudeOf(expected));

    /// <summary>Measures <paramref name="actual"/> against <paramref name="expected"/> with a given magnitude (for an activated
    /// output: <see cref="ActivatedMagnitude"/>).</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static OutputDifference Between(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double magnitude)
    {
        if (expected.Length != actual.Length)
            throw new ArgumentException($"{actual.Length} values against {expected.Length} expected.", nameof(actual));
        int worst = -1;
        double worstError = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs((double)expected[i] - actual[i]);
            if (double.IsNaN(error))
                return new OutputDifference(i, expected[i], actual[i], error, magnitude);
            if (worst < 0 || error > worstError)
            {
                worst = i;
                worstError = error;
            }
        }
        return worst < 0
            ? new OutputDifference(-1, 0, 0, 0, 0)
            : new OutputDifference(worst, expected[worst], actual[worst], worstError, magnitude);
    }

    /// <summary>The largest absolute value of <paramref name="values"/> (NaN if one is NaN).</summary>
    public static double MagnitudeOf(ReadOnlySpan<float> values)
    {
        double magnitude = 0;
        foreach (float value in values)
            magnitude = float.IsNaN(value) ? double.NaN : Math.Max(magnitude, Math.Abs(value));
        return magnitude;
    }

    /// <summary>
    /// The magnitude an activated output is measured against. A kernel's rounding error is that of the convolution it
    /// computes, relative to the convolution's magnitude; the activation carries it at most multiplied by its Lipschitz bound
    /// <paramref name="lipschitz"/> (1 for ReLU, ReLU6 and tanh, 1/4 for sigmoid, 1.1 for SiLU, max(1, |slope|) for LeakyReLU).
    /// Tanh and sigmoid squash a convolution of magnitude 20 into [-1, 1] but not its error, so the output's own magnitude
    /// alone would demand 20 times the precision the convolution has. The output's magnitude stays a floor, for the
    /// activation's own rounding.
    /// </summary>
    /// <param name="convolution">The reference convolution without the activation (after BatchNorm where there is one).</param>
    /// <param name="activated">The reference output with it.</param>
    /// <param name="lipschitz">The activation's Lipschitz bound.</param>
    public static double ActivatedMagnitude(ReadOnlySpan<float> convolution, ReadOnlySpan<float> activated, double lipschitz) =>
        Math.Max(lipschitz * MagnitudeOf(convolution), MagnitudeOf(activated));

    /// <summary>e.g. <c>output[8] = 0.0764, expected -0.4886: error 0.565 &gt; 1E-05 * 1.26</c>.</summary>
    public string Describe(string expectedName) => Index < 0
        ? "empty output"
        : string.Create(CultureInfo.InvariantCulture,
            $"output[{Index}] = {Actual:R}, {expectedName} {Expected:R}: error {Error:R} {(IsClose ? "<=" : ">")} {Relative} * {Magnitude:R}");
}
