using System;
using Xunit;

namespace TConvGen.Tests.Shared;

/// <summary>
/// The generator tests' closeness criterion (compiled into each project that uses it): every element within 1e-5 of
/// the expected output's largest magnitude. Written so that a NaN output fails rather than slipping past a comparison.
/// </summary>
internal static class OutputAssert
{
    /// <summary>The relative tolerance. Not to be loosened to make a test pass.</summary>
    public const double Relative = 1e-5;

    /// <summary>Fails with the first element of <paramref name="actual"/> that is not within tolerance of <paramref name="expected"/>.</summary>
    public static void Close(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = 1e-30;
        foreach (float value in expected)
            scale = Math.Max(scale, Math.Abs(value));
        for (int i = 0; i < expected.Length; i++)
        {
            if (!(Math.Abs(expected[i] - actual[i]) <= Relative * scale))
                Assert.Fail($"{what}: output[{i}] is {actual[i]}, expected {expected[i]} (tolerance {Relative * scale}).");
        }
    }
}
