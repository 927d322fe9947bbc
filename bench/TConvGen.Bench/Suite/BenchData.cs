using System;

namespace TConvGen.Bench.Suite;

/// <summary>Seeded random input, weights and bias for one shape: every implementation gets the same numbers.</summary>
internal sealed class BenchData
{
    public BenchData(BenchShape shape)
    {
        var random = new Random(HashCode.Combine(shape.Id.Length, shape.InChannels, shape.OutChannels, shape.Height));
        Input = Fill(random, shape.InputLength);
        Weight = Fill(random, shape.WeightLength);
        Bias = Fill(random, shape.OutChannels);
    }

    public float[] Input { get; }

    public float[] Weight { get; }

    public float[] Bias { get; }

    private static float[] Fill(Random random, int length)
    {
        var values = new float[length];
        for (int i = 0; i < values.Length; i++)
            values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }
}
