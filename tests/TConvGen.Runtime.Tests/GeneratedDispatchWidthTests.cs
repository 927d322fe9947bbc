using System;
using System.Runtime.Intrinsics.X86;
using TConvGen;
using TConvGen.CompilerServices;
using TConvGen.Tests.Shared;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>The generated kernels' hand-over by width (<see cref="GeneratedKernelDispatch.UsesDynamicKernel"/>): their bodies
/// run Vector512 where it is preferred, so wide layers stay generated there; where they run Vector128 on x64, rows of fewer
/// than 16 positions per phase run the dynamic kernel (strides 1 and 4+ stay generated since the bodies broadcast with one
/// instruction there). A PhaseDirect
/// prepared kernel stands in for the generated bodies; blocks of 8 positions.</summary>
public sealed class GeneratedDispatchWidthTests
{
    [Theory]
    [InlineData(4, 2, 1, 1, 21, 21, 64, false)]  // c: 21->21 64x64 k4s2p1
    [InlineData(3, 2, 1, 1, 32, 32, 32, false)]  // like j: 32->32 32x32 k3s2p1, 32 positions per phase
    [InlineData(4, 2, 1, 1, 512, 256, 8, true)]  // d: 8 positions per phase
    [InlineData(4, 2, 1, 1, 64, 3, 64, false)]   // f: 3 output channels
    [InlineData(16, 8, 4, 1, 21, 21, 16, false)] // fcn32: stride 8
    [InlineData(4, 2, 1, 21, 21, 21, 64, false)] // c': depthwise, one output channel per group
    [InlineData(3, 1, 1, 1, 4, 4, 64, false)]    // stride 1, too narrow for ChannelVectorized
    [InlineData(3, 3, 0, 1, 8, 8, 64, false)]    // stride 3
    public void WideLayersStayGeneratedAndNarrowVector128OnX64HandsOver(int kernel, int stride, int padding, int groups, int inChannels, int outChannels,
        int size, bool dynamicOnX64Vector128)
    {
        var options = new ConvTranspose2dOptions(kernel, stride, padding) { Groups = groups };
        var dynamic = ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.PhaseDirect);
        var shape = new ConvTranspose2dShape(1, inChannels, outChannels, size, size);
        var problem = ConvTranspose2dProblem.Create(options, shape);
        var random = new Random(kernel * 1000 + outChannels);
        float[] input = RandomData.Uniform(random, problem.InputLength), weight = RandomData.Uniform(random, problem.WeightLength);
        var dispatch = new GeneratedKernelDispatch(dynamic, dynamic.Prepare(weight, [], inChannels, outChannels), weight, [], inChannels, outChannels, 8);

        bool x64Vector128 = GeneratedKernelVector.LanesFor(stride) == 4 && X86Base.IsSupported;
        Assert.Equal(dynamicOnX64Vector128 && x64Vector128, dispatch.UsesDynamicKernel(problem));
        var expected = new float[problem.OutputLength];
        ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.Reference).Run(input, weight, [], expected, shape, 1);
        var actual = OutputAssert.GuardedBuffer(expected.Length);
        dispatch.Run(input, actual.AsSpan(0, expected.Length), 1, size, size, 2);
        OutputAssert.CloseAndGuarded(expected, actual, "dispatch");
    }

    /// <summary>Past stride 3 the bodies run Vector256 where Vector512 is preferred (their lane-by-lane strided stores cost
    /// more than the wider multiply-adds save); below, and on every other machine, the machine's width for every stride.</summary>
    [Fact]
    public void WideStridesRunVector256BodiesWhereVector512IsPreferred()
    {
        string narrow = GeneratedKernelVector.WidthFor(1);
        Assert.Equal(narrow, GeneratedKernelVector.WidthFor(2));
        Assert.Equal(narrow, GeneratedKernelVector.WidthFor(3));
        string wide = narrow == "Vector512" ? "Vector256" : narrow;
        Assert.Equal(wide, GeneratedKernelVector.WidthFor(4));
        Assert.Equal(wide, GeneratedKernelVector.WidthFor(8));
        Assert.Equal(wide == "Vector256" ? 8 : GeneratedKernelVector.LanesFor(1), GeneratedKernelVector.LanesFor(8));
    }
}
