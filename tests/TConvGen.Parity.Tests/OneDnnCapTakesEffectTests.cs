using System;
using TConvGen.Parity.Tests.Support;
using TConvGen.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace TConvGen.Parity.Tests;

/// <summary>
/// oneDNN honours the test host's cap: a child process with the test host's environment (ONEDNN_MAX_CPU_ISA inherited)
/// and ONEDNN_VERBOSE=1 runs DCGAN's first layer, one of the cases oneDNN's AVX2 and AVX-512 kernels get wrong, and
/// oneDNN says it ran neither AVX2 nor AVX-512 code.
/// </summary>
public sealed class OneDnnCapTakesEffectTests(ITestOutputHelper output)
{
    [Fact]
    public void OneDnnRunsBelowAvx2UnderTheCap()
    {
        var probe = LibTorchProbeRun.Start("dcgan1", removeCap: false);

        var c = Assert.Single(probe.Cases);
        output.WriteLine($"{PeerIsa.OneDnnVariable}={probe.ChildCap}; oneDNN isa:{probe.OneDnnIsa}; ran {string.Join(" + ", c.Implementations)}; {c.Difference}");
        Assert.Equal(PeerIsa.OneDnnTestCap, probe.ChildCap);
        Assert.NotNull(probe.OneDnnIsa);
        Assert.DoesNotContain("AVX2", probe.OneDnnIsa, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AVX-512", probe.OneDnnIsa, StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(c.Implementations);
        foreach (string implementation in c.Implementations)
        {
            Assert.DoesNotContain("avx2", implementation, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("avx512", implementation, StringComparison.OrdinalIgnoreCase);
        }
    }
}
