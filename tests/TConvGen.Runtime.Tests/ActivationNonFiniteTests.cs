using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using TConvGen;
using TConvGen.Runtime.Tests.Support;
using TConvGen.Tests.Shared;
using Xunit;
using Placement = TConvGen.Tests.Shared.NonFiniteData.Placement;

namespace TConvGen.Runtime.Tests;

/// <summary>
/// NaN and infinities through the activation land where PyTorch puts them: <c>relu(NaN) = NaN</c>, <c>relu(-inf) = 0</c>,
/// <c>relu6(inf) = 6</c>, <c>leaky_relu(-inf) = -inf * slope</c>, <c>sigmoid(-inf) = 0</c>, <c>sigmoid(inf) = 1</c>,
/// <c>tanh(+-inf) = +-1</c>, <c>silu(inf) = inf</c>, <c>silu(-inf) = NaN</c> (PyTorch's <c>x / (1 + exp(-x))</c>), NaN stays NaN,
/// for every algorithm at every width, in vector lanes and tails; and through every route that hands a layer elsewhere: the
/// exact path for non-finite weights and extreme strides, Winograd's for non-finite inputs, Auto.
/// </summary>
public sealed class ActivationNonFiniteTests
{
    private const float Nan = float.NaN, Plus = float.PositiveInfinity, Minus = float.NegativeInfinity;

    /// <summary>What PyTorch gives for NaN, +inf and -inf.</summary>
    public static TheoryData<ConvTransposeActivation, float, float, float, float> Specials() => new()
    {
        { ConvTransposeActivation.None, 0.01f, Nan, Plus, Minus },
        { ConvTransposeActivation.Relu, 0.01f, Nan, Plus, 0f },
        { ConvTransposeActivation.LeakyRelu, 0.2f, Nan, Plus, Minus },
        { ConvTransposeActivation.LeakyRelu, -0.5f, Nan, Plus, Plus },
        { ConvTransposeActivation.LeakyRelu, 3f, Nan, Plus, Minus },
        { ConvTransposeActivation.Relu6, 0.01f, Nan, 6f, 0f },
        { ConvTransposeActivation.Sigmoid, 0.01f, Nan, 1f, 0f },
        { ConvTransposeActivation.Tanh, 0.01f, Nan, 1f, -1f },
        { ConvTransposeActivation.Silu, 0.01f, Nan, Plus, Nan },
    };

    /// <summary>A 1 x 1 kernel of weight 1 and no bias passes each input to its output, so the output is the activation of the
    /// input: NaN, +inf and -inf at positions that fall in vector lanes and in tails, among finite values from -40 to 40
    /// (the exponentials' overflow on both sides).</summary>
    [Theory]
    [MemberData(nameof(Specials))]
    public void SpecialValuesLandWherePyTorchPutsThem(ConvTransposeActivation activation, float slope, float ofNaN, float ofPlus, float ofMinus)
    {
        var options = new ConvTranspose2dOptions(1, 1, 0).With(activation, slope);
        var shape = new ConvTranspose2dShape(1, 1, 1, 3, 45);
        var input = new float[shape.Height * shape.Width];
        for (int i = 0; i < input.Length; i++)
            input[i] = -40f + 80f * i / (input.Length - 1);
        // Lane 0 of a vector, a middle lane, the last element (a tail at every width), and neighbours.
        int[] nanAt = [0, 37, 134], plusAt = [16, 45, 133], minusAt = [5, 64, 132];
        foreach (int i in nanAt) input[i] = Nan;
        foreach (int i in plusAt) input[i] = Plus;
        foreach (int i in minusAt) input[i] = Minus;
        float[] weight = [1f];

        var reference = new float[input.Length];
        ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.Reference).Run(input, weight, [], reference, shape, 1);
        AssertSpecials(reference, nanAt, plusAt, minusAt, ofNaN, ofPlus, ofMinus, "Reference");

