using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using TConvGen.Parity.Tests.Support;
using TConvGen.Tests.Shared;

namespace TConvGen.Parity.Tests.Probe;

/// <summary>
/// The child side of <see cref="LibTorchProbeRun"/>: runs libtorch on a set of cases, measures each against the reference,
/// and writes one tab-separated line per case. With ONEDNN_VERBOSE=1, oneDNN prints what it ran to the same stdout; its
/// (buffered) lines are flushed before each case's line, so the lines of a case come just before it.
/// </summary>
internal static class LibTorchProbe
{
    /// <summary>The first argument of the child's command line.</summary>
    public const string Command = "libtorch-probe";

    /// <summary>What starts every line of the probe's own (as against oneDNN's).</summary>
    public const string Prefix = "tconvgen-probe";

    /// <summary>The case sets: the parity sweep's random configurations and the real layers, or DCGAN's first layer alone.</summary>
    public static IReadOnlyList<string> Sets { get; } = ["sweep-and-layers", "dcgan1"];

    /// <summary>The cases of <paramref name="set"/>, or null for an unknown set.</summary>
    public static IReadOnlyList<ParityCase>? Cases(string set) => set switch
    {
        "sweep-and-layers" => Enumerable.Range(0, LibTorchSweepParityTests.Configurations).Select(ParityCase.Random)
            .Concat(RealLayers.Names.Select(RealLayers.Case)).ToArray(),
        "dcgan1" => [RealLayers.Case("DCGAN 100->512 k4 s1 p0 on 1x1")],
        _ => null,
    };

    /// <summary>Writes <c>env</c>, one <c>case</c> line per case (agrees or disagrees, the case, the difference), then <c>done</c>.</summary>
    public static int Run(IReadOnlyList<ParityCase> cases, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"{Prefix}\tenv\t{Environment.GetEnvironmentVariable(PeerIsa.OneDnnVariable)}");
        foreach (var c in cases)
        {
            var (reference, _, _) = c.RunTConvGen(ConvTranspose2dAlgorithm.Reference);
            var peer = PeerRuns.LibTorch(c);
            var difference = OutputDifference.Between(reference, peer.Output);
            FlushNativeOutput();
            output.WriteLine($"{Prefix}\tcase\t{(difference.IsClose ? "agrees" : "disagrees")}\t{c}\t{difference.Describe("reference")}");
        }
        FlushNativeOutput();
        output.WriteLine($"{Prefix}\tdone\t{cases.Count}");
        return 0;
    }

    /// <summary>Flushes C's stdout, where oneDNN's verbose lines wait (fully buffered when stdout is a pipe).</summary>
    private static void FlushNativeOutput()
    {
        if (OperatingSystem.IsLinux())
            _ = fflush(IntPtr.Zero);
    }

    [DllImport("libc")]
    private static extern int fflush(IntPtr stream);
}
