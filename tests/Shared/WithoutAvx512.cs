using System;
using System.Diagnostics;
using System.IO;
using System.Reflection;
using System.Runtime.Intrinsics.X86;
using System.Threading.Tasks;
using Xunit;

namespace TConvGen.Tests.Shared;

/// <summary>
/// Runs a test assembly again in a child process whose JIT has AVX-512 switched off (<c>DOTNET_EnableAVX512=0</c>), so
/// that on an AVX-512 machine the code an AVX2-only machine runs is tested too: the Vector256 bodies, the generated
/// kernels' 16-register blockings and Auto's choices without Vector512. (Compiled into each project that uses it.)
/// </summary>
internal static class WithoutAvx512
{
    /// <summary>The trait of the test that starts the child run; the child leaves it out.</summary>
    public const string Category = "WithoutAvx512";

    /// <summary>Set in the child, so that it can check the switch took effect.</summary>
    private const string ChildVariable = "TCONVGEN_CHILD_WITHOUT_AVX512";

    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    /// <summary>Runs every test of <paramref name="assembly"/> but this category in the child; fails with its output when any fails.
    /// Where AVX-512 is already off (an AVX2 machine, or the child itself), the suite runs as it is and there is nothing to add.</summary>
    public static void RunAssembly(Assembly assembly)
    {
        if (!Avx512F.IsSupported)
            return;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Directory.CreateTempSubdirectory("tconvgen-avx2-").FullName,
        };
        foreach (string argument in new[] { "test", assembly.Location, "--filter", "Category!=" + Category })
            start.ArgumentList.Add(argument);
        // The child inherits the rest of this process's environment: ONEDNN_MAX_CPU_ISA, which the runsettings of the
        // projects that run libtorch set in their test host (LibTorchIsa.runsettings), reaches its libtorch too.
        start.Environment["DOTNET_EnableAVX512"] = "0";
        start.Environment[ChildVariable] = "1";

        using var child = Process.Start(start) ?? throw new InvalidOperationException("dotnet test did not start.");
        var output = child.StandardOutput.ReadToEndAsync();
        var errors = child.StandardError.ReadToEndAsync();
        if (!child.WaitForExit(Limit))
        {
            child.Kill(entireProcessTree: true);
            Assert.Fail($"The run without AVX-512 took longer than {Limit.TotalMinutes} minutes.");
        }
        Task.WaitAll(output, errors);
        string summary = output.Result + errors.Result;
        // Indented, so that the child's summary lines are not read as this run's own.
        Assert.True(child.ExitCode == 0 && summary.Contains("Passed!", StringComparison.Ordinal),
            $"The tests failed with AVX-512 switched off (exit code {child.ExitCode}):\n  | " + summary.ReplaceLineEndings("\n  | "));
        try
        {
            Directory.Delete(start.WorkingDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    /// <summary>In the child run, fails unless the JIT really has AVX-512 off (else the child would repeat the parent's run).</summary>
    public static void CheckChild()
    {
        if (Environment.GetEnvironmentVariable(ChildVariable) == "1")
            Assert.False(Avx512F.IsSupported, "DOTNET_EnableAVX512=0 did not switch AVX-512 off in the child run.");
    }
}
