using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace TConvGen.Bench.Reporting;

/// <summary>A grouped bar chart of GFLOP/s per shape and implementation, one panel row per thread count. A peer that is
/// wrong on a shape keeps its bar there, hatched and labelled "wrong".</summary>
internal static class ResultChart
{
    /// <param name="width">The width the run was held to, named in the titles; null for a run without <c>--widths</c>.</param>
    public static void Save(IReadOnlyList<BenchResult> results, string path, double peakGFlops, string? width = null)
    {
        var implementations = results.Select(r => r.Implementation).Distinct().ToList();
        var threadCounts = results.Select(r => r.Threads).Distinct().Order().ToList();
        var shapes = results.Select(r => r.Shape).Distinct().ToList();
        var palette = new ScottPlot.Palettes.Category10();

        var multiplot = new Multiplot();
        multiplot.AddPlots(threadCounts.Count);
        for (int t = 0; t < threadCounts.Count; t++)
        {
            var plot = multiplot.GetPlot(t);
            double groupWidth = implementations.Count + 1;
            for (int i = 0; i < implementations.Count; i++)
            {
                var bars = new List<Bar>();
                for (int s = 0; s < shapes.Count; s++)
                {
                    var result = results.FirstOrDefault(r => r.Shape == shapes[s] && r.Implementation == implementations[i] && r.Threads == threadCounts[t]);
                    if (result?.GFlops is not { } gflops)
                        continue;
                    var bar = new Bar { Position = s * groupWidth + i, Value = gflops, FillColor = palette.GetColor(i) };
                    if (result.Wrong is not null)
                    {
                        bar.FillHatch = new ScottPlot.Hatches.Striped();
                        bar.FillHatchColor = Colors.White;
                        bar.Label = "wrong";
                    }
                    bars.Add(bar);
                }
                var series = plot.Add.Bars(bars);
                series.LegendText = implementations[i] + WrongNote(results, implementations[i], threadCounts[t]);
                series.Color = palette.GetColor(i);
            }
            if (peakGFlops > 0)
            {
                var peak = plot.Add.HorizontalLine(peakGFlops);
                peak.LegendText = $"one-core FMA peak ({peakGFlops:0} GFLOP/s)";
                peak.LinePattern = LinePattern.Dashed;
            }
            var ticks = shapes.Select((shape, s) => new Tick(s * groupWidth + (implementations.Count - 1) / 2.0, shape.Id)).ToArray();
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
            plot.Axes.Left.Label.Text = "GFLOP/s";
            bool anyWrong = results.Any(r => r.Threads == threadCounts[t] && r.Wrong is not null);
            plot.Title($"ConvTranspose2d{(width is null ? "" : ", " + width)}, {threadCounts[t]} thread{(threadCounts[t] == 1 ? "" : "s")}" +
                (anyWrong ? " (hatched, \"wrong\": a peer whose output differs from the reference there)" : ""));
            plot.ShowLegend(Alignment.UpperRight);
            plot.Axes.Margins(bottom: 0);
        }
        multiplot.SavePng(path, 1600, 520 * threadCounts.Count);
    }

    /// <summary>e.g. <c> (wrong on dcgan0: oneDNN conv:any+jit:avx512_core)</c>, or empty when the implementation is right everywhere.</summary>
    private static string WrongNote(IReadOnlyList<BenchResult> results, string implementation, int threads)
    {
        var wrong = results.Where(r => r.Implementation == implementation && r.Threads == threads && r.Wrong is not null).ToList();
        return wrong.Count == 0 ? "" : " (wrong on " + string.Join(", ", wrong.Select(r => $"{r.Shape.Id}: {r.Wrong!.Isa?.Short ?? "?"}")) + ")";
    }
}
