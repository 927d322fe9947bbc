using TConvGen.Bench.Measurement;
using TConvGen.Bench.Suite;

namespace TConvGen.Bench.Reporting;

/// <summary>The median time of one case, or why it has none; <paramref name="Wrong"/> says what ran and how its output
/// differs from the reference, for a peer that is wrong on the shape (timed and shown, left out of the ratios).</summary>
/// <param name="IsPeer">A peer the ratios compare with: a peer held to the run's width (every peer at the default width).</param>
internal sealed record BenchResult(BenchShape Shape, string Implementation, bool IsPeer, int Threads, double? MedianNanoseconds, string? Missing = null,
    WrongOutput? Wrong = null)
{
    public double? GFlops => MedianNanoseconds is { } ns ? Shape.Flops / ns : null;
}
