using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace TConvGen.Tests.Shared;

/// <summary>
/// The rule for peers (DESIGN.md, "Oracles"), written once: the definition is the judge, peers are witnesses. A hearing
/// holds one case's reference output (the double-precision scatter loop, <c>ConvTranspose2dAlgorithm.Reference</c>).
/// <see cref="Hear"/> measures a peer against it and reports the testimony; <see cref="Judge"/> fails one of our outputs
/// unless it matches the reference, and every peer heard that agrees with the reference. A peer that disagrees is
/// reported and takes no further part: a wrong peer is never a failure of our tests, and never a reason to pass one of
/// our outputs either. (Compiled into each project that uses it.)
/// </summary>
internal sealed class Hearing
{
    private readonly List<Testimony> _testimonies = [];

    /// <summary>A hearing of <paramref name="caseName"/>, judged by <paramref name="reference"/> of shape <paramref name="shape"/>.</summary>
    /// <param name="caseName">The case's name in messages.</param>
    /// <param name="reference">The definition's output.</param>
    /// <param name="shape">Its shape.</param>
    /// <param name="report">Where testimonies go.</param>
    /// <param name="magnitude">The magnitude errors are measured against; by default the reference's largest absolute value
    /// (for activated outputs, <see cref="OutputDifference.ActivatedMagnitude"/>).</param>
    public Hearing(string caseName, float[] reference, IReadOnlyList<long> shape, IPeerReport report, double? magnitude = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(report);
        Case = caseName;
        Reference = reference;
        Shape = shape;
        Report = report;
        Magnitude = magnitude ?? OutputDifference.MagnitudeOf(reference);
    }

    /// <summary>The magnitude errors are measured against.</summary>
    public double Magnitude { get; }

    /// <summary>The case's name in messages.</summary>
    public string Case { get; }

    /// <summary>The definition's output.</summary>
    public float[] Reference { get; }

    /// <summary>The definition's output shape (N, Cout, Hout, Wout).</summary>
    public IReadOnlyList<long> Shape { get; }

    private IPeerReport Report { get; }

    /// <summary>The testimonies heard so far.</summary>
    public IReadOnlyList<Testimony> Testimonies => _testimonies;

    /// <summary>Hears <paramref name="peer"/>: measures it against the reference and reports it, whatever it says. Only a
    /// different output shape fails here: shapes are PyTorch's semantics, which the peers define, not float arithmetic.</summary>
    public Testimony Hear(PeerRun peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        Assert.True(Shape.SequenceEqual(peer.Shape),
            $"{Case}: {peer.Peer} gives the shape [{string.Join(", ", peer.Shape)}], the definition [{string.Join(", ", Shape)}].");
        var testimony = new Testimony(Case, peer, OutputDifference.Between(Reference, peer.Output, Magnitude));
        _testimonies.Add(testimony);
        Report.Heard(testimony);
        return testimony;
    }

    /// <summary>Fails unless <paramref name="ours"/> (of <paramref name="shape"/>, if given) matches the reference and
    /// every peer heard that agrees with the reference.</summary>
    public void Judge(string what, float[] ours, IReadOnlyList<long>? shape = null)
    {
        ArgumentNullException.ThrowIfNull(ours);
        if (shape is not null)
            Assert.True(Shape.SequenceEqual(shape), $"{Case}, {what}: shape [{string.Join(", ", shape)}], the definition [{string.Join(", ", Shape)}].");
        Assert.Equal(Reference.Length, ours.Length);
        var fromReference = OutputDifference.Between(Reference, ours, Magnitude);
        Assert.True(fromReference.IsClose, $"{Case}, {what}: {fromReference.Describe("reference")}.");
        foreach (var testimony in _testimonies.Where(t => t.Agrees))
        {
            var fromPeer = OutputDifference.Between(testimony.Peer.Output, ours, Magnitude);
            Assert.True(fromPeer.IsClose,
                $"{Case}, {what}: {fromPeer.Describe($"{testimony.Peer.Peer} [{testimony.Peer.Isa}] (which agrees with the reference)")}.");
        }
    }
}
