using TConvGen.Parity.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace TConvGen.Parity.Tests;

/// <summary>Every algorithm on the transposed convolutions of real networks, at their real channel counts (spatial sizes
/// are the networks' own, or scaled down where noted to keep the suite fast), judged by the reference with libtorch and
/// ONNX Runtime as witnesses (see <see cref="ParityAssert"/>).</summary>
public sealed class RealLayerParityTests(ITestOutputHelper output)
{
    public static TheoryData<string> Layers => new(RealLayers.Names);

    [Theory]
    [MemberData(nameof(Layers))]
    public void LayerMatchesTheReferenceWitnessedByLibTorch(string layer) =>
        ParityAssert.AllAlgorithmsMatch(RealLayers.Case(layer), PeerRuns.LibTorch, output);

    [Theory]
    [MemberData(nameof(Layers))]
    public void LayerMatchesTheReferenceWitnessedByOnnxRuntime(string layer) =>
        ParityAssert.AllAlgorithmsMatch(RealLayers.Case(layer), PeerRuns.OnnxRuntime, output);
}
