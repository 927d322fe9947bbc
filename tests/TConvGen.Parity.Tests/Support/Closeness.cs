using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace TConvGen.Parity.Tests.Support;

/// <summary>The parity criterion: same shape, and every element within 1e-5 of the output's magnitude (its largest absolute value).</summary>
public static class Closeness
{
    /// <summary>The relative tolerance. Not to be loosened to make a test pass.</summary>
    public const double Relative = 1e-5;

    /// <summary>Asserts that <paramref name="actual"/> (TConvGen) matches <paramref name="expected"/> (the peer) in shape and values.</summary>
    public static void Assert(string what, float[] expected, IReadOnlyList<long> expectedShape, float[] actual, IReadOnlyList<long> actualShape)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        Xunit.Assert.True(expectedShape.SequenceEqual(actualShape),
            $"{what}: shape [{string.Join(", ", actualShape)}], peer has [{string.Join(", ", expectedShape)}].");
        Xunit.Assert.Equal(expected.Length, actual.Length);
        double magnitude = 0;
        foreach (float value in expected)
            magnitude = Math.Max(magnitude, Math.Abs(value));
        double tolerance = Relative * magnitude;
        int worst = -1;
        double worstError = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs((double)expected[i] - actual[i]);
            Xunit.Assert.False(double.IsNaN(error), $"{what}: output[{i}] = {actual[i]}, peer {expected[i]}.");
            if (worst < 0 || error > worstError)
            {
                worst = i;
                worstError = error;
            }
        }
        Xunit.Assert.True(expected.Length == 0 || worstError <= tolerance,
            $"{what}: output[{worst}] = {(worst >= 0 ? actual[worst] : 0):R}, peer {(worst >= 0 ? expected[worst] : 0):R}: " +
            $"error {worstError:R} > {Relative} * {magnitude:R}.");
    }
}
