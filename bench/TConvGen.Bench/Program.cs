using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.Intrinsics;
using System.Text;
using TConvGen.Bench.Implementations;
using TConvGen.Bench.Measurement;
using TConvGen.Bench.Reporting;
using TConvGen.Bench.Suite;

namespace TConvGen.Bench;

/// <summary>
/// The benchmark: checks every implementation against the reference (a wrong TConvGen implementation stops it; a wrong peer
/// is timed anyway and marked wrong), then times the suite at 1 and 2 threads.
/// <c>--quick</c>: few iterations (minutes), writes bench/results/quick.md and quick.png.
/// <c>--full</c>: more iterations, writes bench/results/full.md and full.png.
/// <c>--shapes a,b</c>, <c>--impls Dynamic,...</c>, <c>--threads 1,2</c> restrict the run; <c>--verbose</c> shows BenchmarkDotNet's log.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args is [OneDnnVerbose.ChildArgument, string shapeId])
            return OneDnnVerbose.RunChild(shapeId);
        bool quick = !args.Contains("--full");
        var shapes = Option(args, "--shapes") is { } shapeIds
            ? ShapeSuite.All.Where(s => shapeIds.Split(',').Contains(s.Id)).ToList()
            : ShapeSuite.All.ToList();
        var implementations = Option(args, "--impls") is { } names
            ? names.Split(',').ToList()
            : ImplementationCatalog.Default.ToList();
        var threadCounts = (Option(args, "--threads") ?? "1,2").Split(',').Select(int.Parse).ToList();

        string resultsFolder = Path.Combine(RepositoryRoot(), "bench", "results");
        Directory.CreateDirectory(resultsFolder);
        string runName = quick ? "quick" : "full";

        Console.WriteLine($"TConvGen benchmark ({runName}): {shapes.Count} shapes x {implementations.Count} implementations x threads {string.Join(",", threadCounts)}");
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, Vector256 accelerated: {Vector256.IsHardwareAccelerated}, Vector512 accelerated: {Vector512.IsHardwareAccelerated}");

        Console.WriteLine(MallocTuning.Apply());
        Console.WriteLine("Checking every implementation against the reference...");
        var verification = OutputVerifier.Verify(shapes, implementations, threadCounts.Max());
        Console.WriteLine(verification.WrongPeers.Count == 0
            ? "All outputs match the reference."
            : $"TConvGen's outputs match the reference; {verification.WrongPeers.Count} peer output(s) do not (timed anyway, marked wrong).");

        var peaks = MachinePeaks.Measure();
        string peakLine = string.Format(CultureInfo.InvariantCulture,
            "Measured one-core peaks: Vector256 FMA {0:0.0} GFLOP/s, Vector512 FMA {1:0.0} GFLOP/s{2}; copy bandwidth {3:0.0} GB/s.",
            peaks.Vector256GFlops, peaks.Vector512GFlops, peaks.Vector512Accelerated ? "" : " (not accelerated)", peaks.CopyGBytesPerSecond);
        Console.WriteLine(peakLine);

        var results = SuiteRunner.Run(shapes, implementations, threadCounts, verification, quick,
            Path.Combine(resultsFolder, "BenchmarkDotNet.Artifacts"), args.Contains("--verbose"));

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"# TConvGen benchmark ({runName})");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · {Environment.ProcessorCount} cores · .NET {Environment.Version} · {Environment.OSVersion}");
        report.AppendLine();
        report.AppendLine(peakLine);
        report.AppendLine();
        report.Append(ResultTable.Render(results));
        string table = report.ToString();
        Console.WriteLine();
        Console.WriteLine(table);

        File.WriteAllText(Path.Combine(resultsFolder, runName + ".md"), table);
        ResultChart.Save(results, Path.Combine(resultsFolder, runName + ".png"),
            peaks.Vector512Accelerated ? peaks.Vector512GFlops : peaks.Vector256GFlops);
        Console.WriteLine($"Wrote {Path.Combine(resultsFolder, runName + ".md")} and {runName}.png");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        int index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>The folder holding TConvGen.sln, so results land in bench/results whatever the working directory.</summary>
    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "TConvGen.sln")))
                return folder.FullName;
        }
        return Directory.GetCurrentDirectory();
    }
}
