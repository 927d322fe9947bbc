using System;
using TConvGen.Peers;

namespace TConvGen.Parity.Tests.Support;

/// <summary>Runs a <see cref="ParityCase"/> on each peer.</summary>
public static class PeerRuns
{
    /// <summary>libtorch's conv_transpose2d; throws libtorch's exception when it rejects the case.</summary>
    public static (float[] Output, long[] Shape) LibTorch(ParityCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        using var peer = new LibTorchConvTranspose2d(c.Options, c.Shape.InChannels, c.Shape.OutChannels, c.Weight, c.Bias);
        return peer.Run(c.Input, c.Shape);
    }

    /// <summary>ONNX Runtime's ConvTranspose (one intra-op thread); throws its exception when it rejects the case.</summary>
    public static (float[] Output, long[] Shape) OnnxRuntime(ParityCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        using var peer = new OnnxRuntimeConvTranspose2d(c.Options, c.Shape, c.Weight, c.Bias, intraOpThreads: 1);
        return peer.Run(c.Input);
    }
}
