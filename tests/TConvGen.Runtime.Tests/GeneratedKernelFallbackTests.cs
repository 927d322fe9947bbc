using System;
using TConvGen;
using TConvGen.CompilerServices;
using TConvGen.Tests.Shared;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>What a generated kernel returns where its bodies do not run (<see cref="GeneratedKernelFallback"/>): the dynamic
/// kernel, still held to the channel counts the kernel was generated for.</summary>
public sealed class GeneratedKernelFallbackTests
{
    private static readonly ConvTranspose2dOptions Options = new(3, stride: 2, padding: 1) { OutputPadding = 1 };

    [Theory]
    [InlineData(2, 1, "inChannels")]
    [InlineData(1, 3, "outChannels")]
    public void OtherChannelCountsAreRefusedWithTheSpecialisedOnesNamed(int inChannels, int outChannels, string parameter)
    {
        var kernel = new GeneratedKernelFallback(Options, 1, 1);
        var weight = new float[inChannels * outChannels * 9];
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => kernel.Prepare(weight, [], inChannels, outChannels));
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains($"{parameter} must be 1 (the {(parameter == "inChannels" ? "InChannels" : "OutChannels")} this kernel was generated for), but got", error.Message);
        var shape = new ConvTranspose2dShape(1, inChannels, outChannels, 4, 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => kernel.Run(new float[inChannels * 16], weight, [], new float[outChannels * 64], shape));
    }

    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(0, 0, 3, 5)]
    [InlineData(3, 0, 3, 2)]
    public void TheSpecialisedOrAnyChannelsRunTheDynamicKernel(int specialisedIn, int specialisedOut, int inChannels, int outChannels)
    {
        var kernel = new GeneratedKernelFallback(Options, specialisedIn, specialisedOut);
        Assert.Equal(ConvTranspose2d.Create(Options).Algorithm, kernel.Algorithm);
        var shape = new ConvTranspose2dShape(2, inChannels, outChannels, 5, 7);
        var problem = ConvTranspose2dProblem.Create(Options, shape);
        var random = new Random(specialisedIn + 10 * inChannels);
        float[] input = RandomData.Uniform(random, problem.InputLength), weight = RandomData.Uniform(random, problem.WeightLength);
        float[] bias = RandomData.Uniform(random, outChannels);
        var expected = new float[problem.OutputLength];
        ConvTranspose2d.Create(Options, ConvTranspose2dAlgorithm.Reference).Run(input, weight, bias, expected, shape, 1);

        var run = OutputAssert.GuardedBuffer(expected.Length);
        kernel.Run(input, weight, bias, run.AsSpan(0, expected.Length), shape);
        OutputAssert.CloseAndGuarded(expected, run, "Run");
        var prepared = OutputAssert.GuardedBuffer(expected.Length);
        kernel.Prepare(weight, bias, inChannels, outChannels).Run(input, prepared.AsSpan(0, expected.Length), 2, 5, 7);
        OutputAssert.CloseAndGuarded(expected, prepared, "Prepare+Run");
    }
}
