using System;
using System.Linq;
using TConvGen.Parity.Tests.Support;
using TConvGen.Peers;
using TConvGen.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace TConvGen.Parity.Tests;

/// <summary>ConvTranspose1d: every algorithm, through Run and Prepare, judged by the 1-D reference with libtorch's
/// conv_transpose1d and ONNX Runtime's 1-D ConvTranspose as witnesses, on a random sweep and on audio layers (HiFi-GAN V1's
/// upsampling and an inverse-STFT overlap-add).</summary>
public sealed class ConvTranspose1dParityTests(ITestOutputHelper output)
{
    public const int Configurations = 120;

    public static TheoryData<int> Seeds => new(Enumerable.Range(0, Configurations));

    /// <summary>The first seeds whose configuration ONNX Runtime defines: it refuses an output padding not below the stride,
    /// which PyTorch allows when the dilation is larger (see <see cref="OnnxRuntimeSweepParityTests"/>).</summary>
    public static TheoryData<int> OnnxRuntimeSeeds => new(Enumerable.Range(0, 1000)
        .Where(s => ParityCase1d.Random(s) is var c && c.Options.OutputPadding < c.Options.Stride).Take(Configurations));

    public static TheoryData<string> AudioLayers => new(["hifi1", "hifi2", "hifi3", "hifi4", "istft"]);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomConfigurationMatchesTheReferenceWitnessedByLibTorch(int seed) =>
        AllAlgorithmsMatch(ParityCase1d.Random(seed), LibTorch);

    [Theory]
    [MemberData(nameof(OnnxRuntimeSeeds))]
    public void RandomConfigurationMatchesTheReferenceWitnessedByOnnxRuntime(int seed) =>
        AllAlgorithmsMatch(ParityCase1d.Random(seed), OnnxRuntime);

    [Theory]
    [MemberData(nameof(AudioLayers))]
    public void AudioLayerMatchesTheReferenceWitnessedByBothPeers(string layer)
    {
        var c = Audio(layer);
        AllAlgorithmsMatch(c, LibTorch, OnnxRuntime);
    }

    /// <summary>HiFi-GAN V1's upsampling on 86 mel frames (one second at 22 kHz; channels halved to keep the suite fast, the
    /// geometry is the real one), each followed by the LeakyReLU(0.1) of the next block; and an inverse STFT as a transposed
    /// convolution: 514 channels (257 frequencies, real and imaginary) to 1, a 512-tap window at hop 128.</summary>
    private static ParityCase1d Audio(string layer) => layer switch
    {
        "hifi1" => ParityCase1d.Create(layer, new(16, 8, 4) { Activation = ConvTransposeActivation.LeakyRelu, ActivationSlope = 0.1f }, new(1, 256, 128, 86), 11),
        "hifi2" => ParityCase1d.Create(layer, new(16, 8, 4) { Activation = ConvTransposeActivation.LeakyRelu, ActivationSlope = 0.1f }, new(1, 128, 64, 688), 12),
        "hifi3" => ParityCase1d.Create(layer, new(4, 2, 1) { Activation = ConvTransposeActivation.LeakyRelu, ActivationSlope = 0.1f }, new(1, 64, 32, 5504), 13),
        "hifi4" => ParityCase1d.Create(layer, new(4, 2, 1), new(1, 32, 16, 11008), 14),
        "istft" => ParityCase1d.Create(layer, new(512, 128, 192), new(1, 514, 1, 40), 15, withBias: false),
        _ => throw new ArgumentOutOfRangeException(nameof(layer), layer, "unknown audio layer."),
    };

    private void AllAlgorithmsMatch(ParityCase1d c, params Func<ParityCase1d, PeerRun>[] peers)
    {
        var (reference, _, shape) = c.RunTConvGen(ConvTranspose2dAlgorithm.Reference);
        double? magnitude = null;
        if (c.Options.Activation != ConvTransposeActivation.None)
        {
            var (convolution, _, _) = (c with { Options = c.Options with { Activation = ConvTransposeActivation.None } }).RunTConvGen(ConvTranspose2dAlgorithm.Reference);
            magnitude = OutputDifference.ActivatedMagnitude(convolution, reference, ActivationLipschitz.Of(c.Options.Activation, c.Options.ActivationSlope));
        }
        var hearing = new Hearing(c.ToString(), reference, shape, new PeerReport(output), magnitude);
        foreach (var peer in peers)
            hearing.Hear(peer(c));
        foreach (var algorithm in Enum.GetValues<ConvTranspose2dAlgorithm>())
        {
            var (run, prepared, algorithmShape) = c.RunTConvGen(algorithm);
            hearing.Judge($"{algorithm}.Run", run, algorithmShape);
            hearing.Judge($"{algorithm}.Prepare+Run", prepared, algorithmShape);
        }
    }

    private static PeerRun LibTorch(ParityCase1d c)
    {
        using var peer = new LibTorchConvTranspose1d(c.Options, c.Shape.InChannels, c.Shape.OutChannels, c.Weight, c.Bias);
        var (result, shape) = peer.Run(c.Input, c.Shape);
        return new PeerRun("libtorch", PeerIsa.LibTorch, result, shape);
    }

    private static PeerRun OnnxRuntime(ParityCase1d c)
    {
        using var peer = new OnnxRuntimeConvTranspose2d(OnnxModelBuilder.ConvTranspose1d(c.Options, c.Shape, c.Weight, c.Bias),
            [c.Shape.Batch, c.Shape.InChannels, c.Shape.Length], intraOpThreads: 1);
        var (result, shape) = peer.Run(c.Input);
        return new PeerRun("ONNX Runtime", PeerIsa.OnnxRuntime, result, shape);
    }
}
