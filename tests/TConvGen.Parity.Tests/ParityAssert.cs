using System;
using TConvGen.Parity.Tests.Support;
using TConvGen.Tests.Shared;
using Xunit.Abstractions;

namespace TConvGen.Parity.Tests;

/// <summary>Judges every algorithm of the enum, through Run and through Prepare, by the reference, with a peer as witness
/// (<see cref="Hearing"/>: where the peer agrees with the reference, every algorithm must agree with it too; where it
/// does not, it is reported to <paramref name="output"/> and the peer report). An activated case is measured against the
/// magnitude of its convolution (<see cref="OutputDifference.ActivatedMagnitude"/>).</summary>
internal static class ParityAssert
{
    public static void AllAlgorithmsMatch(ParityCase c, Func<ParityCase, PeerRun> peer, ITestOutputHelper output)
    {
        var (reference, _, shape) = c.RunTConvGen(ConvTranspose2dAlgorithm.Reference);
        double? magnitude = null;
        if (c.Options.Activation != ConvTransposeActivation.None)
        {
            var (convolution, _, _) = (c with { Options = c.Options with { Activation = ConvTransposeActivation.None } }).RunTConvGen(ConvTranspose2dAlgorithm.Reference);
            magnitude = OutputDifference.ActivatedMagnitude(convolution, reference, ActivationLipschitz.Of(c.Options.Activation, c.Options.ActivationSlope));
        }
        var hearing = new Hearing(c.ToString(), reference, shape, new PeerReport(output), magnitude);
        hearing.Hear(peer(c));
        foreach (var algorithm in Enum.GetValues<ConvTranspose2dAlgorithm>())
        {
            var (run, prepared, algorithmShape) = c.RunTConvGen(algorithm);
            hearing.Judge($"{algorithm}.Run", run, algorithmShape);
            hearing.Judge($"{algorithm}.Prepare+Run", prepared, algorithmShape);
        }
    }
}
