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
/// What a fused activation costs, measured in pairs: for each shape with an activation (<c>e+relu</c>) and each TConvGen
/// implementation, the plain and the activated layer run alternately, one thread, many rounds, and the cost is the median
/// activated time over the median plain time. Interleaving cancels the drift of a shared machine that separate
/// BenchmarkDotNet cases minutes apart do not (those moved by ±20% here on identical code).
/// </summary>
internal static class ActivationCost
{
    private const int Rounds = 41;

    /// <summary>Runs a round until it has taken about this long, so that short layers are timed over many calls.</summary>
    private static readonly TimeSpan RoundTime = TimeSpan.FromMilliseconds(8);

    /// <summary>The table, or empty when the run has no activated shape with its plain shape, or none of TConvGen's implementations.</summary>
    public static string Measure(IReadOnlyList<BenchShape> shapes, IReadOnlyList<string> implementations)
    {
        var pairs = shapes.Where(s => s.PlainId is not null)
            .Select(s => (Activated: s, Plain: shapes.FirstOrDefault(p => p.Id == s.PlainId)))
            .Where(p => p.Plain is not null).ToList();
        var ours = implementations.Where(IsOurs).ToList();
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
            text.AppendLine($"| {activated.Id} | " + string.Join(" | ", ours.Select(name => Ratio(name, plain!, activated))) + " |");
        }
        text.AppendLine();
        return text.ToString();
    }

    private static bool IsOurs(string name)
    {
        using var implementation = ImplementationCatalog.Create(name);
        return !implementation.IsPeer && name != NaiveImplementation.DisplayName;
    }

    private static string Ratio(string name, BenchShape plain, BenchShape activated)
    {
        if (!ImplementationCatalog.Supports(name, plain) || !ImplementationCatalog.Supports(name, activated))
            return "–";
        using var plainRun = ImplementationCatalog.Create(name);
        using var activatedRun = ImplementationCatalog.Create(name);
        plainRun.Setup(plain, new BenchData(plain), 1);
        activatedRun.Setup(activated, new BenchData(activated), 1);
        int calls = CallsPerRound(plainRun);
        CallsPerRound(activatedRun);
        var plainTimes = new double[Rounds];
        var activatedTimes = new double[Rounds];
        for (int r = 0; r < Rounds; r++)
        {
            plainTimes[r] = Time(plainRun, calls);
            activatedTimes[r] = Time(activatedRun, calls);
        }
        return (Median(activatedTimes) / Median(plainTimes)).ToString("0.000", CultureInfo.InvariantCulture);
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