        var failures = new StringBuilder();
        foreach (var kernel in KernelVariants.For(options))
        {
            var buffer = OutputAssert.GuardedBuffer(input.Length);
            kernel.Prepare(weight, [], 1, 1).Run(input, buffer.AsSpan(0, input.Length), 1, shape.Height, shape.Width, 1);
            try
            {
                AssertSpecials(buffer, nanAt, plusAt, minusAt, ofNaN, ofPlus, ofMinus, kernel.Algorithm);
                OutputClassAssert.SameClassesAndGuarded(reference, buffer, kernel.Algorithm);
            }
            catch (Xunit.Sdk.XunitException exception)
            {
                failures.AppendLine(exception.Message);
            }
        }
        Assert.True(failures.Length == 0, $"{options}:\n{failures}");
    }

    private static void AssertSpecials(float[] output, int[] nanAt, int[] plusAt, int[] minusAt, float ofNaN, float ofPlus, float ofMinus, string what)
    {
        foreach (var (positions, value) in new[] { (nanAt, ofNaN), (plusAt, ofPlus), (minusAt, ofMinus) })
        {
            foreach (int i in positions)
                Assert.True(float.IsNaN(value) ? float.IsNaN(output[i]) : output[i] == value, $"{what}: output[{i}] = {output[i]}, PyTorch gives {value}");
        }
    }

    /// <summary>Configurations for the routes: Winograd's (64 channels, whose non-finite inputs take the exact path), OneTap's,
    /// PhaseDirect's and ChannelVectorized's, and strides past the phase kernels' bound (the exact path for every algorithm).</summary>
    private static readonly Dictionary<string, (ConvTranspose2dOptions Options, ConvTranspose2dShape Shape)> Cases = new()
    {
        ["k3s1p1 64->64 5x6"] = (new(3, 1, 1), new(1, 64, 64, 5, 6)),
        ["k4s2p1 4->4 9x9"] = (new(4, 2, 1), new(2, 4, 4, 9, 9)),
        ["k2s2 op1 2->3 5x6"] = (new(2, 2, 0) { OutputPadding = 1 }, new(1, 2, 3, 5, 6)),
        ["k4s2p1 128->64 3x3"] = (new(4, 2, 1), new(1, 128, 64, 3, 3)),
        ["k2 s300 3->2 2x3"] = (new(2, 300, 0), new(1, 3, 2, 2, 3)),
    };

    private static readonly (ConvTransposeActivation Activation, float Slope)[] NonFiniteActivations =
    [
        (ConvTransposeActivation.Relu, 0.01f), (ConvTransposeActivation.LeakyRelu, -0.5f), (ConvTransposeActivation.Relu6, 0.01f),
        (ConvTransposeActivation.Sigmoid, 0.01f), (ConvTransposeActivation.Tanh, 0.01f), (ConvTransposeActivation.Silu, 0.01f),
    ];

    public static TheoryData<string, ConvTransposeActivation, float> CasesAndActivations()
    {
        var data = new TheoryData<string, ConvTransposeActivation, float>();
        foreach (string name in Cases.Keys)
        foreach (var (activation, slope) in NonFiniteActivations)
            data.Add(name, activation, slope);
        return data;
    }

    /// <summary>Every placement of <see cref="NonFiniteData"/> (weights, which take the exact path; inputs; bias), every kernel,
    /// compared with the Reference by class.</summary>
    [Theory]
    [MemberData(nameof(CasesAndActivations))]
    public void EveryRouteActivatesNonFiniteOutputsAsTheReferenceDoes(string name, ConvTransposeActivation activation, float slope)
    {
        var (geometry, shape) = Cases[name];
        var options = geometry.With(activation, slope);
        var problem = ConvTranspose2dProblem.Create(options, shape);
        var failures = new StringBuilder();
        foreach (var placement in NonFiniteData.All)
        {
            var random = new Random(name.Length * 7 + (int)placement);
            var (input, weight, bias) = NonFiniteData.Plant(placement, random,
                RandomData.Uniform(random, problem.InputLength), RandomData.Uniform(random, problem.WeightLength), RandomData.Uniform(random, shape.OutChannels));
            var expected = new float[problem.OutputLength];
            ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.Reference).Run(input, weight, bias, expected, shape, 1);
            var plain = new float[problem.OutputLength];
            ConvTranspose2d.Create(geometry, ConvTranspose2dAlgorithm.Reference).Run(input, weight, bias, plain, shape, 1);
            Assert.True(OutputClassAssert.Count(plain).Finite < plain.Length, $"the data of {name} {placement} must give non-finite sums");
            foreach (var kernel in KernelVariants.For(options))
            {
                var buffer = OutputAssert.GuardedBuffer(expected.Length);
                kernel.Run(input, weight, bias, buffer.AsSpan(0, expected.Length), shape, 1);
                Collect(failures, expected, buffer, $"{placement}, {kernel.Algorithm} Run");
                buffer = OutputAssert.GuardedBuffer(expected.Length);
                kernel.Prepare(weight, bias, shape.InChannels, shape.OutChannels).Run(input, buffer.AsSpan(0, expected.Length), shape.Batch,
                    shape.Height, shape.Width, 2);
                Collect(failures, expected, buffer, $"{placement}, {kernel.Algorithm} Prepare+Run");
            }
        }
        Assert.True(failures.Length == 0, $"{options} on {name}:\n{failures}");
    }

    /// <summary>The routes are the ones meant: strides past the bound and non-finite weights go to the exact path, and
    /// Winograd's prepared kernel is the one that scans its inputs.</summary>
    [Fact]
    public void TheRoutesAreTheExactPathAndWinogradsScan()
    {
        var activation = ConvTransposeActivation.Sigmoid;
        var extreme = new ConvTranspose2dOptions(2, 300, 0) { Activation = activation };
        Assert.False(ExactPath.IsBounded(extreme));
        Assert.IsType<PatchScatterPrepared>(ConvTranspose2d.Create(extreme, ConvTranspose2dAlgorithm.PhaseDirect).Prepare(new float[3 * 2 * 4], [], 3, 2));
        var winograd = new ConvTranspose2dOptions(3, 1, 1) { Activation = activation };
        var weight = new float[64 * 64 * 9];
        Assert.IsType<WinogradPrepared>(ConvTranspose2d.Create(winograd, ConvTranspose2dAlgorithm.Winograd).Prepare(weight, [], 64, 64));
        weight[5] = float.NaN;
        Assert.IsType<PatchScatterPrepared>(ConvTranspose2d.Create(winograd, ConvTranspose2dAlgorithm.Winograd).Prepare(weight, [], 64, 64));
    }

    private static void Collect(StringBuilder failures, float[] expected, float[] buffer, string what)
    {
        try
        {
            OutputClassAssert.SameClassesAndGuarded(expected, buffer, what);
        }
        catch (Xunit.Sdk.XunitException exception)
        {
            failures.AppendLine(exception.Message);
        }
    }
}
