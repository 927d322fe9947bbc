using TConvGen.Peers;
using Xunit;

namespace TConvGen.Parity.Tests;

/// <summary>libtorch loads and computes in the test process (the build marks GLIBCXX_3.4.32 weak in the output's libLibTorchSharp.so).</summary>
public sealed class LibTorchLoadTests
{
    [Fact]
    public void TorchOnesComputes()
    {
        string version = LibTorchConvTranspose2d.EnsureLoaded();

        Assert.StartsWith("2.10", version);
    }
}
