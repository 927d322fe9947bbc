using TConvGen;
using TConvGen.Tests.Shared;

namespace TConvGen.Generator.Consumer.Tests;

/// <summary>A peer implementation: a witness for the generated kernels, heard against the reference (see <see cref="Hearing"/>).</summary>
internal interface IPeerOracle
{
    /// <summary>The peer's output on one problem, and what ran it.</summary>
    PeerRun Run(ConvTranspose2dOptions options, float[] input, float[] weight, float[] bias, ConvTranspose2dShape shape);
}
