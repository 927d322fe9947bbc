using System;
using System.Collections.Generic;
using TConvGen;
using TConvGen.CompilerServices;
using TConvGen.Tests.Shared;
using Xunit;

namespace TConvGen.Generator.Consumer.Tests;

/// <summary>Generated methods with an activation equal the Reference with the same options (which applies it in double),
/// through Run and Prepare, on rows the unrolled bodies run (they activate in their stores) and on runs they hand to the
/// dynamic kernel (short rows; wide layers by the machine's rules), which activates by itself. The peers apply no
/// activation, so the Reference alone judges.</summary>
public sealed class GeneratedActivationTests
{
    private static readonly Dictionary<string, (Func<ConvTranspose2d> Get, ConvTranspose2dOptions Options, int[] Channels)> Kernels = new()
    {
        ["Up2xLeaky"] = (ActivationLayers.Up2xLeaky, new(4, 2, 1) { Activation = ConvTransposeActivation.LeakyRelu, ActivationSlope = 0.2f }, [3, 16, 64]),
        ["Up2xRelu"] = (ActivationLayers.Up2xRelu, new(4, 2, 1) { Activation = ConvTransposeActivation.Relu }, [2, 8]),
        ["ImageTanh"] = (ActivationLayers.ImageTanh, new(4, 2, 1) { Activation = ConvTransposeActivation.Tanh }, [3]),
        ["SameSilu"] = (ActivationLayers.SameSilu, new(3, 1, 1) { Activation = ConvTransposeActivation.Silu }, [4, 64]),
        ["PixelSigmoid"] = (ActivationLayers.PixelSigmoid, new(2, 2, 0) { Activation = ConvTransposeActivation.Sigmoid }, [1, 5, 48]),
        ["Up2xRelu6"] = (ActivationLayers.Up2xRelu6, new(3, 2, 1) { OutputPadding = 1, Activation = ConvTransposeActivation.Relu6 }, [6]),
        ["LargeTanh"] = (ActivationLayers.LargeTanh, new(13, 1, 6) { Activation = ConvTransposeActivation.Tanh }, [2]),
    };

    /// <summary>The methods' names.</summary>
    public static TheoryData<string> Methods => new(Kernels.Keys);

    /// <summary>The options are the attribute's, activation and slope included; every call returns the same instance.</summary>
    [Theory]
    [MemberData(nameof(Methods))]
    public void OptionsMatchTheAttribute(string method)
    {
        var (get, options, _) = Kernels[method];
        Assert.Same(get(), get());
        Assert.Equal(options, get().Options);
        if (method != "LargeTanh" && GeneratedKernelVector.IsSupported)
            Assert.StartsWith("Generated", get().Algorithm, StringComparison.Ordinal);
    }

    /// <summary>Run and Prepare equal the Reference on every size, guard untouched.</summary>
    [Theory]
    [MemberData(nameof(Methods))]
    public void MatchesTheReference(string method)
    {
        var (get, _, channels) = Kernels[method];
        var kernel = get();
        var random = new Random(method.Length * 104729);
        foreach (int channel in channels)
        {
            int cout = kernel.Options.Groups > 1 || method != "ImageTanh" ? channel : 3;
            // Short rows (the dynamic kernel), a tail, and rows wide enough for the bodies; wide channels on the smaller sizes.
            foreach (var (height, width) in channel >= 48 ? new[] { (3, 5), (24, 40) } : new[] { (1, 1), (2, 3), (9, 37), (19, 70) })
                Check(kernel, new ConvTranspose2dShape(2, channel, cout, height, width), random);
        }
    }

    private static void Check(ConvTranspose2d kernel, ConvTranspose2dShape shape, Random random)
    {
        var o = kernel.Options;
        var input = RandomData.Uniform(random, shape.Batch * shape.InChannels * shape.Height * shape.Width);
        var weight = RandomData.Uniform(random, shape.InChannels * (shape.OutChannels / o.Groups) * o.KernelHeight * o.KernelWidth);
        var bias = RandomData.Uniform(random, shape.OutChannels);
        var (outHeight, outWidth) = kernel.GetOutputSize(shape.Height, shape.Width);
        int length = shape.Batch * shape.OutChannels * outHeight * outWidth;
        var expected = new float[length];
        ConvTranspose2d.Create(o, ConvTranspose2dAlgorithm.Reference).Run(input, weight, bias, expected, shape, 1);

        var buffer = OutputAssert.GuardedBuffer(length);
        kernel.Run(input, weight, bias, buffer.AsSpan(0, length), shape, maxDegreeOfParallelism: 1);
        OutputAssert.CloseAndGuarded(expected, buffer, $"{o} {shape} Run");
        var prepared = kernel.Prepare(weight, bias, shape.InChannels, shape.OutChannels);
        string path = prepared is GeneratedKernelDispatch dispatch && dispatch.UsesDynamicKernel(ConvTranspose2dProblem.Create(o, shape)) ? "dynamic" : "bodies";
        buffer = OutputAssert.GuardedBuffer(length);
        prepared.Run(input, buffer.AsSpan(0, length), shape.Batch, shape.Height, shape.Width, maxDegreeOfParallelism: 3);
        OutputAssert.CloseAndGuarded(expected, buffer, $"{o} {shape} Prepare ({path})");
    }
}
