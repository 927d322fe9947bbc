using System;

namespace TConvGen.Tests.Shared;

/// <summary>
/// An output buffer with a guard behind it (compiled into each project that uses it): the output part starts as NaN, so
/// that an element a kernel leaves unwritten fails the comparison, and a kernel that stores past the output changes the guard.
/// </summary>
internal static class GuardedOutput
{
    /// <summary>Floats behind the output.</summary>
    public const int GuardLength = 256;

    private const float Guard = -12345.5f;

    /// <summary>A buffer of <paramref name="length"/> output floats (NaN) and the guard.</summary>
    public static float[] Create(int length)
    {
        var buffer = new float[length + GuardLength];
        buffer.AsSpan(0, length).Fill(float.NaN);
        buffer.AsSpan(length).Fill(Guard);
        return buffer;
    }

    /// <summary>The first index of the guard that a kernel changed, or -1.</summary>
    public static int TouchedAt(float[] buffer, int length) => Array.FindIndex(buffer, length, value => value != Guard);
}
