using System;
using TConvGen.Bench.Suite;

namespace TConvGen.Bench.Implementations;

/// <summary>One way to compute a transposed convolution, set up once per shape and thread count, then run many times.</summary>
internal abstract class ConvImplementation : IDisposable
{
    /// <summary>The column name in the results.</summary>
    public abstract string Name { get; }

    /// <summary>True for the libraries users would otherwise pick (ONNX Runtime, libtorch): the ratio column compares with the best of them.</summary>
    public virtual bool IsPeer => false;

    /// <summary>For a peer: what it ran on <paramref name="shape"/>, as far as can be told (its ISA and kernel), shown where
    /// its output is wrong. Null for TConvGen's implementations, whose wrong output stops the benchmark instead.</summary>
    public virtual PeerIsa? IsaFor(BenchShape shape) => null;

    /// <summary>Whether it computes <paramref name="shape"/> at all (the 1-D columns run only the 1-D layers); cases it does
    /// not are neither verified nor timed, and show as –.</summary>
    public virtual bool Supports(BenchShape shape) => true;

    /// <summary>Allocates everything a run needs, so that <see cref="Run"/> allocates nothing that is timed.</summary>
    /// <exception cref="PeerUnavailableException">The implementation cannot run on this machine.</exception>
    public abstract void Setup(BenchShape shape, BenchData data, int threads);

    /// <summary>Computes the output of the shape set up last.</summary>
    public abstract void Run();

    /// <summary>The output of the last <see cref="Run"/>, (N, Cout, Hout, Wout).</summary>
    public abstract ReadOnlySpan<float> Output { get; }

    public virtual void Dispose()
    {
    }
}

/// <summary>An implementation that cannot load on this machine; the benchmark reports it and goes on.</summary>
internal sealed class PeerUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
