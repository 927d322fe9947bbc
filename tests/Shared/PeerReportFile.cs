using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text;

namespace TConvGen.Tests.Shared;

/// <summary>
/// One test process's peer report: how many cases each peer was heard on, and every disagreement with the reference
/// (peer, ISA, case, error). The file is rewritten whole after each testimony, so it is complete whenever the process
/// stops, and its header names the run, so a file left by an earlier run is recognisable. It goes to <see cref="Folder"/>
/// (artifacts/peer-report). (Compiled into each project that uses it.)
/// </summary>
internal sealed class PeerReportFile
{
    private readonly object _gate = new();
    private readonly string _header;
    private readonly Dictionary<(string Peer, string Isa), (int Heard, int Disagreed)> _counts = [];
    private readonly List<string> _disagreements = [];

    /// <summary>A report written to <paramref name="path"/>, for a run named <paramref name="run"/>.</summary>
    public PeerReportFile(string path, string run)
    {
        Path = path;
        _header = string.Create(CultureInfo.InvariantCulture, $"Peer report of {run}, started {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC");
    }

    /// <summary>This test process's report: <c>{PeerReportFolder}/{assembly}[.vector256|.vector128|.scalar].txt</c>.</summary>
    public static PeerReportFile Process { get; } = ForThisProcess();

    /// <summary>The file written.</summary>
    public string Path { get; }

    /// <summary>Counts <paramref name="testimony"/>, keeps it if it disagrees, and rewrites the file.</summary>
    public void Add(Testimony testimony)
    {
        ArgumentNullException.ThrowIfNull(testimony);
        lock (_gate)
        {
            var key = (testimony.Peer.Peer, testimony.Peer.Isa);
            var (heard, disagreed) = _counts.GetValueOrDefault(key);
            _counts[key] = (heard + 1, disagreed + (testimony.Agrees ? 0 : 1));
            if (!testimony.Agrees)
                _disagreements.Add(testimony.Describe());
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            File.WriteAllText(Path, Render());
        }
    }

    private string Render()
    {
        var text = new StringBuilder();
        text.AppendLine(_header);
        text.AppendLine("The reference (the double-precision scatter loop) judges; a peer that disagrees with it is reported here, never failed.");
        foreach (var ((peer, isa), (heard, disagreed)) in _counts.OrderBy(c => c.Key.Peer, StringComparer.Ordinal))
            text.AppendLine(CultureInfo.InvariantCulture, $"  {peer} [{isa}]: heard on {heard} cases, disagrees with the reference on {disagreed}");
        foreach (string line in _disagreements)
            text.AppendLine("  " + line);
        return text.ToString();
    }

    /// <summary>The folder of the peer reports: the assembly's <c>PeerReportFolder</c> metadata (tests/Shared/PeerWitness.targets).</summary>
    public static string Folder
    {
        get
        {
            var assembly = typeof(PeerReportFile).Assembly;
            return assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == "PeerReportFolder")?.Value
                ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no PeerReportFolder assembly metadata (see tests/Shared/PeerWitness.targets).");
        }
    }

    private static PeerReportFile ForThisProcess()
    {
        // Each rerun at a narrower SIMD width (tests/Shared/SimdLeg.cs) is a process of its own, with a file of its own.
        string width = Avx512F.IsSupported ? "" : Vector256.IsHardwareAccelerated ? ".vector256" : Vector128.IsHardwareAccelerated ? ".vector128" : ".scalar";
        string run = typeof(PeerReportFile).Assembly.GetName().Name + width;
        return new PeerReportFile(System.IO.Path.Combine(Folder, run + ".txt"), run);
    }
}
