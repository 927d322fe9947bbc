using System;
using System.Diagnostics;
using System.Linq;
using System.Runtime.InteropServices;
using TConvGen.Bench.Measurement;
using TConvGen.Bench.Suite;

namespace TConvGen.Bench.Implementations;

/// <summary>
/// Which oneDNN implementation libtorch runs for a shape, as oneDNN's verbose output names it. oneDNN reads
/// ONEDNN_VERBOSE only from the environment a process starts with, and its lines would flood the timed runs, so the
/// benchmark starts itself as a child (<see cref="ChildArgument"/>) with the variable set, runs libtorch once, and reads
/// the name (and the ISA oneDNN says it runs at most) from the child's output. The child inherits ONEDNN_MAX_CPU_ISA,
/// so it runs what the benchmark runs.
/// </summary>
internal static partial class OneDnnVerbose
{
    /// <summary>oneDNN's ISA cap.</summary>
    public const string CapVariable = "ONEDNN_MAX_CPU_ISA";

    /// <summary>The command-line switch of the child run: <c>--onednn-verbose SHAPE</c>.</summary>
    public const string ChildArgument = "--onednn-verbose";

    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(1);

    /// <summary>The implementation names of the (de)convolutions oneDNN ran for <paramref name="shape"/>, or null if the
    /// child failed or libtorch ran no oneDNN primitive.</summary>
    public static string? ImplementationFor(BenchShape shape) => Run(shape)?.Implementation;

    /// <summary>Runs libtorch once on <paramref name="shape"/> in a child with oneDNN's verbose output on, and reads what
    /// oneDNN printed; null if the child failed.</summary>
    public static OneDnnReport? Run(BenchShape shape)
    {
        var start = SelfProcess.StartInfo([ChildArgument, shape.Id]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment["ONEDNN_VERBOSE"] = "1";
        try
        {
            using var child = Process.Start(start);
            if (child is null)
                return null;
            var output = child.StandardOutput.ReadToEndAsync();
            _ = child.StandardError.ReadToEndAsync();
            if (!child.WaitForExit(Limit))
            {
                child.Kill(entireProcessTree: true);
                return null;
            }
            string[] lines = output.Result.Split('\n');
            var names = lines.Select(ConvolutionImplementation).OfType<string>().Distinct().ToArray();
            return new OneDnnReport(lines.Select(Isa).OfType<string>().FirstOrDefault(), names.Length == 0 ? null : string.Join(" + ", names));
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>From <c>onednn_verbose,v1,info,cpu,isa:Intel AVX2 with Intel DL Boost</c>, the ISA oneDNN runs at most.</summary>
    private static string? Isa(string line)
    {
        string[] fields = line.Split(',');
        return fields[0] == "onednn_verbose" && fields.Contains("info") && fields.FirstOrDefault(f => f.StartsWith("isa:", StringComparison.Ordinal)) is { } isa
            ? isa["isa:".Length..].Trim()
            : null;
    }

    /// <summary>From <c>onednn_verbose,v1,primitive,exec,cpu,deconvolution,conv:any+jit:avx512_core,...</c>, the implementation.</summary>
    private static string? ConvolutionImplementation(string line)
    {
        string[] fields = line.Split(',');
        int exec = Array.IndexOf(fields, "exec");
        if (fields[0] != "onednn_verbose" || exec < 0 || exec + 3 >= fields.Length)
            return null;
        return fields[exec + 2] is "deconvolution" or "convolution" ? fields[exec + 3] : null;
    }

    /// <summary>The child: runs libtorch once on <paramref name="shapeId"/> at one thread; oneDNN prints what it ran.</summary>
    public static int RunChild(string shapeId)
    {
        var shape = ShapeSuite.All.SingleOrDefault(s => s.Id == shapeId);
        if (shape is null)
            return 2;
        using var libtorch = new LibTorchImplementation();
        libtorch.Setup(shape, new BenchData(shape), threads: 1);
        libtorch.Run();
        if (OperatingSystem.IsLinux())
            _ = fflush(IntPtr.Zero); // oneDNN's lines wait in C's stdout buffer
        return 0;
    }

    [LibraryImport("libc", EntryPoint = "fflush")]
    private static partial int fflush(IntPtr stream);
}
