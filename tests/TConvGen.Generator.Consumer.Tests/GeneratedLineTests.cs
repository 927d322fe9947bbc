using System;
using System.Collections.Generic;
using TConvGen;
using TConvGen.CompilerServices;
using TConvGen.Tests.Shared;
using Xunit;

namespace TConvGen.Generator.Consumer.Tests;

/// <summary><c>[ConvTranspose1d]</c> methods compiled by the generator as a user's project would be: one cached kernel with
/// the attribute's options and the generated code behind it, equal to the 1-D Reference through Run and Prepare, on short
/// sequences (handed to the dynamic kernel) and long ones.</summary>
public sealed class GeneratedLineTests
{
    private static readonly Dictionary<string, (Func<ConvTranspose1d> Get, ConvTranspose1dOptions Options, int[] Channels)> Kernels = new()
    {
        ["Up8x"] = (LineLayers.Up8x, new(16, 8, 4), [1, 8, 32]),
        ["Up2x"] = (LineLayers.Up2x, new(4, 2, 1), [2, 16]),
        ["Up2xLeaky"] = (LineLayers.Up2xLeaky, new(4, 2, 1) { Activation = ConvTransposeActivation.LeakyRelu, ActivationSlope = 0.1f }, [16]),
        ["SmoothTanh"] = (LineLayers.SmoothTanh, new(7, 1, 3) { Activation = ConvTransposeActivation.Tanh }, [1, 4]),
    };

    /// <summary>The methods' names.</summary>
    public static TheoryData<string> Methods => new(Kernels.Keys);

    /// <summary>The same instance every call, the attribute's options, the generated kernel's algorithm.</summary>
    [Theory]
    [MemberData(nameof(Methods))]
    public void ReturnsTheGeneratedKernelWithTheAttributesOptions(string method)
    {
        var (get, options, _) = Kernels[method];
        Assert.Same(get(), get());
        Assert.Equal(options, get().Options);
        if (GeneratedKernelVector.IsSupported)
            Assert.StartsWith("Generated (", get().Algorithm, StringComparison.Ordinal);
    }

    /// <summary>Fixed channels are enforced.</summary>
    [Fact]
    public void SpecialisedChannelCountsAreEnforced() =>
        Assert.ThrowsAny<ArgumentException>(() => LineLayers.Up2xLeaky().Prepare(new float[8 * 8 * 4], [], 8, 8));

    /// <summary>Run and Prepare equal the Reference, guard untouched.</summary>
    [Theory]
    [MemberData(nameof(Methods))]
    public void MatchesTheReference(string method)
    {
        var (get, _, channels) = Kernels[method];
        var kernel = get();
        var random = new Random(method.Length * 257);
        foreach (int cin in channels)
        {
            int cout = method == "Up2xLeaky" ? 8 : Math.Max(1, cin / 2);
            foreach (int length in new[] { 1, 5, 33, 86, 400 })
                Check(kernel, new ConvTranspose1dShape(2, cin, cout, length), random);
        }
    }

    private static void Check(ConvTranspose1d kernel, ConvTranspose1dShape shape, Random random)
    {
        var o = kernel.Options;
        var input = RandomData.Uniform(random, shape.Batch * shape.InChannels * shape.Length);
        var weight = RandomData.Uniform(random, shape.InChannels * (shape.OutChannels / o.Groups) * o.Kernel);
        var bias = RandomData.Uniform(random, shape.OutChannels);
        int length = shape.Batch * shape.OutChannels * kernel.GetOutputLength(shape.Length);
        var expected = new float[length];
        ConvTranspose1d.Create(o, ConvTranspose2dAlgorithm.Reference).Run(input, weight, bias, expected, shape, 1);
        var buffer = OutputAssert.GuardedBuffer(length);
        kernel.Run(input, weight, bias, buffer.AsSpan(0, length), shape, maxDegreeOfParallelism: 1);
        OutputAssert.CloseAndGuarded(expected, buffer, $"{o} {shape} Run");
        buffer = OutputAssert.GuardedBuffer(length);
        kernel.Prepare(weight, bias, shape.InChannels, shape.OutChannels).Run(input, buffer.AsSpan(0, length), shape.Batch, shape.Length, maxDegreeOfParallelism: 3);
        OutputAssert.CloseAndGuarded(expected, buffer, $"{o} {shape} Prepare");
    }
}
