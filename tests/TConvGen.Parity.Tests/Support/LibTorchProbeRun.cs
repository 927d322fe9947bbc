using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TConvGen.Parity.Tests.Probe;
using TConvGen.Tests.Shared;
using Xunit;

namespace TConvGen.Parity.Tests.Support;

/// <summary>One case as the probe child saw it: whether libtorch agrees with the reference, the worst difference, and
/// the oneDNN implementations that ran it (empty when libtorch ran it without oneDNN).</summary>
internal sealed record ProbedCase(string Case, bool Agrees, string Difference, IReadOnlyList<string> Implementations);

/// <summary>
/// The parent side of <see cref="LibTorchProbe"/>: starts this test assembly as a child process that runs libtorch on a
/// case set with ONEDNN_VERBOSE=1, and ONEDNN_MAX_CPU_ISA inherited from the test host or removed; reads what the child
/// and oneDNN printed. oneDNN takes both variables only from the environment a process starts with, hence the child.
/// </summary>
/// <param name="ChildCap">ONEDNN_MAX_CPU_ISA as the child saw it (null when unset).</param>
/// <param name="OneDnnIsa">The ISA oneDNN said it runs at (its verbose <c>isa:</c> line), or null if it said nothing.</param>
/// <param name="Cases">Every case the child ran, in order.</param>
internal sealed record LibTorchProbeRun(string? ChildCap, string? OneDnnIsa, IReadOnlyList<ProbedCase> Cases)
{
    /// <summary>The child's time limit: it takes seconds; a child that hangs is killed and the test fails.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    /// <summary>Runs the child on <paramref name="set"/> (<see cref="LibTorchProbe.Sets"/>); with <paramref name="removeCap"/>,
    /// at oneDNN's default ISA. Fails the test if the child does not finish in time, fails, or prints no <c>done</c>.</summary>
    public static LibTorchProbeRun Start(string set, bool removeCap)
    {
        var environment = new Dictionary<string, string?> { ["ONEDNN_VERBOSE"] = "1" };
        if (removeCap)
            environment[PeerIsa.OneDnnVariable] = null;
        var child = ChildProcess.RunDotnet([typeof(LibTorchProbe).Assembly.Location, LibTorchProbe.Command, set], Limit, environment);
        Assert.False(child.TimedOut, $"The libtorch probe ({set}) took longer than {Limit.TotalMinutes} minutes and was killed.");
        Assert.True(child.ExitCode == 0, $"The libtorch probe ({set}) exited with {child.ExitCode}:\n{child.Errors}\n{child.Output}");
        return Parse(child.Output, set);
    }

    private static LibTorchProbeRun Parse(string text, string set)
    {
        string? cap = null, isa = null;
        var cases = new List<ProbedCase>();
        var implementations = new List<string>();
        int? done = null;
        foreach (string line in text.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line.StartsWith("onednn_verbose,", StringComparison.Ordinal))
            {
                string[] fields = line.Split(',');
                int exec = Array.IndexOf(fields, "exec");
                if (fields.FirstOrDefault(f => f.StartsWith("isa:", StringComparison.Ordinal)) is { } isaField && fields.Contains("info"))
                    isa = isaField["isa:".Length..];
                else if (exec > 0 && exec + 3 < fields.Length && fields[exec + 2] is "deconvolution" or "convolution" && !implementations.Contains(fields[exec + 3]))
                    implementations.Add(fields[exec + 3]);
                continue;
            }
            string[] parts = line.Split('\t');
            if (parts[0] != LibTorchProbe.Prefix)
                continue;
            switch (parts)
            {
                case [_, "env", var value]:
                    cap = value.Length == 0 ? null : value;
                    break;
                case [_, "case", var verdict, var name, var difference]:
                    cases.Add(new ProbedCase(name, verdict == "agrees", difference, implementations.ToArray()));
                    implementations.Clear();
                    break;
                case [_, "done", var count]:
                    done = int.Parse(count, System.Globalization.CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new InvalidDataException($"The libtorch probe printed an unknown line: {line}");
            }
        }
        Assert.True(done == cases.Count, $"The libtorch probe ({set}) reported {cases.Count} cases but said done {done?.ToString() ?? "never"}:\n{text}");
        return new LibTorchProbeRun(cap, isa, cases);
    }
}
