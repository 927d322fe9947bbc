using TConvGen.Parity.Tests.Support;
using Xunit;

namespace TConvGen.Parity.Tests;

/// <summary>Every algorithm against libtorch and ONNX Runtime on the transposed convolutions of real networks, at their real
/// channel counts (spatial sizes are the networks' own, or scaled down where noted to keep the suite fast).</summary>
public sealed class RealLayerParityTests
{
    public static TheoryData<string> Layers => new(RealLayers.Names);

    [Theory]
    [MemberData(nameof(Layers))]
    public void LayerMatchesLibTorch(string layer)
    {
        var c = RealLayers.Case(layer);

        ParityAssert.AllAlgorithmsMatch("libtorch", c, PeerRuns.LibTorch(c));
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public void LayerMatchesOnnxRuntime(string layer)
    {
        var c = RealLayers.Case(layer);

        ParityAssert.AllAlgorithmsMatch("ONNX Runtime", c, PeerRuns.OnnxRuntime(c));
    }
}
