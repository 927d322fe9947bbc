using System;

namespace TConvGen.Tests.Shared;

/// <summary>Tensors with NaN and infinities planted in them, for the tests of non-finite values. (Compiled into each project
/// that uses it; public, as theory data.)</summary>
public static class NonFiniteData
{
    /// <summary>Where the non-finite values go, and which.</summary>
    public enum Placement
    {
        /// <summary>One +Inf weight.</summary>
        WeightPositiveInfinity,

        /// <summary>One -Inf weight.</summary>
        WeightNegativeInfinity,

        /// <summary>One NaN weight.</summary>
        WeightNaN,

        /// <summary>A +Inf, a -Inf and a NaN weight (where +Inf and -Inf meet, NaN).</summary>
        WeightMixed,

        /// <summary>One +Inf and one -Inf input.</summary>
        InputInfinities,

        /// <summary>One NaN input.</summary>
        InputNaN,

        /// <summary>A NaN and a +Inf bias.</summary>
        Bias,

        /// <summary>Non-finite values in the input, the weights and the bias at once.</summary>
        Everywhere,
    }

    /// <summary>Every placement, for theory data.</summary>
    public static Placement[] All => Enum.GetValues<Placement>();

    /// <summary>Plants the values of <paramref name="placement"/> at random positions of copies of the tensors (the bias
    /// only when there is one).</summary>
    internal static (float[] Input, float[] Weight, float[] Bias) Plant(Placement placement, Random random, float[] input, float[] weight, float[] bias)
    {
        ArgumentNullException.ThrowIfNull(random);
        float[] x = (float[])input.Clone(), w = (float[])weight.Clone(), b = (float[])bias.Clone();
        const float nan = float.NaN, plus = float.PositiveInfinity, minus = float.NegativeInfinity;
        switch (placement)
        {
            case Placement.WeightPositiveInfinity: Put(w, random, plus); break;
            case Placement.WeightNegativeInfinity: Put(w, random, minus); break;
            case Placement.WeightNaN: Put(w, random, nan); break;
            case Placement.WeightMixed: Put(w, random, plus, minus, nan); break;
            case Placement.InputInfinities: Put(x, random, plus, minus); break;
            case Placement.InputNaN: Put(x, random, nan); break;
            case Placement.Bias: Put(b, random, nan, plus); break;
            default:
                Put(x, random, minus);
                Put(w, random, plus, nan);
                Put(b, random, minus);
                break;
        }
        return (x, w, b);
    }

    /// <summary>Writes each value at its own random position (distinct positions while there are enough).</summary>
    private static void Put(float[] target, Random random, params float[] values)
    {
        if (target.Length == 0)
            return;
        var used = new bool[target.Length];
        foreach (float value in values)
        {
            int at = random.Next(target.Length);
            for (int tries = 0; used[at] && tries < target.Length; tries++)
                at = (at + 1) % target.Length;
            used[at] = true;
            target[at] = value;
        }
    }
}
