using System;
using TConvGen.Peers;
using TConvGen.Tests.Shared;

namespace TConvGen.Parity.Tests.Support;

/// <summary>Runs a <see cref="ParityCase"/> on each peer.</summary>
internal static class PeerRuns
{
    /// <summary>libtorch's conv_transpose2d; throws libtorch's exception when it rejects the case.</summary>
    public static PeerRun LibTorch(ParityCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        using var peer = new LibTorchConvTranspose2d(c.Options, c.Shape.InChannels, c.Shape.OutChannels, c.Weight, c.Bias);
        var (output, shape) = peer.Run(c.Input, c.Shape);
        return new PeerRun("libtorch", PeerIsa.LibTorch, output, shape);
    }

    /// <summary>ONNX Runtime's ConvTranspose (one intra-op thread); throws its exception when it rejects the case.</summary>
    public static PeerRun OnnxRuntime(ParityCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        using var peer = new OnnxRuntimeConvTranspose2d(c.Options, c.Shape, c.Weight, c.Bias, intraOpThreads: 1);
        var (output, shape) = peer.Run(c.Input);
        return new PeerRun("ONNX Runtime", PeerIsa.OnnxRuntime, output, shape);
    }
}
