using System;
using System.Linq;
using TConvGen.CompilerServices;
using TConvGen.Generator.Tests.Infrastructure;
using TConvGen.Tests.Shared;
using Xunit;
using Placement = TConvGen.Tests.Shared.NonFiniteData.Placement;

namespace TConvGen.Generator.Tests;

/// <summary>
/// Generated kernels with an activation (the compiled cases of <see cref="CompileAndRunTests"/>): their options carry the
/// attribute's activation, and their outputs equal the Reference with the same options, by class where NaN and infinities
/// are planted (NaN stays NaN), both where the unrolled bodies run (which activate in their stores) and where the run is
/// handed to the dynamic kernel (short rows, non-finite weights, wide stride-1 layers), which activates by itself.
/// Activations applied twice or not at all would differ: LeakyReLU, Sigmoid, Tanh and SiLU are not idempotent.
/// </summary>
public sealed class ActivationCompileAndRunTests
{
    public static TheoryData<string> ActivatedNames =>
        new(Configurations.Activated.Concat(Configurations.Snapshot).Where(c => c.Attribute.Contains("Activation", StringComparison.Ordinal)).Select(c => c.Name));

    [Theory]
    [InlineData("K4S2P1LeakyRelu", "LeakyRelu", 0.2f)]
    [InlineData("K3S2P1Op1SingleChannelTanh", "Tanh", 0.01f)]
    [InlineData("K3S1P1Relu", "Relu", 0.01f)]
    [InlineData("K9S3P4Op2LeakyReluNegative", "LeakyRelu", -1.5f)]
    [InlineData("Dilation2LeakyReluDefault", "LeakyRelu", 0.01f)]
    [InlineData("KernelSmallerThanStrideRelu6", "Relu6", 0.01f)]
    [InlineData("K2S2P0Sigmoid", "Sigmoid", 0.01f)]
    [InlineData("AsymmetricTanh", "Tanh", 0.01f)]
    [InlineData("GroupsSilu", "Silu", 0.01f)]
    [InlineData("K4S2P1SlopeWithoutLeakyRelu", "Relu", 0.5f)]
    [InlineData("FallbackSigmoid", "Sigmoid", 0.01f)]
    [InlineData("K4S2P1", "None", 0.01f)]
    public void OptionsCarryTheAttributesActivation(string name, string activation, float slope)
    {
        var options = CompileAndRunTests.Kernel(name).Options;
        Assert.Equal(activation, options.Activation.ToString());
        Assert.Equal(slope, options.ActivationSlope);
    }

    [Fact]
    public void OptionsEqualTheAttributesConfiguration()
    {
        var leaky = new ConvTranspose2dOptions(4, 2, 1) { ActivationSlope = 0.2f };
        Assert.Equal(leaky with { Activation = RuntimeEnum.Named(leaky.Activation, "LeakyRelu") }, CompileAndRunTests.Kernel("K4S2P1LeakyRelu").Options);
        var sigmoid = new ConvTranspose2dOptions(13, 1, 6);
        Assert.Equal(sigmoid with { Activation = RuntimeEnum.Named(sigmoid.Activation, "Sigmoid") }, CompileAndRunTests.Kernel("FallbackSigmoid").Options);
    }

    /// <summary>NaN and infinities in the input, the bias and the weights (the last taking the dynamic kernel's exact path),
    /// on rows wide enough for the bodies: every output has the Reference's class, and the finite ones its value.</summary>
    [Theory]
    [MemberData(nameof(ActivatedNames))]
    public void NonFiniteValuesMatchTheReference(string name)
    {
        var kernel = CompileAndRunTests.Kernel(name);
        var o = kernel.Options;
        var random = new Random(name.Length * 31);
        foreach (var placement in new[] { Placement.InputNaN, Placement.InputInfinities, Placement.Bias, Placement.WeightNaN, Placement.Everywhere })
        {
            var shape = Shape(name, kernel, 13, 80, random);
            var (input, weight, bias) = NonFiniteData.Plant(placement, random, Input(shape, random), Weight(o, shape, random), RandomData.Uniform(random, shape.OutChannels));
            var expected = Reference(o, input, weight, bias, shape);
            // NaN stays NaN through every activation; infinities may saturate (Sigmoid, Tanh, ReLU6 give finite values), and a
            // one-channel bias holds only the last of its NaN and +Inf.
            if (placement is Placement.InputNaN or Placement.WeightNaN or Placement.Everywhere)
                Assert.True(OutputClassAssert.Count(expected).NaN > 0, $"{name} {placement}: the data must give NaN outputs");
            var prepared = kernel.Prepare(weight, bias, shape.InChannels, shape.OutChannels);
            if (prepared is GeneratedKernelDispatch dispatch && placement is Placement.WeightNaN or Placement.Everywhere)
                Assert.True(dispatch.UsesDynamicKernel(ConvTranspose2dProblem.Create(o, shape)), $"{name} {placement}: non-finite weights take the exact path");
            var buffer = OutputAssert.GuardedBuffer(expected.Length);
            prepared.Run(input, buffer.AsSpan(0, expected.Length), shape.Batch, shape.Height, shape.Width, maxDegreeOfParallelism: 2);
            OutputClassAssert.SameClassesAndGuarded(expected, buffer, $"{name} {placement} {shape}");
        }
    }

