using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using TConvGen.Bench.Implementations;
using TConvGen.Bench.Suite;

namespace TConvGen.Bench.Measurement;

/// <summary>The BenchmarkDotNet class: one benchmark, parameterised by <see cref="BenchCase"/> (shape x implementation x threads).</summary>
public class ConvTransposeBenchmarks
{
    private static int s_started;

    private ConvImplementation? _implementation;

    /// <summary>The cases to run; set by the program before BenchmarkDotNet starts (the job runs in this process).</summary>
    internal static IReadOnlyList<BenchCase> Cases { get; set; } = [];

    /// <summary>When false, <see cref="Setup"/> prints one progress line per case (BenchmarkDotNet's own log is hidden).</summary>
    internal static bool Verbose { get; set; }

    public static IEnumerable<BenchCase> CaseSource() => Cases;

    [ParamsSource(nameof(CaseSource))]
    public BenchCase Case { get; set; } = new("a", "Dynamic", 1);

    [GlobalSetup]
    public void Setup()
    {
        if (!Verbose)
            Console.WriteLine($"  [{++s_started}/{Cases.Count}] {Case}");
        var shape = ShapeSuite.All.Single(s => s.Id == Case.ShapeId);
        _implementation = ImplementationCatalog.Create(Case.Implementation);
        _implementation.Setup(shape, new BenchData(shape), Case.Threads);
    }

    [Benchmark]
    public void ConvTranspose2d() => _implementation!.Run();

    [GlobalCleanup]
    public void Cleanup() => _implementation?.Dispose();
}
