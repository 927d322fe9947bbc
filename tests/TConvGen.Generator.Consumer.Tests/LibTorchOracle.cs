using TConvGen;
using TConvGen.Peers;
using TConvGen.Tests.Shared;

namespace TConvGen.Generator.Consumer.Tests;

/// <summary>libtorch 2.10's <c>torch.nn.functional.conv_transpose2d</c> (TorchSharp-cpu).</summary>
internal sealed class LibTorchOracle : IPeerOracle
{
    /// <inheritdoc />
    public PeerRun Run(ConvTranspose2dOptions options, float[] input, float[] weight, float[] bias, ConvTranspose2dShape shape)
    {
        using var libtorch = new LibTorchConvTranspose2d(options, shape.InChannels, shape.OutChannels, weight, bias);
        var (output, outputShape) = libtorch.Run(input, shape);
        return new PeerRun("libtorch", PeerIsa.LibTorch, output, outputShape);
    }
}
