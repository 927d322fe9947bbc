using System;
using Xunit;

namespace TConvGen.Tests.Shared;

/// <summary>
/// The tests' closeness criterion and output guard (compiled into each project that uses them): every element within 1e-5 of
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

    /// <summary>Floats behind the output in a <see cref="GuardedBuffer"/>.</summary>
    public const int GuardLength = 256;

    private const float Guard = -12345.5f;

    /// <summary>A buffer whose first <paramref name="length"/> floats are the output (filled with NaN, so that an element
    /// left unwritten fails) and whose tail is a guard: a kernel that stores past the output changes it.</summary>
    public static float[] GuardedBuffer(int length)
    {
        var buffer = new float[length + GuardLength];
        buffer.AsSpan(0, length).Fill(float.NaN);
        buffer.AsSpan(length).Fill(Guard);
        return buffer;
    }

    /// <summary><see cref="Close"/> on the output part of a <see cref="GuardedBuffer"/>, and its guard untouched.</summary>
    public static void CloseAndGuarded(float[] expected, float[] buffer, string what)
    {
        Close(expected, buffer[..expected.Length], what);
        GuardUntouched(buffer, expected.Length, what);
    }

    /// <summary>Fails if a kernel changed the guard of a <see cref="GuardedBuffer"/> whose output is <paramref name="length"/> floats.</summary>
    public static void GuardUntouched(float[] buffer, int length, string what)
    {
        int touched = GuardTouchedAt(buffer, length);
        Assert.True(touched < 0, $"{what}: wrote past the output, at index {touched} of a {length}-element output");
    }

    /// <summary>The first index of a <see cref="GuardedBuffer"/>'s guard that a kernel changed, or -1.</summary>
    public static int GuardTouchedAt(float[] buffer, int length) => Array.FindIndex(buffer, length, value => value != Guard);
}
