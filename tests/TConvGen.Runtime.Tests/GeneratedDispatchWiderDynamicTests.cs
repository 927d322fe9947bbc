using System;
using TConvGen;
using TConvGen.CompilerServices;
using TConvGen.Tests.Shared;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>The generated kernels keep wide layers where Vector512 is the preferred width (<see cref="GeneratedKernelDispatch.UsesDynamicKernel"/>):
/// their bodies run Vector512 there too, so no hand-over by channel count (measured: 21->21 64x64 k4s2p1 generated Vector512
/// 341-373 us vs dynamic 528-544 us). A PhaseDirect prepared kernel stands in for the generated bodies; blocks of 8 positions.</summary>
public sealed class GeneratedDispatchWiderDynamicTests
{
    [Theory]
    [InlineData(4, 2, 1, 1, 21, 21, 64)]   // c: 21->21 64x64 k4s2p1
    [InlineData(3, 2, 1, 1, 32, 32, 32)]   // like j: 32->32 32x32 k3s2p1, 32 positions per phase
    [InlineData(4, 2, 1, 1, 512, 256, 8)] // d: 8 positions per phase
    [InlineData(4, 2, 1, 1, 64, 3, 64)]   // f: 3 output channels
    [InlineData(16, 8, 4, 1, 21, 21, 16)] // fcn32: stride 8
    [InlineData(4, 2, 1, 21, 21, 21, 64)] // c': depthwise, one output channel per group
    public void WideLayersStayGeneratedAtEveryWidth(int kernel, int stride, int padding, int groups, int inChannels, int outChannels,
        int size)
    {
        var options = new ConvTranspose2dOptions(kernel, stride, padding) { Groups = groups };
        var dynamic = ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.PhaseDirect);
        var shape = new ConvTranspose2dShape(1, inChannels, outChannels, size, size);
        var problem = ConvTranspose2dProblem.Create(options, shape);
        var random = new Random(kernel * 1000 + outChannels);
        float[] input = RandomData.Uniform(random, problem.InputLength), weight = RandomData.Uniform(random, problem.WeightLength);
        var dispatch = new GeneratedKernelDispatch(dynamic, dynamic.Prepare(weight, [], inChannels, outChannels), weight, [], inChannels, outChannels, 8);

        Assert.False(dispatch.UsesDynamicKernel(problem));
        var expected = new float[problem.OutputLength];
        ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.Reference).Run(input, weight, [], expected, shape, 1);
        var actual = OutputAssert.GuardedBuffer(expected.Length);
        dispatch.Run(input, actual.AsSpan(0, expected.Length), 1, size, size, 2);
        OutputAssert.CloseAndGuarded(expected, actual, "dispatch");
    }
}
