using System;
using TConvGen.Tests.Shared;
using System.IO;
using System.Linq;
using System.Reflection;

namespace TConvGen.Package.Tests;

/// <summary>
/// Packs the runtime once per test run with <c>dotnet pack --no-build</c> into a temporary folder, as a user's
/// <c>dotnet pack</c> would (the build never packs as a side effect), and removes it afterwards.
/// </summary>
public sealed class PackedRuntime : IDisposable
{
    public PackedRuntime()
    {
        Folder = Directory.CreateTempSubdirectory("tconvgen-pack-").FullName;
        var pack = ChildProcess.RunDotnet(
            ["pack", Metadata("RuntimeProject"), "-c", Metadata("Configuration"), "--no-build", "-o", Folder, "--nologo"], TimeSpan.FromMinutes(5));
        if (pack.TimedOut)
            throw new TimeoutException("dotnet pack did not finish in 5 minutes.");
        if (pack.ExitCode != 0)
            throw new InvalidOperationException($"dotnet pack exited with {pack.ExitCode}:\n{pack.Output}\n{pack.Errors}");
    }

    /// <summary>The folder holding the packed <c>.nupkg</c> and <c>.snupkg</c>.</summary>
    public string Folder { get; }

    /// <summary>The package version the build used.</summary>
    public static string Version => Metadata("PackageVersion");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }

    private static string Metadata(string key) =>
        typeof(PackedRuntime).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
