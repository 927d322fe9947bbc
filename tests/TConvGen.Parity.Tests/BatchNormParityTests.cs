using System;
using System.Linq;
using TConvGen.Parity.Tests.Support;
using TConvGen.Peers;
using TConvGen.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace TConvGen.Parity.Tests;

/// <summary>
/// BatchNorm folded at Prepare, then the options' activation: every algorithm's <c>Prepare(..., BatchNormParameters)</c>,
/// judged by the definition (the reference convolution, then <c>(y - mean) / sqrt(var + eps) * gamma + beta</c> and the
/// activation in double), with libtorch's <c>batch_norm(conv_transpose2d(...))</c> and its activation, and ONNX Runtime's
/// ConvTranspose -> BatchNormalization -> activation, as witnesses; 2-D and 1-D.
/// </summary>
public sealed class BatchNormParityTests(ITestOutputHelper output)
{
    public const int Configurations = 40;

    public static TheoryData<int> Seeds => new(Enumerable.Range(0, Configurations));

    public static TheoryData<string> Layers => new(["dcgan2", "dcgan3", "dcgan4", "ppocr", "ppocr-eps"]);

    [Theory]
    [MemberData(nameof(Layers))]
    public void LayerWithBatchNormMatchesTheDefinitionWitnessedByBothPeers(string layer)
    {
        var (c, batchNorm) = layer switch
        {
            // DCGAN's hidden layers: bias-free ConvTranspose2d, BatchNorm2d, ReLU.
            "dcgan2" => (Layer("DCGAN 512->256", new(4, 2, 1) { Activation = ConvTransposeActivation.Relu }, 512, 256, 4, bias: false), 1e-5f),
            "dcgan3" => (Layer("DCGAN 256->128", new(4, 2, 1) { Activation = ConvTransposeActivation.Relu }, 256, 128, 8, bias: false), 1e-5f),
            "dcgan4" => (Layer("DCGAN 128->64", new(4, 2, 1) { Activation = ConvTransposeActivation.Relu }, 128, 64, 16, bias: false), 1e-5f),
            // PP-OCR's text-detection (DB) head: ConvTranspose2d k2 s2, BatchNorm, ReLU (on a 40x40 map; PaddlePaddle's epsilon too).
            "ppocr" => (Layer("PP-OCR DB head", new(2, 2, 0) { Activation = ConvTransposeActivation.Relu }, 64, 64, 40, bias: true), 1e-5f),
            "ppocr-eps" => (Layer("PP-OCR DB head, eps 1e-3", new(2, 2, 0) { Activation = ConvTransposeActivation.Relu }, 64, 64, 40, bias: true), 1e-3f),
            _ => throw new ArgumentOutOfRangeException(nameof(layer), layer, "unknown layer."),
        };
        AllAlgorithmsMatch(c, RandomBatchNorm(c.Shape.OutChannels, c.Name.Length, batchNorm), twoPeers: true);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomConfigurationWithBatchNormMatchesTheDefinitionWitnessedByLibTorch(int seed)
    {
        var c = ParityCase.Random(7000 + seed);
        var activation = (ConvTransposeActivation)(seed % 7);
        c = c with { Options = c.Options with { Activation = activation, ActivationSlope = 0.2f } };
        AllAlgorithmsMatch(c, RandomBatchNorm(c.Shape.OutChannels, seed, 1e-5f), twoPeers: false);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void ConvTranspose1dWithBatchNormMatchesTheDefinitionWitnessedByLibTorch(int seed)
    {
        // A 1-D decoder block (ConvTranspose1d, BatchNorm1d, ReLU), as in speech-enhancement U-Nets.
        var options = new ConvTranspose1dOptions(8, 4, 2) { Activation = ConvTransposeActivation.Relu };
        var shape = new ConvTranspose1dShape(2, 48, 24, 100);
        var c = ParityCase1d.Create($"1-D decoder #{seed}", options, shape, 100 + seed, withBias: seed != 1);
        var batchNorm = RandomBatchNorm(shape.OutChannels, seed, 1e-5f);

        var plain = ConvTranspose1d.Create(options with { Activation = ConvTransposeActivation.None }, ConvTranspose2dAlgorithm.Reference);
        int length = plain.GetOutputLength(shape.Length);
        var convolution = new float[shape.Batch * shape.OutChannels * length];
        plain.Run(c.Input, c.Weight, c.Bias, convolution, shape);
        var (definition, magnitude) = Definition(convolution, length, batchNorm, options.Activation, options.ActivationSlope);
        var hearing = new Hearing(c.ToString() + " + BatchNorm1d", definition, [shape.Batch, shape.OutChannels, length], new PeerReport(output), magnitude);
        using (var peer = new LibTorchConvTranspose1d(options, shape.InChannels, shape.OutChannels, c.Weight, c.Bias, batchNorm))
        {
            var (result, resultShape) = peer.Run(c.Input, shape);
            hearing.Hear(new PeerRun("libtorch", PeerIsa.LibTorch, result, resultShape));
        }
        foreach (var algorithm in Enum.GetValues<ConvTranspose2dAlgorithm>())
        {
            var ours = new float[definition.Length];
            ConvTranspose1d.Create(options, algorithm)
                .Prepare(c.Weight, c.Bias, shape.InChannels, shape.OutChannels, ToParameters(batchNorm))
                .Run(c.Input, ours, shape.Batch, shape.Length);
            hearing.Judge($"{algorithm}.Prepare(batchNorm)+Run", ours);
        }
    }

    private void AllAlgorithmsMatch(ParityCase c, BatchNormData batchNorm, bool twoPeers)
    {
        var plain = ConvTranspose2d.Create(c.Options with { Activation = ConvTransposeActivation.None }, ConvTranspose2dAlgorithm.Reference);
        var (height, width) = plain.GetOutputSize(c.Shape.Height, c.Shape.Width);
        var convolution = new float[c.Shape.Batch * c.Shape.OutChannels * height * width];
        plain.Run(c.Input, c.Weight, c.Bias, convolution, c.Shape);
        var (definition, magnitude) = Definition(convolution, height * width, batchNorm, c.Options.Activation, c.Options.ActivationSlope);
        long[] shape = [c.Shape.Batch, c.Shape.OutChannels, height, width];
        var hearing = new Hearing(c.ToString() + " + BatchNorm2d", definition, shape, new PeerReport(output), magnitude);
        using (var peer = new LibTorchConvTranspose2d(c.Options, c.Shape.InChannels, c.Shape.OutChannels, c.Weight, c.Bias, batchNorm))
        {
            var (result, resultShape) = peer.Run(c.Input, c.Shape);
            hearing.Hear(new PeerRun("libtorch", PeerIsa.LibTorch, result, resultShape));
        }
        if (twoPeers)
        {
            using var peer = new OnnxRuntimeConvTranspose2d(c.Options, c.Shape, c.Weight, c.Bias, intraOpThreads: 1, batchNorm);
            var (result, resultShape) = peer.Run(c.Input);
            hearing.Hear(new PeerRun("ONNX Runtime", PeerIsa.OnnxRuntime, result, resultShape));
        }
        foreach (var algorithm in Enum.GetValues<ConvTranspose2dAlgorithm>())
        {
            var ours = new float[definition.Length];
            ConvTranspose2d.Create(c.Options, algorithm)
                .Prepare(c.Weight, c.Bias, c.Shape.InChannels, c.Shape.OutChannels, ToParameters(batchNorm))
                .Run(c.Input, ours, c.Shape.Batch, c.Shape.Height, c.Shape.Width);
            hearing.Judge($"{algorithm}.Prepare(batchNorm)+Run", ours);
        }
    }

    /// <summary>BatchNorm then the activation on the reference convolution, in double; and the magnitude errors are measured
    /// against (the normalised convolution's, through the activation's Lipschitz bound).</summary>
    private static (float[] Output, double Magnitude) Definition(float[] convolution, int plane, BatchNormData bn, ConvTransposeActivation activation, float slope)
    {
        var normalised = new float[convolution.Length];
        var activated = new float[convolution.Length];
        int channels = bn.Weight.Length;
        for (int i = 0; i < convolution.Length; i++)
        {
            int oc = i / plane % channels;
            double y = (convolution[i] - (double)bn.RunningMean[oc]) / Math.Sqrt(bn.RunningVariance[oc] + (double)bn.Epsilon) * bn.Weight[oc] + bn.Bias[oc];
            normalised[i] = (float)y;
            activated[i] = (float)Activate(activation, slope, y);
        }
        double magnitude = OutputDifference.ActivatedMagnitude(normalised, activated, ActivationLipschitz.Of(activation, slope));
        return (activated, magnitude);
    }

    /// <summary>PyTorch's functions, in double (written here from their definitions, independently of the runtime's).</summary>
    private static double Activate(ConvTransposeActivation activation, float slope, double x) => activation switch
    {
        ConvTransposeActivation.None => x,
        ConvTransposeActivation.Relu => x > 0 ? x : 0,
        ConvTransposeActivation.LeakyRelu => x > 0 ? x : slope * x,
        ConvTransposeActivation.Relu6 => Math.Clamp(x, 0, 6),
        ConvTransposeActivation.Sigmoid => 1 / (1 + Math.Exp(-x)),
        ConvTransposeActivation.Tanh => Math.Tanh(x),
        ConvTransposeActivation.Silu => x / (1 + Math.Exp(-x)),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation."),
    };

    /// <summary>Inference parameters as a trained network has them: gamma around 1, beta and mean around 0, variances 0.1 to 2.</summary>
    private static BatchNormData RandomBatchNorm(int channels, int seed, float epsilon)
    {
        var random = new Random(seed * 31 + channels);
        float[] Draw(double low, double high) => Enumerable.Range(0, channels).Select(_ => (float)(low + (high - low) * random.NextDouble())).ToArray();
        return new BatchNormData(Draw(0.5, 1.5), Draw(-0.5, 0.5), Draw(-0.5, 0.5), Draw(0.1, 2.0), epsilon);
    }

    private static BatchNormParameters ToParameters(BatchNormData bn) => new(bn.Weight, bn.Bias, bn.RunningMean, bn.RunningVariance, bn.Epsilon);

    private static ParityCase Layer(string name, ConvTranspose2dOptions options, int inChannels, int outChannels, int size, bool bias) =>
        ParityCase.Create(name, options, new ConvTranspose2dShape(1, inChannels, outChannels, size, size), name.Length * 7919, bias);
}
