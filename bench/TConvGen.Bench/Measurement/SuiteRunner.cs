using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;
using TConvGen.Bench.Implementations;
using TConvGen.Bench.Reporting;
using TConvGen.Bench.Suite;

namespace TConvGen.Bench.Measurement;

/// <summary>Runs the cases through BenchmarkDotNet (in process) and collects the medians.</summary>
internal static class SuiteRunner
{
    /// <param name="width">Which peers the ratios compare with: those it holds to its width (all at the default width).</param>
    public static List<BenchResult> Run(IReadOnlyList<BenchShape> shapes, IReadOnlyList<string> implementations, IReadOnlyList<int> threadCounts,
        Verification verification, WidthSetting width, bool quick, string artifactsPath, bool verbose)
    {
        var unavailable = verification.Unavailable;
        var cases = new List<BenchCase>();
        foreach (int threads in threadCounts)
        foreach (var shape in shapes)
        foreach (var name in implementations.Where(n => !unavailable.ContainsKey(n)))
        {
            // The naive loop is single-threaded: timing it again at more threads says nothing new.
            if (name == NaiveImplementation.DisplayName && threads > 1)
                continue;
            if (!ImplementationCatalog.Supports(name, shape))
                continue;
            cases.Add(new BenchCase(shape.Id, name, threads));
        }
        ConvTransposeBenchmarks.Cases = cases;
        ConvTransposeBenchmarks.Verbose = verbose;

        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(quick ? 2 : 3)
            .WithIterationCount(quick ? 7 : 15)
            .WithIterationTime(TimeInterval.FromMilliseconds(quick ? 40 : 100));
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(verbose ? ConsoleLogger.Default : new ErrorsOnlyLogger())
            .WithArtifactsPath(artifactsPath)
            .WithOptions(ConfigOptions.DisableLogFile | ConfigOptions.JoinSummary);
        var summary = BenchmarkRunner.Run<ConvTransposeBenchmarks>(config);

        var results = new List<BenchResult>();
        foreach (var benchCase in cases)
        {
            var shape = shapes.Single(s => s.Id == benchCase.ShapeId);
            var report = summary.Reports.FirstOrDefault(r => Equals(r.BenchmarkCase.Parameters["Case"], benchCase));
            bool isPeer = ImplementationCatalog.Create(benchCase.Implementation).IsPeer && width.Holds(benchCase.Implementation);
            double? median = report?.ResultStatistics?.Median;
            results.Add(new BenchResult(shape, benchCase.Implementation, isPeer, benchCase.Threads, median, median is null ? "failed" : null,
                verification.WrongPeers.GetValueOrDefault((benchCase.Implementation, shape.Id))));
        }
        foreach (var (name, reason) in unavailable)
        {
            Console.WriteLine($"{name} is not available on this machine: {reason}");
            foreach (int threads in threadCounts)
            foreach (var shape in shapes)
                results.Add(new BenchResult(shape, name, width.Holds(name), threads, null, "unavailable"));
        }
        return results;
    }
}
