using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace TConvGen.Bench.Reporting;

/// <summary>Renders results as Markdown: one table per thread count, a row per shape, a column per implementation.</summary>
internal static class ResultTable
{
    private const string Generated = "Generated";
    private const string Dynamic = "Dynamic";

    /// <summary>Each cell: median time, GFLOP/s with its share of <paramref name="peakGFlops"/> (this run's widest measured
    /// one-core peak, times the thread count), and speed relative to the best correct peer on that row (above 1 = faster);
    /// a last column gives the generated kernel's speed relative to the dynamic kernel's when both ran.</summary>
    public static string Render(IReadOnlyList<BenchResult> results, double peakGFlops)
    {
        var text = new StringBuilder();
        // In the catalogue's column order, whichever shape each first appears on (the 1-D columns skip the 2-D shapes).
        var implementations = results.Select(r => r.Implementation).Distinct()
            .OrderBy(name => Implementations.ImplementationCatalog.All.Select(e => e.Name).ToList().IndexOf(name)).ToList();
        bool generatedVsDynamic = implementations.Contains(Generated) && implementations.Contains(Dynamic);
        foreach (int threads in results.Select(r => r.Threads).Distinct().Order())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"### {threads} thread{(threads == 1 ? "" : "s")}");
            text.AppendLine();
            text.AppendLine("| shape | problem | " + string.Join(" | ", implementations) + (generatedVsDynamic ? " | generated vs dynamic" : "") + " |");
            text.AppendLine("|---|---|" + string.Concat(implementations.Select(_ => "---:|")) + (generatedVsDynamic ? "---:|" : ""));
            foreach (var row in results.Where(r => r.Threads == threads).GroupBy(r => r.Shape))
            {
                double? bestPeer = BestPeerTime(row);
                var cells = implementations.Select(name => Cell(row.FirstOrDefault(r => r.Implementation == name), bestPeer, peakGFlops * threads)).ToList();
                if (generatedVsDynamic)
                    cells.Add(Ratio(row.FirstOrDefault(r => r.Implementation == Dynamic)?.MedianNanoseconds, row.FirstOrDefault(r => r.Implementation == Generated)?.MedianNanoseconds));
                text.AppendLine($"| {row.Key.Id} | {row.Key.Description} | " + string.Join(" | ", cells) + " |");
            }
            text.AppendLine();
        }
        text.AppendLine("Cells: median time · GFLOP/s (2·N·Cin·Cout/groups·kH·kW·Hin·Win / time) and its share of the measured one-core peak " +
            "times the threads · speed relative to the faster correct peer on the row (>1 is faster)" +
            (generatedVsDynamic ? "; generated vs dynamic: the dynamic kernel's time over the generated kernel's (>1: generated is faster)." : "."));
        var wrong = results.Where(r => r.Wrong is not null).DistinctBy(r => (r.Implementation, r.Shape.Id)).ToList();
        if (wrong.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("**wrong**: the peer's output differs from the reference's on that shape (checked before timing). It is timed and shown, " +
                "but left out of the faster-peer ratios of its row:");
            text.AppendLine();
            foreach (var result in wrong)
                text.AppendLine(CultureInfo.InvariantCulture, $"- {result.Implementation} on {result.Shape.Id} ({result.Shape.Description}): {result.Wrong}");
        }
        return text.ToString();
    }

    /// <summary>The faster peer's time on a row, among the peers whose output is right there.</summary>
    public static double? BestPeerTime(IEnumerable<BenchResult> row) =>
        row.Where(r => r.IsPeer && r.Wrong is null && r.MedianNanoseconds is not null).Select(r => r.MedianNanoseconds!.Value).DefaultIfEmpty().Min() is var best && best > 0 ? best : null;

    private static string Cell(BenchResult? result, double? bestPeer, double peakGFlops)
    {
        if (result is null)
            return "–";
        if (result.MedianNanoseconds is not { } ns)
            return result.Missing ?? "n/a";
        string gflops = result.GFlops!.Value.ToString("0.0", CultureInfo.InvariantCulture);
        if (peakGFlops > 0)
            gflops += " (" + (result.GFlops.Value / peakGFlops).ToString("0%", CultureInfo.InvariantCulture) + ")";
        if (result.Wrong is not null)
            return $"**wrong** ({result.Wrong.Isa?.Short ?? "?"}) · {FormatTime(ns)} · {gflops}";
        string ratio = bestPeer is { } peer ? " · " + Ratio(peer, ns) : "";
        return $"{FormatTime(ns)} · {gflops}{ratio}";
    }

    /// <summary>How much faster <paramref name="time"/> is than <paramref name="baselineTime"/> (e.g. <c>1.23x</c>), or – when either is missing.</summary>
    private static string Ratio(double? baselineTime, double? time) =>
        baselineTime is { } baseline && time is { } t ? (baseline / t).ToString("0.00", CultureInfo.InvariantCulture) + "x" : "–";

    public static string FormatTime(double nanoseconds) => nanoseconds switch
    {
        < 1e3 => nanoseconds.ToString("0", CultureInfo.InvariantCulture) + " ns",
        < 1e6 => (nanoseconds / 1e3).ToString("0.0", CultureInfo.InvariantCulture) + " µs",
        _ => (nanoseconds / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " ms",
    };
}
