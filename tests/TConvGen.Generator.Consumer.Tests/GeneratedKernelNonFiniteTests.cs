using System;
using System.Collections.Generic;
using TConvGen;
using TConvGen.Tests.Shared;
using Xunit;
using Placement = TConvGen.Tests.Shared.NonFiniteData.Placement;

namespace TConvGen.Generator.Consumer.Tests;

/// <summary>Generated kernels put NaN and infinities exactly where the definition (the Reference) has them, compared by class,
/// with <c>Run</c> and <c>Prepare</c> + <c>Run</c>: the unrolled bodies read zero-padded bands, where <c>0 * Inf</c> would be
/// NaN, so their dispatch hands non-finite weights to the dynamic kernel's exact path; non-finite inputs and biases stay on
/// the bodies.</summary>
public sealed class GeneratedKernelNonFiniteTests
{
    /// <summary>Every generated method of this project with channel counts, and shapes whose rows are long enough for the
    /// unrolled bodies (and one too short, which the dynamic kernel runs).</summary>
    private static readonly Dictionary<string, (Func<ConvTranspose2d> Get, int InChannels, int OutChannels)> Kernels = new()
    {
        ["Decoder.Up2x"] = (Decoder.Up2x, 3, 5),
        ["Decoder.Up2x wide"] = (Decoder.Up2x, 8, 32),
        ["Decoder.ImageUp"] = (Decoder.ImageUp, 1, 1),
        ["MoreLayers.Nested.Same"] = (() => MoreLayers.Nested.SameKernel, 3, 3),
        ["MoreLayers.Dilated"] = (MoreLayers.Dilated, 2, 4),
        ["MoreLayers.Depthwise"] = (MoreLayers.Depthwise, 21, 21),
        ["MoreLayers.Asymmetric"] = (MoreLayers.Asymmetric, 1, 3),
        ["MoreLayers.Large"] = (MoreLayers.Large, 2, 2),
        ["GlobalLayers.Pixel"] = (GlobalLayers.Pixel, 2, 3),
        ["EdgeCaseLayers.Up2xOutputPadding"] = (EdgeCaseLayers.Up2xOutputPadding, 3, 2),
        // Activations that keep non-finite values non-finite (Sigmoid, Tanh and ReLU6 may saturate them: GeneratedActivationTests).
        ["ActivationLayers.Up2xLeaky"] = (ActivationLayers.Up2xLeaky, 3, 5),
        ["ActivationLayers.Up2xRelu"] = (ActivationLayers.Up2xRelu, 4, 4),
        ["ActivationLayers.SameSilu"] = (ActivationLayers.SameSilu, 2, 3),
    };

    private static readonly (int Height, int Width)[] Sizes = [(2, 3), (9, 40), (19, 70)];

    /// <summary>Each method with each placement of non-finite values.</summary>
    public static TheoryData<string, Placement> KernelsAndPlacements()
    {
        var data = new TheoryData<string, Placement>();
        foreach (string name in Kernels.Keys)
        foreach (var placement in NonFiniteData.All)
            data.Add(name, placement);
        return data;
    }

    /// <summary>Every output has the class the Reference gives it, for three input sizes.</summary>
    [Theory]
    [MemberData(nameof(KernelsAndPlacements))]
    public void NonFiniteValuesLandWhereTheDefinitionPutsThem(string name, Placement placement)
    {
        var (get, cin, cout) = Kernels[name];
        var kernel = get();
        var o = kernel.Options;
        var random = new Random(name.Length * 17 + (int)placement);
        int nonFinite = 0;
        foreach (var (height, width) in Sizes)
        {
            var shape = new ConvTranspose2dShape(2, cin, cout, height, width);
            var (outHeight, outWidth) = kernel.GetOutputSize(height, width);
            int length = shape.Batch * cout * outHeight * outWidth;
            var (input, weight, bias) = NonFiniteData.Plant(placement, random,
                RandomData.Uniform(random, shape.Batch * cin * height * width),
                RandomData.Uniform(random, cin * (cout / o.Groups) * o.KernelHeight * o.KernelWidth),
                RandomData.Uniform(random, cout));
            var expected = new float[length];
            ConvTranspose2d.Create(o, ConvTranspose2dAlgorithm.Reference).Run(input, weight, bias, expected, shape, 1);
            nonFinite += length - OutputClassAssert.Count(expected).Finite;

            var buffer = OutputAssert.GuardedBuffer(length);
            kernel.Run(input, weight, bias, buffer.AsSpan(0, length), shape, maxDegreeOfParallelism: 1);
            OutputClassAssert.SameClassesAndGuarded(expected, buffer, $"{name} {placement} {height}x{width} Run");
            buffer = OutputAssert.GuardedBuffer(length);
            kernel.Prepare(weight, bias, cin, cout).Run(input, buffer.AsSpan(0, length), shape.Batch, height, width, maxDegreeOfParallelism: 2);
            OutputClassAssert.SameClassesAndGuarded(expected, buffer, $"{name} {placement} {height}x{width} Prepare+Run");
        }
        // A planted weight may miss a small output (a tap that lands outside it), but not all three.
        Assert.True(nonFinite > 0, $"{name} {placement}: the data must give non-finite outputs");
    }
}
