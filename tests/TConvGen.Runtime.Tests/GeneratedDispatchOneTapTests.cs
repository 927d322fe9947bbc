using System;
using System.Linq;
using TConvGen;
using TConvGen.CompilerServices;
using TConvGen.Runtime.Tests.Support;
using TConvGen.Tests.Shared;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>The generated kernels' hand-over rule for one-tap layers (<see cref="GeneratedKernelDispatch.UsesDynamicKernel"/>):
/// wide kernel-2 stride-2 layers go to the dynamic kernel (OneTap) where Auto would run OneTap at Vector512, narrow ones stay
/// generated; on unfused Vector128 all of them go.
/// A PhaseDirect prepared kernel stands in for the generated bodies.</summary>
public sealed class GeneratedDispatchOneTapTests
{
    [Theory]
    [InlineData(128, 64, 40, 40, true)]
    [InlineData(32, 32, 20, 20, true)]
    [InlineData(1, 3, 40, 40, false)]
    [InlineData(8, 8, 40, 40, false)]
    public void WideOneTapLayersRunTheDynamicKernel(int inChannels, int outChannels, int height, int width, bool wide)
    {
        var options = new ConvTranspose2dOptions(2, 2, 0);
        var kernel = ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.PhaseDirect);
        var shape = new ConvTranspose2dShape(1, inChannels, outChannels, height, width);
        var problem = ConvTranspose2dProblem.Create(options, shape);
        var random = new Random(inChannels + outChannels);
        float[] input = RandomData.Uniform(random, problem.InputLength), weight = RandomData.Uniform(random, problem.WeightLength), bias = RandomData.Uniform(random, outChannels);
        var dispatch = new GeneratedKernelDispatch(kernel, kernel.Prepare(weight, bias, inChannels, outChannels), weight, bias, inChannels, outChannels, 16);

        // Where the bodies run unfused Vector128 (x64 without AVX2), every layer Auto runs with OneTap goes to it.
        var machine = MachineDescription.Current;
        bool unfusedVector128 = machine.Preferred == SimdLevel.Vector128 && !machine.FusedMultiplyAdd;
        Assert.Equal(wide && SimdPath.IsVector512Supported || unfusedVector128, dispatch.UsesDynamicKernel(problem));
        var expected = new float[problem.OutputLength];
        ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.Reference).Run(input, weight, bias, expected, shape, 1);
        var actual = new float[problem.OutputLength];
        dispatch.Run(input, actual, 1, height, width, 2);
        float scale = Math.Max(1f, expected.Max(Math.Abs));
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 * scale, $"[{i}] expected {expected[i]} got {actual[i]}");
    }
}
