using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using TConvGen.Bench.Implementations;
using TConvGen.Bench.Suite;

namespace TConvGen.Bench.Measurement;

/// <summary>
/// Costs measured in pairs, where a ratio near 1 is the claim: what a fused activation costs (for each shape with an activation,
/// <c>e+relu</c>, and each TConvGen implementation, the plain and the activated layer), and what the 1-D API costs over the
/// 2-D kernel with height 1 (the generated and dynamic ConvTranspose1d against the generated and dynamic ConvTranspose2d on
/// the same layer), and the generated kernel against the dynamic one on every shape (a tie where the generated kernel hands the
/// layer over, or runs the same Winograd driver with its own transforms). The two sides run alternately, one thread, many rounds, and the ratio is the median of one side's times
/// over the other's. Interleaving cancels the drift of a shared machine that separate BenchmarkDotNet cases minutes apart do
/// not (those moved by ±20% here on identical code).
/// </summary>
internal static class PairedCosts
{
    private const int Rounds = 41;

    /// <summary>Runs a round until it has taken about this long, so that short layers are timed over many calls.</summary>
    private static readonly TimeSpan RoundTime = TimeSpan.FromMilliseconds(8);

    /// <summary>The three tables, each left out when the run has nothing to pair for it.</summary>
    public static string Measure(IReadOnlyList<BenchShape> shapes, IReadOnlyList<string> implementations) =>
        GeneratedTable(shapes, implementations) + ActivationTable(shapes, implementations) + LineTable(shapes, implementations);

    /// <summary>The dynamic kernel's time over the generated kernel's, on every shape both run.</summary>
    private static string GeneratedTable(IReadOnlyList<BenchShape> shapes, IReadOnlyList<string> implementations)
    {
        if (!implementations.Contains("Generated") || !implementations.Contains("Dynamic"))
            return "";
        var text = new StringBuilder();
        text.AppendLine("### Generated against dynamic, paired");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Median time of the dynamic kernel over the median time of the generated kernel, the two run alternately for {Rounds} rounds of about {RoundTime.TotalMilliseconds:0} ms, 1 thread (above 1: the generated kernel is faster):");
        text.AppendLine();
        text.AppendLine("| shape | generated vs dynamic |");
        text.AppendLine("|---|---:|");
        foreach (var shape in shapes)
        {
            Console.WriteLine($"  generated vs dynamic: {shape.Id}");
            text.AppendLine($"| {shape.Id} | {Ratio("Generated", shape, "Dynamic", shape)} |");
        }
        text.AppendLine();
        return text.ToString();
    }

    /// <summary>The 1-D columns against the 2-D ones on the 1-D layers.</summary>
    private static string LineTable(IReadOnlyList<BenchShape> shapes, IReadOnlyList<string> implementations)
    {
        (string Line, string Planar)[] columns = [("Generated 1-D", "Generated"), ("Dynamic 1-D", "Dynamic")];
        var present = columns.Where(c => implementations.Contains(c.Line) && implementations.Contains(c.Planar)).ToList();
        var lines = shapes.Where(s => s.AsConvTranspose1d is not null).ToList();
        if (present.Count == 0 || lines.Count == 0)
            return "";
        var text = new StringBuilder();
        text.AppendLine("### ConvTranspose1d against the 2-D kernel with height 1");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Median time through ConvTranspose1d over the median time of the same layer through ConvTranspose2d with height 1, run alternately for {Rounds} rounds of about {RoundTime.TotalMilliseconds:0} ms, 1 thread (below 1: the 1-D API is faster):");
        text.AppendLine();
        text.AppendLine("| shape | " + string.Join(" | ", present.Select(c => $"{c.Line} / {c.Planar}")) + " |");
        text.AppendLine("|---|" + string.Concat(present.Select(_ => "---:|")));
        foreach (var shape in lines)
        {
            Console.WriteLine($"  1-D cost: {shape.Id}");
            text.AppendLine($"| {shape.Id} | " + string.Join(" | ", present.Select(c => Ratio(c.Planar, shape, c.Line, shape))) + " |");
        }
        text.AppendLine();
        return text.ToString();
    }

    /// <summary>The activated shapes against their plain ones.</summary>
    private static string ActivationTable(IReadOnlyList<BenchShape> shapes, IReadOnlyList<string> implementations)
    {
        var pairs = shapes.Where(s => s.PlainId is not null)
            .Select(s => (Activated: s, Plain: shapes.FirstOrDefault(p => p.Id == s.PlainId)))
            .Where(p => p.Plain is not null).ToList();
        var ours = implementations.Where(name => IsOurs(name) && pairs.Any(p => ImplementationCatalog.Supports(name, p.Activated))).ToList();
        if (pairs.Count == 0 || ours.Count == 0)
            return "";
        var text = new StringBuilder();
        text.AppendLine("### Fused activation cost");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Median time with the activation over the median time of the plain layer, the two run alternately for {Rounds} rounds of about {RoundTime.TotalMilliseconds:0} ms, 1 thread (1.03 = 3% more):");
        text.AppendLine();
        text.AppendLine("| shape | " + string.Join(" | ", ours) + " |");
        text.AppendLine("|---|" + string.Concat(ours.Select(_ => "---:|")));
        foreach (var (activated, plain) in pairs)
        {
            Console.WriteLine($"  activation cost: {activated.Id}");
            text.AppendLine($"| {activated.Id} | " + string.Join(" | ", ours.Select(name => Ratio(name, plain!, name, activated))) + " |");
        }
        text.AppendLine();
        return text.ToString();
    }

    private static bool IsOurs(string name)
    {
        using var implementation = ImplementationCatalog.Create(name);
        return !implementation.IsPeer && name != NaiveImplementation.DisplayName;
    }

    /// <summary>The median time of <paramref name="name"/> on <paramref name="shape"/> over that of <paramref name="baseline"/>
    /// on <paramref name="baselineShape"/>, run alternately.</summary>
    private static string Ratio(string baseline, BenchShape baselineShape, string name, BenchShape shape)
    {
        if (!ImplementationCatalog.Supports(baseline, baselineShape) || !ImplementationCatalog.Supports(name, shape))
            return "–";
        using var baselineRun = ImplementationCatalog.Create(baseline);
        using var run = ImplementationCatalog.Create(name);
        baselineRun.Setup(baselineShape, new BenchData(baselineShape), 1);
        run.Setup(shape, new BenchData(shape), 1);
        int calls = CallsPerRound(baselineRun);
        CallsPerRound(run); // warms it up; both sides run the same number of calls
        var baselineTimes = new double[Rounds];
        var times = new double[Rounds];
        for (int r = 0; r < Rounds; r++)
        {
            baselineTimes[r] = Time(baselineRun, calls);
            times[r] = Time(run, calls);
        }
        return (Median(times) / Median(baselineTimes)).ToString("0.000", CultureInfo.InvariantCulture);
    }

    /// <summary>Warms <paramref name="run"/> up and returns how many calls fill a round.</summary>
    private static int CallsPerRound(ConvImplementation run)
    {
        for (int i = 0; i < 3; i++)
            run.Run();
        double once = Time(run, 1);
        return Math.Max(1, (int)(RoundTime.TotalSeconds / Math.Max(once, 1e-7)));
    }

    private static double Time(ConvImplementation run, int calls)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < calls; i++)
            run.Run();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
