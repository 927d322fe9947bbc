using System.Linq;
using TConvGen.Generator.Tests.Infrastructure;
using Xunit;

namespace TConvGen.Generator.Tests;

/// <summary>Pins the generated code of the representative configurations (Snapshots/*.verified.cs).</summary>
public sealed class GeneratorSnapshotTests
{
    [Fact] public void K3S2P1Op1SingleChannel() => Verify(nameof(K3S2P1Op1SingleChannel));
    [Fact] public void K4S2P1() => Verify(nameof(K4S2P1));
    [Fact] public void K2S2P0() => Verify(nameof(K2S2P0));
    [Fact] public void K3S1P1() => Verify(nameof(K3S1P1));
    [Fact] public void K9S3P4Op2() => Verify(nameof(K9S3P4Op2));
    [Fact] public void Dilation2() => Verify(nameof(Dilation2));
    [Fact] public void Groups() => Verify(nameof(Groups));
    [Fact] public void Asymmetric() => Verify(nameof(Asymmetric));
    [Fact] public void KernelSmallerThanStride() => Verify(nameof(KernelSmallerThanStride));
    [Fact] public void Fallback() => Verify(nameof(Fallback));
    [Fact] public void K4S2P1LeakyRelu() => Verify(nameof(K4S2P1LeakyRelu));
    [Fact] public void K3S2P1Op1SingleChannelTanh() => Verify(nameof(K3S2P1Op1SingleChannelTanh));
    [Fact] public void Line1dK16S8P4() => Verify(nameof(Line1dK16S8P4));
    [Fact] public void Line1dK4S2P1Fixed() => Verify(nameof(Line1dK4S2P1Fixed));
    [Fact] public void Line1dFallback() => Verify(nameof(Line1dFallback));

    /// <summary>Nested types, a block-scoped namespace and a non-public method are repeated as declared.</summary>
    [Fact]
    public void NestedTypesAndAccessibility()
    {
        const string source = """
            using TConvGen;
            namespace Outer.Inner
            {
                /// <summary>A generic model.</summary>
                public partial class Model<T>
                {
                    internal partial record struct Layer
                    {
                        [ConvTranspose(4, stride: 2, padding: 1, InChannels = 8, OutChannels = 8)]
                        private static partial ConvTranspose2d Up();
                    }
                }
            }
            """;
        var (driver, output, diagnostics) = GeneratorHarness.Run(GeneratorHarness.Compile(source));
        SnapshotAssert.Matches(GeneratorHarness.Result(driver), nameof(GeneratorSnapshotTests));
        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
    }

    private static void Verify(string name)
    {
        var item = Configurations.Snapshot.Concat(Configurations.Lines).Single(c => c.Name == name);
        var (driver, _, _) = GeneratorHarness.Run(GeneratorHarness.Compile(Configurations.Source(new[] { item })));
        SnapshotAssert.Matches(GeneratorHarness.Result(driver), nameof(GeneratorSnapshotTests), name);
    }
}
