using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using TConvGen.Bench.Implementations;
using TConvGen.Bench.Measurement;
using TConvGen.Bench.Reporting;

namespace TConvGen.Bench;

/// <summary>
/// The benchmark: checks every implementation against the reference (a wrong TConvGen implementation stops it; a wrong peer
/// is timed anyway and marked wrong), then times the suite at 1 and 2 threads.
/// <c>--quick</c>: few iterations (minutes), writes bench/results/quick.md and quick.png.
/// <c>--full</c>: more iterations, writes bench/results/full.md and full.png.
/// <c>--shapes a,b</c>, <c>--impls Dynamic,...</c>, <c>--threads 1,2</c> restrict the run; <c>--verbose</c> shows BenchmarkDotNet's log.
/// <c>--widths default,256,128</c>: runs the benchmark once per SIMD width, each in a child process started with that
/// width's switches (the JIT and libtorch read them only at start-up): <c>default</c> sets nothing; <c>256</c> sets
/// DOTNET_EnableAVX512=0 for TConvGen and ONEDNN_MAX_CPU_ISA=AVX2 ATEN_CPU_CAPABILITY=avx2 for libtorch; <c>128</c> sets
/// DOTNET_EnableAVX2=0 and ONEDNN_MAX_CPU_ISA=SSE41 ATEN_CPU_CAPABILITY=default. ONNX Runtime has no such switch and runs
/// its own default ISA at every width; at 256 and 128 the ratios compare with libtorch only. Each child checks its switch
/// took effect and measures its width's peak; the report (bench/results/quick.md or full.md) has a section per width,
/// the charts are quick-default.png, quick-256.png, quick-128.png (or full-...).
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args is [OneDnnVerbose.ChildArgument, string shapeId])
            return OneDnnVerbose.RunChild(shapeId);
        var options = BenchOptions.Parse(args);
        string resultsFolder = Path.Combine(RepositoryRoot(), "bench", "results");
        Directory.CreateDirectory(resultsFolder);
        if (options.Widths is not null && options.ChildWidth is null)
            return RunWidths(options, resultsFolder);

        var width = options.ChildWidth ?? WidthSetting.Default;
        string section = RunHere(options, width, resultsFolder, options.ChildWidth is null ? options.RunName : $"{options.RunName}-{width.Key}");
        if (options.SectionFile is { } sectionFile)
        {
            File.WriteAllText(sectionFile, section);
            return 0;
        }
        string report = Header(options) + section;
        Console.WriteLine();
        Console.WriteLine(report);
        File.WriteAllText(Path.Combine(resultsFolder, options.RunName + ".md"), report);
        Console.WriteLine($"Wrote {Path.Combine(resultsFolder, options.RunName + ".md")} and {options.RunName}.png");
        return 0;
    }

    /// <summary>Verifies, measures the peaks and times the suite in this process at <paramref name="width"/>; saves the chart
    /// as <paramref name="chartName"/>.png and returns the report's text for this width.</summary>
    private static string RunHere(BenchOptions options, WidthSetting width, string resultsFolder, string chartName)
    {
        Console.WriteLine($"TConvGen benchmark ({options.RunName}): {options.Shapes.Count} shapes x {options.Implementations.Count} implementations x threads {string.Join(",", options.ThreadCounts)}");
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, accelerated: {WidthSetting.Accelerated()}");
        var section = new StringBuilder();
        if (options.ChildWidth is not null)
        {
            width.CheckTookEffect();
            section.Append(WidthPreamble(options, width));
            Console.Write(section);
        }

        Console.WriteLine(MallocTuning.Apply());
        Console.WriteLine("Checking every implementation against the reference...");
        var implementations = width.IsNarrowed ? options.Implementations.Where(n => n != NaiveImplementation.DisplayName).ToList() : options.Implementations;
        var verification = OutputVerifier.Verify(options.Shapes, implementations, options.ThreadCounts.Max());
        Console.WriteLine(verification.WrongPeers.Count == 0
            ? "All outputs match the reference."
            : $"TConvGen's outputs match the reference; {verification.WrongPeers.Count} peer output(s) do not (timed anyway, marked wrong).");

        var peaks = MachinePeaks.Measure();
        Console.WriteLine(peaks);
        var results = SuiteRunner.Run(options.Shapes, implementations, options.ThreadCounts, verification, width, options.Quick,
            Path.Combine(resultsFolder, "BenchmarkDotNet.Artifacts"), options.Verbose);
        // Measured again after the timing, the better of the two kept: one measurement can fall in a busy moment.
        peaks = peaks.Best(MachinePeaks.Measure());
        string peakLine = peaks + " (the better of before and after the timing)";
        Console.WriteLine(peakLine);
        section.AppendLine(peakLine);
        section.AppendLine();

        section.Append(ResultTable.Render(results, peaks.WidestGFlops));
        section.AppendLine();
        section.Append(PairedCosts.Measure(options.Shapes, implementations));
        ResultChart.Save(results, Path.Combine(resultsFolder, chartName + ".png"), peaks.WidestGFlops, options.ChildWidth?.Title);
        return section.ToString();
    }

    /// <summary>A width's section title, its switches, what the JIT accelerates and what oneDNN reports (checked against the cap).</summary>
    private static string WidthPreamble(BenchOptions options, WidthSetting width)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## {width.Title}");
        text.AppendLine();
        text.AppendLine(width.Description + ".");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Accelerated in this run: {WidthSetting.Accelerated()}.");
        // libtorch runs single-channel layers without oneDNN: ask about the widest layer of the run.
        if (options.Implementations.Contains(LibTorchImplementation.DisplayName) && options.Shapes.MaxBy(s => s.WeightLength) is { } widest)
            text.AppendLine(CultureInfo.InvariantCulture, $"libtorch: {OneDnnIsaLine(widest, width)}.");
        if (width.IsNarrowed && options.Implementations.Contains(NaiveImplementation.DisplayName))
            text.AppendLine("The naive scatter loop is scalar: it is timed at the default width only.");
        text.AppendLine();
        return text.ToString();
    }

    /// <summary>The parent of a <c>--widths</c> run: one child per width, then the combined report.</summary>
    private static int RunWidths(BenchOptions options, string resultsFolder)
    {
        var report = new StringBuilder(Header(options));
        try
        {
            foreach (var (width, section, elapsed) in WidthRuns.Run(options))
            {
                report.Append(section);
                report.AppendLine();
                report.AppendLine(CultureInfo.InvariantCulture, $"{width.Title}: wall time {elapsed:m\\:ss} (verification, peaks and timing).");
                report.AppendLine();
            }
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine("ERROR: " + e.Message);
            return 1;
        }
        string path = Path.Combine(resultsFolder, options.RunName + ".md");
        File.WriteAllText(path, report.ToString());
        Console.WriteLine();
        Console.WriteLine(report);
        Console.WriteLine($"Wrote {path} and {string.Join(", ", options.Widths!.Select(w => $"{options.RunName}-{w.Key}.png"))}");
        return 0;
    }

    private static string Header(BenchOptions options) =>
        $"# TConvGen benchmark ({options.RunName}{(options.Widths is { } widths ? ", widths " + string.Join(", ", widths.Select(w => w.Title)) : "")})\n\n" +
        $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · {Environment.ProcessorCount} cores · .NET {Environment.Version} · {Environment.OSVersion}\n\n";

    /// <summary>e.g. <c>oneDNN reports isa Intel AVX2 ..., ran conv:any+jit:avx2 on d</c>: evidence that the cap reached it
    /// (checked against <paramref name="width"/>'s cap; ATen's own kernels print nothing to check).</summary>
    private static string OneDnnIsaLine(Suite.BenchShape shape, WidthSetting width)
    {
        if (OneDnnVerbose.Run(shape) is not { } report)
            return "oneDNN's verbose run failed";
        if (report.Isa is { } isa)
            width.CheckOneDnnIsa(isa);
        return $"oneDNN reports isa `{report.Isa ?? "?"}`; on {shape.Id} it ran `{report.Implementation ?? "no oneDNN (de)convolution"}`";
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
