using System;
using System.Runtime.InteropServices;
using Xunit;

namespace TConvGen.Tests.Shared;

/// <summary>
/// The test host runs libtorch with oneDNN capped at <see cref="PeerIsa.OneDnnTestCap"/> (tests/Shared/LibTorchIsa.runsettings,
/// through the project's RunSettingsFilePath), and the cap is in the native environment, where oneDNN reads it. In the
/// rerun without AVX-512 this runs again in the child, so the child is checked to have inherited it. (Linked into each
/// project that runs libtorch.)
/// </summary>
public sealed class OneDnnIsaCapTests
{
    /// <summary>The cap is in the managed and, on Linux, the native environment of this process.</summary>
    [Fact]
    public void TheTestHostCapsOneDnn()
    {
        Assert.True(Environment.GetEnvironmentVariable(PeerIsa.OneDnnVariable) == PeerIsa.OneDnnTestCap,
            $"{PeerIsa.OneDnnVariable} is '{Environment.GetEnvironmentVariable(PeerIsa.OneDnnVariable)}' in the test host, not " +
            $"'{PeerIsa.OneDnnTestCap}': run the tests with the project's runsettings (plain `dotnet test` does).");
        if (OperatingSystem.IsLinux())
            Assert.Equal(PeerIsa.OneDnnTestCap, NativeGetEnvironmentVariable(PeerIsa.OneDnnVariable));
    }

    /// <summary>libc's getenv: what native code such as oneDNN sees.</summary>
    private static string? NativeGetEnvironmentVariable(string name) => Marshal.PtrToStringAnsi(getenv(name));

    [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern IntPtr getenv(string name);
}
