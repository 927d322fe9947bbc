using System;
using Xunit;

namespace TConvGen.Tests.Shared;

/// <summary>
/// The tests' closeness criterion (<see cref="OutputDifference"/>) and output guard (<see cref="GuardedOutput"/>) as
/// assertions (compiled into each project that uses them).
/// </summary>
internal static class OutputAssert
{
    /// <summary>Fails with the worst element of <paramref name="actual"/> unless all are within tolerance of <paramref name="expected"/>.</summary>
    public static void Close(float[] expected, float[] actual, string what)
    {
        var difference = OutputDifference.Between(expected, actual);
        if (!difference.IsClose)
            Assert.Fail($"{what}: {difference.Describe("expected")}.");
    }

    /// <summary><see cref="GuardedOutput.Create"/>.</summary>
    public static float[] GuardedBuffer(int length) => GuardedOutput.Create(length);

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

    /// <summary><see cref="GuardedOutput.TouchedAt"/>.</summary>
    public static int GuardTouchedAt(float[] buffer, int length) => GuardedOutput.TouchedAt(buffer, length);
}
