using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Xunit;

namespace TConvGen.Tests.Shared;

/// <summary>
/// Runs a test assembly again in a child process whose JIT is held to a narrower SIMD width, so that one machine tests
/// the code every narrower machine runs: <see cref="Vector256"/> (AVX-512 off, 16 vector registers: an AVX2 machine),
/// <see cref="Vector128"/> (AVX2 off: SSE-only x64, and the width ARM64 and Native AOT's default run) and
/// <see cref="Scalar"/> (hardware intrinsics off). The variable must be set before the process starts, so each leg is a
/// child <c>dotnet test</c>; it inherits this process's environment (the peers' settings among it). Compiled into each
/// project that uses it.
/// </summary>
internal static class SimdLeg
{
    /// <summary>The trait of the tests that start the child runs; the children leave them out.</summary>
    public const string Category = "SimdLeg";

    public const string Vector256 = nameof(Vector256);
    public const string Vector128 = nameof(Vector128);
    public const string Scalar = nameof(Scalar);

    /// <summary>Set in a child to the name of its leg, so that it can check the switch took effect.</summary>
    private const string ChildVariable = "TCONVGEN_SIMD_LEG";

    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(15);

    /// <summary>The JIT switch that holds a process to a leg.</summary>
    private static (string Name, string Value) Switch(string leg) => leg switch
    {
        Vector256 => ("DOTNET_EnableAVX512", "0"),
        Vector128 => ("DOTNET_EnableAVX2", "0"),
        Scalar => ("DOTNET_EnableHWIntrinsic", "0"),
        _ => throw new ArgumentOutOfRangeException(nameof(leg), leg, "unknown SIMD leg"),
    };

    /// <summary>Whether this process already runs wider than <paramref name="leg"/>: only then does the child run test
    /// anything the parent does not.</summary>
    private static bool IsNarrowerThanThisProcess(string leg) => leg switch
    {
        Vector256 => Avx512F.IsSupported,
        Vector128 => System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated,
        _ => System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated,
    };

    /// <summary>Runs every test of <paramref name="assembly"/> but this category in a child held to <paramref name="leg"/>;
    /// fails with its output when any fails. Where this process already runs at that width or narrower there is nothing to add.</summary>
    public static void RunAssembly(Assembly assembly, string leg)
    {
        var (name, value) = Switch(leg);
        if (!IsNarrowerThanThisProcess(leg))
            return;
        string folder = Directory.CreateTempSubdirectory($"tconvgen-{leg}-").FullName;
        // The child inherits the rest of this process's environment: ONEDNN_MAX_CPU_ISA, which the runsettings of the
        // projects that run libtorch set in their test host (LibTorchIsa.runsettings), reaches its libtorch too.
        var child = ChildProcess.RunDotnet(["test", assembly.Location, "--filter", "Category!=" + Category], Limit,
            new Dictionary<string, string?> { [name] = value, [ChildVariable] = leg }, folder);
        Assert.False(child.TimedOut, $"The {leg} run ({name}={value}) took longer than {Limit.TotalMinutes} minutes.");
        string summary = child.Output + child.Errors;
        // Indented, so that the child's summary lines are not read as this run's own.
        Assert.True(child.ExitCode == 0 && summary.Contains("Passed!", StringComparison.Ordinal),
            $"The tests failed in the {leg} run ({name}={value}, exit code {child.ExitCode}):\n  | " + summary.ReplaceLineEndings("\n  | "));
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    /// <summary>In a child run, fails unless the JIT really runs at the child's width (else it would repeat the parent's run).</summary>
    public static void CheckChild()
    {
        switch (Environment.GetEnvironmentVariable(ChildVariable))
        {
            case Vector256:
                Assert.False(Avx512F.IsSupported, "DOTNET_EnableAVX512=0 did not switch AVX-512 off in the child run.");
                Assert.True(System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated, "The Vector256 child run has no Vector256.");
                break;
            case Vector128:
                Assert.False(System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated, "DOTNET_EnableAVX2=0 left Vector256 accelerated in the child run.");
                Assert.True(System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated, "The Vector128 child run has no Vector128.");
                break;
            case Scalar:
                Assert.False(System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated, "DOTNET_EnableHWIntrinsic=0 left Vector128 accelerated in the child run.");
                break;
        }
    }
}
