using System;
using System.Linq;
using TConvGen.Parity.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace TConvGen.Parity.Tests;

/// <summary>The fused activations: every algorithm with each activation in its options, judged by the reference (which
/// applies PyTorch's definition in double), with libtorch's conv_transpose2d followed by its own function (relu, leaky_relu,
/// relu6, sigmoid, tanh, silu) and ONNX Runtime's ConvTranspose followed by its nodes as witnesses.</summary>
public sealed class ActivationParityTests(ITestOutputHelper output)
{
    /// <summary>Random configurations per activation.</summary>
    public const int SeedsPerActivation = 12;

    public static TheoryData<string, string> Layers => Cross(["DCGAN 128->64 k4 s2 p1 on 16x16", "U-Net 128->64 k2 s2 p0 on 32x32",
        "FSRCNN 56->1 k9 s3 p4 op2 on 32x32", "depthwise 21->21 k4 s2 p1 groups 21 on 16x16"]);

    public static TheoryData<string, int> RandomCases
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (string activation in ActivationNames)
                foreach (int seed in Enumerable.Range(0, SeedsPerActivation))
                    data.Add(activation, seed);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public void ActivatedLayerMatchesTheReferenceWitnessedByLibTorch(string layer, string activation) =>
        ParityAssert.AllAlgorithmsMatch(WithActivation(RealLayers.Case(layer), activation), PeerRuns.LibTorch, output);

    [Theory]
    [MemberData(nameof(Layers))]
    public void ActivatedLayerMatchesTheReferenceWitnessedByOnnxRuntime(string layer, string activation) =>
        ParityAssert.AllAlgorithmsMatch(WithActivation(RealLayers.Case(layer), activation), PeerRuns.OnnxRuntime, output);

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void ActivatedRandomConfigurationMatchesTheReferenceWitnessedByLibTorch(string activation, int seed) =>
        ParityAssert.AllAlgorithmsMatch(WithActivation(ParityCase.Random(5000 + seed), activation), PeerRuns.LibTorch, output);

    /// <summary>Each activation, LeakyReLU once with PyTorch's default slope and once with DCGAN's discriminator's 0.2.</summary>
    private static readonly string[] ActivationNames = ["Relu", "LeakyRelu", "LeakyRelu 0.2", "Relu6", "Sigmoid", "Tanh", "Silu"];

    private static TheoryData<string, string> Cross(string[] layers)
    {
        var data = new TheoryData<string, string>();
        foreach (string layer in layers)
            foreach (string activation in ActivationNames)
                data.Add(layer, activation);
        return data;
    }

    private static ParityCase WithActivation(ParityCase c, string activation)
    {
        string[] parts = activation.Split(' ');
        var options = c.Options with { Activation = Enum.Parse<ConvTransposeActivation>(parts[0]) };
        if (parts.Length > 1)
            options = options with { ActivationSlope = float.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) };
        // Inputs scaled up so that the outputs reach the activations' curved parts and Relu6's upper bound.
        return c with { Name = c.Name + " + " + activation, Options = options, Input = c.Input.Select(x => 4 * x).ToArray() };
    }
}
