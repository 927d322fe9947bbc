using System.Collections.Generic;
using TConvGen.Bench.Implementations;

namespace TConvGen.Bench.Measurement;

/// <summary>What <see cref="OutputVerifier"/> found before anything was timed.</summary>
/// <param name="Unavailable">Implementations that cannot load here (name -> reason); they are not timed.</param>
/// <param name="WrongPeers">Peers whose output differs from the reference, per shape ((name, shape id) -> what ran and the
/// error). They are still timed and shown, marked wrong, and left out of the best-peer ratios.</param>
internal sealed record Verification(IReadOnlyDictionary<string, string> Unavailable, IReadOnlyDictionary<(string Implementation, string ShapeId), WrongOutput> WrongPeers);

/// <summary>A peer's wrong output on one shape: what it ran (null if it cannot tell) and its first element out of tolerance.</summary>
internal sealed record WrongOutput(PeerIsa? Isa, string Error)
{
    public override string ToString() => Isa is null ? Error : $"{Isa}: {Error}";
}
