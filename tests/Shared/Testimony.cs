namespace TConvGen.Tests.Shared;

/// <summary>A peer heard on one case: its run, and how far it is from the reference. (Compiled into each project that uses it.)</summary>
/// <param name="Case">The case, as the test names it.</param>
/// <param name="Peer">The peer's run.</param>
/// <param name="FromReference">The peer's output measured against the reference.</param>
internal sealed record Testimony(string Case, PeerRun Peer, OutputDifference FromReference)
{
    /// <summary>Whether the peer agrees with the reference (within the tests' tolerance).</summary>
    public bool Agrees => FromReference.IsClose;

    /// <summary>One line for the test output and the peer report.</summary>
    public string Describe() =>
        $"{Peer.Peer} [{Peer.Isa}] {(Agrees ? "agrees with" : "DISAGREES with")} the reference on {Case}: {FromReference.Describe("reference")}";
}
