using TConvGen.Bench.Suite;

namespace TConvGen.Bench.Reporting;

/// <summary>The median time of one case, or why it has none.</summary>
internal sealed record BenchResult(BenchShape Shape, string Implementation, bool IsPeer, int Threads, double? MedianNanoseconds, string? Missing = null)
{
    public double? GFlops => MedianNanoseconds is { } ns ? Shape.Flops / ns : null;
}
