using System;

namespace TConvGen.Tests.Shared;

/// <summary>Random tensor data for the tests (compiled into each test project that uses it).</summary>
internal static class RandomData
{
    /// <summary><paramref name="count"/> values uniform in [-1, 1), drawn in order from <paramref name="random"/>.</summary>
    public static float[] Uniform(Random random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
            values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }
}
