using System;
using System.Diagnostics;
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
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "pack", Metadata("RuntimeProject"), "-c", Metadata("Configuration"), "--no-build", "-o", Folder, "--nologo" })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet pack did not finish in 5 minutes.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet pack exited with {process.ExitCode}:\n{output}\n{error.Result}");
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
