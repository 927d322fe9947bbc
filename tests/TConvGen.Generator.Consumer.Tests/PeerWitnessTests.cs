using System;
using System.IO;
using TConvGen;
using TConvGen.Tests.Shared;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace TConvGen.Generator.Consumer.Tests;

/// <summary>
/// The witness rule itself (tests/Shared/Hearing.cs), with peers made wrong on purpose (<see cref="PerturbedOracle"/>):
/// a peer that disagrees with the reference is reported and is no failure; an output of ours that disagrees with the
/// reference fails, even when a wrong peer says the same; and where a peer agrees with the reference, ours must agree
/// with that peer too.
/// </summary>
public sealed class PeerWitnessTests(ITestOutputHelper output)
{
    private const int Corrupted = 17;

    private static readonly ConvTranspose2dShape Shape = new(2, 3, 5, 7, 5);

    /// <summary>The generated kernel's check passes with a perturbed peer, which is reported as disagreeing: peer, ISA, case and error.</summary>
    [Fact]
    public void APeerThatDisagreesWithTheReferenceIsReportedAndIsNoFailure()
    {
        var report = new RecordingPeerReport(output);
        var peer = new ReferencePeer();

        // Runs the generated kernel through the consumer tests' own check: it must pass.
        GeneratedKernelCheck.Run(Decoder.Up2x(), Shape, new Random(3), [peer, new PerturbedOracle(peer, Corrupted, 0.5f)], report);

        Assert.Equal(2, report.Testimonies.Count);
        Assert.True(report.Testimonies[0].Agrees, report.Testimonies[0].Describe());
        var wrong = report.Testimonies[1];
        Assert.False(wrong.Agrees, wrong.Describe());
        Assert.Equal(Corrupted, wrong.FromReference.Index);
        Assert.Equal(0.5, wrong.FromReference.Error, 1e-6);
        string line = wrong.Describe();
        foreach (string part in new[] { "reference-as-peer (perturbed) [scalar] DISAGREES", Decoder.Up2x().Options.ToString(), Shape.ToString(), $"output[{Corrupted}]" })
            Assert.Contains(part, line, StringComparison.Ordinal);
    }

    /// <summary>An output of ours one value off the reference fails; the unchanged one passes.</summary>
    [Fact]
    public void OurOutputThatDisagreesWithTheReferenceFails()
    {
        var (hearing, reference) = HearingOf([]);
        var ours = (float[])reference.Clone();
        ours[Corrupted] += 0.5f;

        var failure = Assert.ThrowsAny<XunitException>(() => hearing.Judge("corrupted", ours));
        Assert.Contains($"output[{Corrupted}]", failure.Message, StringComparison.Ordinal);
        hearing.Judge("unchanged", (float[])reference.Clone());
    }

    /// <summary>Agreeing with a peer that is wrong is no excuse: the reference judges.</summary>
    [Fact]
    public void OurOutputThatMatchesAWrongPeerStillFails()
    {
        var (hearing, _) = HearingOf([new PerturbedOracle(new ReferencePeer(), Corrupted, 0.5f)]);
        var sameAsTheWrongPeer = (float[])hearing.Testimonies[0].Peer.Output.Clone();

        var failure = Assert.ThrowsAny<XunitException>(() => hearing.Judge("as the wrong peer", sameAsTheWrongPeer));
        Assert.Contains("reference", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>A peer that agrees with the reference is a second witness: ours must agree with it too.</summary>
    [Fact]
    public void OurOutputMustAlsoMatchAPeerThatAgreesWithTheReference()
    {
        // The peer and ours each 0.8 of the tolerance from the reference, on opposite sides: both agree with the
        // reference, but ours is 1.6 tolerances from the peer.
        var (withoutPeers, reference) = HearingOf([]);
        float shift = (float)(0.8 * OutputDifference.Between(reference, reference).Tolerance);
        var (hearing, _) = HearingOf([new PerturbedOracle(new ReferencePeer(), Corrupted, shift)]);
        Assert.True(hearing.Testimonies[0].Agrees, hearing.Testimonies[0].Describe());
        var ours = (float[])reference.Clone();
        ours[Corrupted] -= shift;

        withoutPeers.Judge("0.8 tolerances below", ours);
        var failure = Assert.ThrowsAny<XunitException>(() => hearing.Judge("0.8 tolerances below", ours));
        Assert.Contains("which agrees with the reference", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>Output shapes are semantics, which the peers define: a different one fails.</summary>
    [Fact]
    public void APeerWithAnotherShapeFails()
    {
        var (hearing, reference) = HearingOf([]);

        Assert.ThrowsAny<XunitException>(() => hearing.Hear(new PeerRun("reshaped", "scalar", reference, [1, 1, 1, reference.Length])));
    }

    /// <summary>The report file counts the cases heard per peer and lists the disagreements only.</summary>
    [Fact]
    public void TheReportFileCountsEveryPeerAndListsEachDisagreement()
    {
        var (hearing, _) = HearingOf([new ReferencePeer(), new PerturbedOracle(new ReferencePeer(), Corrupted, 0.5f)]);
        string folder = Directory.CreateTempSubdirectory("tconvgen-peer-report-").FullName;
        try
        {
            var file = new PeerReportFile(Path.Combine(folder, "sub", "report.txt"), "a test run");
            foreach (var testimony in hearing.Testimonies)
                file.Add(testimony);

            string text = File.ReadAllText(file.Path);
            Assert.StartsWith("Peer report of a test run", text, StringComparison.Ordinal);
            Assert.Contains("reference-as-peer [scalar]: heard on 1 cases, disagrees with the reference on 0", text, StringComparison.Ordinal);
            Assert.Contains("reference-as-peer (perturbed) [scalar]: heard on 1 cases, disagrees with the reference on 1", text, StringComparison.Ordinal);
            Assert.Contains(hearing.Testimonies[1].Describe(), text, StringComparison.Ordinal);
            Assert.DoesNotContain(hearing.Testimonies[0].Describe(), text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A hearing of Up2x on <see cref="Shape"/> with random data, the given peers heard.</summary>
    private (Hearing Hearing, float[] Reference) HearingOf(IPeerOracle[] peers)
    {
        var options = Decoder.Up2x().Options;
        var random = new Random(11);
        var input = RandomData.Uniform(random, Shape.Batch * Shape.InChannels * Shape.Height * Shape.Width);
        var weight = RandomData.Uniform(random, Shape.InChannels * Shape.OutChannels * options.KernelHeight * options.KernelWidth);
        var bias = RandomData.Uniform(random, Shape.OutChannels);
        var reference = new ReferencePeer().Run(options, input, weight, bias, Shape);
        var hearing = new Hearing($"{options} on {Shape}", reference.Output, reference.Shape, new RecordingPeerReport(output));
        foreach (var peer in peers)
            hearing.Hear(peer.Run(options, input, weight, bias, Shape));
        return (hearing, reference.Output);
    }
}
