using System;
using Xunit;

namespace TConvGen.Tests.Shared;

/// <summary>
/// Compares outputs that may hold NaN and infinities element by element, by class: each element must be NaN where the
/// expected one is NaN, +Inf where it is +Inf, -Inf where it is -Inf, and finite where it is finite, within
/// <see cref="OutputDifference.Relative"/> of the largest finite expected magnitude. (Compiled into each project that uses it.)
/// </summary>
internal static class OutputClassAssert
{
    /// <summary>The class of a float: what must match exactly.</summary>
    public enum ValueClass
    {
        /// <summary>Any finite value.</summary>
        Finite,

        /// <summary>Not a number.</summary>
        NaN,

        /// <summary>+Inf.</summary>
        PositiveInfinity,

        /// <summary>-Inf.</summary>
        NegativeInfinity,
    }

    /// <summary>The class of <paramref name="value"/>.</summary>
    public static ValueClass Of(float value) =>
        float.IsNaN(value) ? ValueClass.NaN
        : float.IsPositiveInfinity(value) ? ValueClass.PositiveInfinity
        : float.IsNegativeInfinity(value) ? ValueClass.NegativeInfinity
        : ValueClass.Finite;

    /// <summary>How many elements of <paramref name="values"/> are of each class, for tests that must show their data reach
    /// both finite and non-finite outputs.</summary>
    public static (int Finite, int NaN, int PositiveInfinity, int NegativeInfinity) Count(ReadOnlySpan<float> values)
    {
        int finite = 0, nan = 0, positive = 0, negative = 0;
        foreach (float value in values)
        {
            switch (Of(value))
            {
                case ValueClass.Finite: finite++; break;
                case ValueClass.NaN: nan++; break;
                case ValueClass.PositiveInfinity: positive++; break;
                default: negative++; break;
            }
        }
        return (finite, nan, positive, negative);
    }

    /// <summary>A description of every mismatch (the count and the first few), or null when each element matches by class
    /// and the finite ones are within tolerance.</summary>
    public static string? Mismatches(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        if (expected.Length != actual.Length)
            return $"{actual.Length} elements, expected {expected.Length}";
        double scale = 1e-30;
        foreach (float value in expected)
        {
            if (float.IsFinite(value))
                scale = Math.Max(scale, Math.Abs(value));
        }
        double tolerance = OutputDifference.Relative * scale;
        int count = 0;
        string first = "";
        for (int i = 0; i < expected.Length; i++)
        {
            var want = Of(expected[i]);
            bool same = want == Of(actual[i]) && (want != ValueClass.Finite || Math.Abs((double)expected[i] - actual[i]) <= tolerance);
            if (same)
                continue;
            if (count++ < 5)
                first += $" [{i}] {actual[i]} (expected {expected[i]});";
        }
        return count == 0 ? null : $"{count} of {expected.Length} outputs differ by class or beyond {tolerance:G3}:{first}";
    }

    /// <summary>Fails unless <paramref name="actual"/> matches <paramref name="expected"/> by class, element by element.</summary>
    public static void SameClasses(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        if (Mismatches(expected, actual) is string problem)
            Assert.Fail($"{what}: {problem}");
    }

    /// <summary><see cref="SameClasses"/> on the output part of an <see cref="OutputAssert.GuardedBuffer"/>, and its guard untouched.</summary>
    public static void SameClassesAndGuarded(float[] expected, float[] buffer, string what)
    {
        SameClasses(expected, buffer.AsSpan(0, expected.Length), what);
        int touched = OutputAssert.GuardTouchedAt(buffer, expected.Length);
        Assert.True(touched < 0, $"{what}: wrote past the output, at index {touched} of a {expected.Length}-element output");
    }
}
