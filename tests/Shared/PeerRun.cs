using System.Collections.Generic;

namespace TConvGen.Tests.Shared;

/// <summary>A peer's output on one case, and what ran it. (Compiled into each project that uses it.)</summary>
/// <param name="Peer">The peer's name (<c>libtorch</c>, <c>ONNX Runtime</c>).</param>
/// <param name="Isa">The instruction set it ran at, as far as it can be told (see <see cref="PeerIsa"/>).</param>
/// <param name="Output">Its output, (N, Cout, Hout, Wout).</param>
/// <param name="Shape">The output's shape as the peer gives it.</param>
internal sealed record PeerRun(string Peer, string Isa, float[] Output, IReadOnlyList<long> Shape);
