using System;
using System.Collections.Generic;
using System.Linq;
using TConvGen.Bench.Implementations;
using TConvGen.Bench.Measurement;
using TConvGen.Bench.Suite;

namespace TConvGen.Bench;

/// <summary>The benchmark's command line (see <see cref="Program"/>).</summary>
/// <param name="Widths">With <c>--widths</c>: the widths to run, each in a child process; null runs once, in this process.</param>
/// <param name="ChildWidth">In a child started for <c>--widths</c> (<c>--width KEY</c>): the width it runs.</param>
/// <param name="SectionFile">In such a child (<c>--section-file PATH</c>): where it writes its part of the report.</param>
internal sealed record BenchOptions(
    string[] Arguments,
    bool Quick,
    IReadOnlyList<BenchShape> Shapes,
    IReadOnlyList<string> Implementations,
    IReadOnlyList<int> ThreadCounts,
    bool Verbose,
    IReadOnlyList<WidthSetting>? Widths,
    WidthSetting? ChildWidth,
    string? SectionFile)
{
    private const string WidthsOption = "--widths";
    private const string ChildWidthOption = "--width";
    private const string SectionFileOption = "--section-file";

    public string RunName => Quick ? "quick" : "full";

    /// <exception cref="ArgumentException">An unknown shape, implementation or width.</exception>
    public static BenchOptions Parse(string[] args)
    {
        string[]? shapeIds = Option(args, "--shapes")?.Split(',');
        if (shapeIds?.FirstOrDefault(id => ShapeSuite.All.All(s => s.Id != id)) is { } unknown)
            throw new ArgumentException($"Unknown shape '{unknown}': the suite has {string.Join(", ", ShapeSuite.All.Select(s => s.Id))}.");
        var shapes = ShapeSuite.All.Where(s => shapeIds is null || shapeIds.Contains(s.Id)).ToList();
        var implementations = Option(args, "--impls") is { } names
            ? names.Split(',').ToList()
            : ImplementationCatalog.Default.ToList();
        foreach (string name in implementations)
            _ = ImplementationCatalog.Create(name).Name; // throws for an unknown name before anything runs
        return new BenchOptions(
            args,
            !args.Contains("--full"),
            shapes,
            implementations,
            (Option(args, "--threads") ?? "1,2").Split(',').Select(int.Parse).ToList(),
            args.Contains("--verbose"),
            Option(args, WidthsOption) is { } widths ? widths.Split(',').Select(WidthSetting.Parse).ToList() : null,
            Option(args, ChildWidthOption) is { } key ? WidthSetting.Parse(key) : null,
            Option(args, SectionFileOption));
    }

    /// <summary>The command line of the child that runs <paramref name="width"/>: this one without <c>--widths</c>.</summary>
    public IEnumerable<string> ChildArguments(WidthSetting width, string sectionFile)
    {
        for (int i = 0; i < Arguments.Length; i++)
        {
            if (Arguments[i] == WidthsOption)
                i++;
            else
                yield return Arguments[i];
        }
        yield return ChildWidthOption;
        yield return width.Key;
        yield return SectionFileOption;
        yield return sectionFile;
    }

    private static string? Option(string[] args, string name)
    {
        int index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