    /// <summary>Rows shorter than one column block always go to the dynamic kernel; so may a wide stride-1 layer (Winograd or
    /// ChannelVectorized, by the machine's rules). Either way the activation is applied once.</summary>
    [Theory]
    [InlineData("K3S1P1Relu", 2, 3, 0)]
    [InlineData("K4S2P1LeakyRelu", 2, 3, 0)]
    [InlineData("GroupsSilu", 3, 2, 0)]
    [InlineData("K3S1P1Relu", 20, 36, 64)]
    [InlineData("K4S2P1LeakyRelu", 8, 40, 64)]
    public void HandedOffRunsApplyTheActivation(string name, int height, int width, int channels)
    {
        var kernel = CompileAndRunTests.Kernel(name);
        var o = kernel.Options;
        var random = new Random(height * 100 + width);
        var shape = channels > 0 ? new ConvTranspose2dShape(1, channels, channels, height, width) : Shape(name, kernel, height, width, random);
        var input = Input(shape, random);
        var weight = Weight(o, shape, random);
        var bias = RandomData.Uniform(random, shape.OutChannels);
        var expected = Reference(o, input, weight, bias, shape);
        var prepared = kernel.Prepare(weight, bias, shape.InChannels, shape.OutChannels);
        // Where no width is accelerated the kernel is the dynamic one throughout (GeneratedKernelFallback).
        bool? dynamic = null;
        if (GeneratedKernelVector.IsSupported)
            dynamic = Assert.IsType<GeneratedKernelDispatch>(prepared).UsesDynamicKernel(ConvTranspose2dProblem.Create(o, shape));
        if (channels == 0 && dynamic is not null)
            Assert.True(dynamic, $"{name} {shape}: short rows go to the dynamic kernel");
        var buffer = OutputAssert.GuardedBuffer(expected.Length);
        prepared.Run(input, buffer.AsSpan(0, expected.Length), shape.Batch, shape.Height, shape.Width, maxDegreeOfParallelism: 1);
        OutputAssert.CloseAndGuarded(expected, buffer, $"{name} {shape} (dynamic: {dynamic?.ToString() ?? "fallback"})");
        buffer = OutputAssert.GuardedBuffer(expected.Length);
        kernel.Run(input, weight, bias, buffer.AsSpan(0, expected.Length), shape, maxDegreeOfParallelism: 2);
        OutputAssert.CloseAndGuarded(expected, buffer, $"{name} {shape} Run");
    }

    /// <summary>A shape within the kernel's channel restrictions (the single-channel case is fixed at 1 -> 1).</summary>
    private static ConvTranspose2dShape Shape(string name, ConvTranspose2d kernel, int height, int width, Random random)
    {
        int groups = kernel.Options.Groups;
        return name.Contains("SingleChannel", StringComparison.Ordinal) ? new ConvTranspose2dShape(2, 1, 1, height, width)
            : new ConvTranspose2dShape(2, groups * random.Next(1, 3), groups * random.Next(1, 6), height, width);
    }

    private static float[] Input(ConvTranspose2dShape shape, Random random) =>
        RandomData.Uniform(random, shape.Batch * shape.InChannels * shape.Height * shape.Width);

    private static float[] Weight(ConvTranspose2dOptions o, ConvTranspose2dShape shape, Random random) =>
        RandomData.Uniform(random, shape.InChannels * (shape.OutChannels / o.Groups) * o.KernelHeight * o.KernelWidth);

    internal static float[] Reference(ConvTranspose2dOptions o, float[] input, float[] weight, float[] bias, ConvTranspose2dShape shape)
    {
        var reference = ConvTranspose2d.Create(o, ConvTranspose2dAlgorithm.Reference);
        var (outHeight, outWidth) = reference.GetOutputSize(shape.Height, shape.Width);
        var expected = new float[shape.Batch * shape.OutChannels * outHeight * outWidth];
        reference.Run(input, weight, bias, expected, shape, 1);
        return expected;
    }
}
