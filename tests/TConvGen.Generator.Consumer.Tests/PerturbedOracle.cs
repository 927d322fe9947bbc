using TConvGen;
using TConvGen.Tests.Shared;

namespace TConvGen.Generator.Consumer.Tests;

/// <summary>A peer made wrong on purpose, to test the witness rule: <paramref name="inner"/>'s output with
/// <paramref name="delta"/> added to element <paramref name="index"/>.</summary>
internal sealed class PerturbedOracle(IPeerOracle inner, int index, float delta) : IPeerOracle
{
    /// <inheritdoc />
    public PeerRun Run(ConvTranspose2dOptions options, float[] input, float[] weight, float[] bias, ConvTranspose2dShape shape)
    {
        var run = inner.Run(options, input, weight, bias, shape);
        var output = (float[])run.Output.Clone();
        output[index] += delta;
        return run with { Peer = run.Peer + " (perturbed)", Output = output };
    }
}
