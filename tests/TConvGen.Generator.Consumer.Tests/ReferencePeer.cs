using TConvGen;
using TConvGen.Tests.Shared;

namespace TConvGen.Generator.Consumer.Tests;

/// <summary>The runtime's reference kernel dressed as a peer: a witness that is right by construction, for the tests of
/// the witness rule (wrapped in a <see cref="PerturbedOracle"/>, it is a peer wrong by exactly one known value).</summary>
internal sealed class ReferencePeer : IPeerOracle
{
    /// <inheritdoc />
    public PeerRun Run(ConvTranspose2dOptions options, float[] input, float[] weight, float[] bias, ConvTranspose2dShape shape)
    {
        var kernel = ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.Reference);
        var (height, width) = kernel.GetOutputSize(shape.Height, shape.Width);
        var output = new float[shape.Batch * shape.OutChannels * height * width];
        kernel.Run(input, weight, bias, output, shape);
        return new PeerRun("reference-as-peer", "scalar", output, [shape.Batch, shape.OutChannels, height, width]);
    }
}
