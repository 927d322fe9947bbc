using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace TConvGen.Bench.Measurement;

/// <summary>
/// <c>--widths</c>: runs the benchmark once per width, each in a child process started with that width's switches
/// (<see cref="WidthSetting.Environment"/>), one after the other so they do not compete for the cores. Each child checks
/// its switch took effect, verifies, measures its peaks, times the suite and writes its section of the report.
/// </summary>
internal static class WidthRuns
{
    /// <summary>The children's report sections, in <see cref="BenchOptions.Widths"/> order, with each child's wall time.</summary>
    /// <exception cref="InvalidOperationException">A child failed (its switch did not take effect, an output was wrong, ...).</exception>
    public static List<(WidthSetting Width, string Section, TimeSpan Elapsed)> Run(BenchOptions options)
    {
        var sections = new List<(WidthSetting, string, TimeSpan)>();
        foreach (var width in options.Widths!)
        {
            string sectionFile = Path.Combine(Path.GetTempPath(), $"tconvgen-bench-{Environment.ProcessId}-{width.Key}.md");
            var start = SelfProcess.StartInfo(options.ChildArguments(width, sectionFile));
            foreach (var (name, value) in width.Environment)
                start.Environment[name] = value;
            Console.WriteLine();
            Console.WriteLine($"=== {width.Title}: a child process with {width.Switches}");
            long started = Stopwatch.GetTimestamp();
            using (var child = Process.Start(start) ?? throw new InvalidOperationException($"The {width.Title} child did not start."))
            {
                child.WaitForExit();
                if (child.ExitCode != 0)
                    throw new InvalidOperationException($"The {width.Title} run failed (exit code {child.ExitCode}); its output is above.");
            }
            var elapsed = Stopwatch.GetElapsedTime(started);
            Console.WriteLine($"=== {width.Title} done in {elapsed:m\\:ss}");
            sections.Add((width, File.ReadAllText(sectionFile), elapsed));
            File.Delete(sectionFile);
        }
        return sections;
    }
}
