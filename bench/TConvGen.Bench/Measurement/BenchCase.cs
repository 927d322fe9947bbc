namespace TConvGen.Bench.Measurement;

/// <summary>One cell of the benchmark: a suite shape, an implementation and a thread count.</summary>
public sealed record BenchCase(string ShapeId, string Implementation, int Threads)
{
    public override string ToString() => $"{ShapeId} | {Implementation} | {Threads}t";
}
