using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using TConvGen.Parity.Tests.Probe;
using TConvGen.Parity.Tests.Support;
using TConvGen.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace TConvGen.Parity.Tests;

/// <summary>
/// Information, not a verdict: what libtorch gets wrong at oneDNN's default ISA, which the test host caps
/// (tests/Shared/LibTorchIsa.runsettings). A child process without the cap runs libtorch on the sweep's configurations
/// and the real layers and measures each against the reference; the disagreements (case, oneDNN implementation, error)
/// go to the test output and to artifacts/peer-report/libtorch-default-isa.txt, which the CI log prints. The test passes
/// however many there are; it fails only if the probe itself does not work (does not finish, runs with the cap, skips
/// cases, or oneDNN never says what it runs).
/// </summary>
public sealed class LibTorchDefaultIsaTests(ITestOutputHelper output)
{
    [Fact]
    public void ReportsWhatLibTorchGetsWrongAtItsDefaultIsa()
    {
        var expected = LibTorchProbe.Cases("sweep-and-layers")!;

        var probe = LibTorchProbeRun.Start("sweep-and-layers", removeCap: true);

        Assert.Null(probe.ChildCap);
        Assert.Equal(expected.Select(c => c.ToString()), probe.Cases.Select(c => c.Case));
        Assert.NotNull(probe.OneDnnIsa);
        string report = Render(probe);
        output.WriteLine(report);
        Directory.CreateDirectory(PeerReportFile.Folder);
        File.WriteAllText(Path.Combine(PeerReportFile.Folder, "libtorch-default-isa.txt"), report);
    }

    private static string Render(LibTorchProbeRun probe)
    {
        var wrong = probe.Cases.Where(c => !c.Agrees).ToArray();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"libtorch at oneDNN's default ISA (a child process without {PeerIsa.OneDnnVariable}; oneDNN: isa:{probe.OneDnnIsa}), information only:");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"  {wrong.Length} of {probe.Cases.Count} configurations (the {LibTorchSweepParityTests.Configurations} random sweep configurations and {RealLayers.Names.Count()} real layers) disagree with the reference");
        foreach (var group in probe.Cases.GroupBy(c => Implementations(c)).OrderBy(g => g.Key, StringComparer.Ordinal))
            text.AppendLine(CultureInfo.InvariantCulture, $"  {group.Key}: {group.Count()} configurations, {group.Count(c => !c.Agrees)} wrong");
        foreach (var c in wrong)
            text.AppendLine(CultureInfo.InvariantCulture, $"  WRONG {c.Case} [{Implementations(c)}]: {c.Difference}");
        return text.ToString();
    }

    private static string Implementations(ProbedCase c) =>
        c.Implementations.Count == 0 ? "libtorch's own kernel (no oneDNN primitive)" : "oneDNN " + string.Join(" + ", c.Implementations);
}
