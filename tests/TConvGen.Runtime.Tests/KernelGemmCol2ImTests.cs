using System;
using System.Linq;
using System.Runtime.Intrinsics;
using TConvGen;
using TConvGen.Runtime.Tests.Support;
using TConvGen.Tests.Shared;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>GemmCol2Im at every width: the one it runs by default, and every pixel count around its panels' boundaries (a
/// whole panel of two vectors, a zero-padded last panel, fewer pixels than a panel) at each width, with rows of A that do
/// not fill the last block of six.</summary>
public sealed class KernelGemmCol2ImTests
{
    [Fact]
    public void RunsTheWidestWidthTheJitAccelerates()
    {
        string algorithm = ConvTranspose2d.Create(new ConvTranspose2dOptions(3, stride: 1, padding: 1), ConvTranspose2dAlgorithm.GemmCol2Im).Algorithm;
        // Vector512 only where its multiply-adds measure faster than Vector256's; else Vector256.
        string[] expected = Vector512.IsHardwareAccelerated ? ["GemmCol2Im (Vector512)", "GemmCol2Im (Vector256)"]
            : Vector256.IsHardwareAccelerated ? ["GemmCol2Im (Vector256)"]
            : Vector128.IsHardwareAccelerated ? ["GemmCol2Im (Vector128)"]
            : ["GemmCol2Im (portable)"];
        Assert.Contains(algorithm, expected);
    }

    [Theory]
    [InlineData(3, 1, 1, 5)]
    [InlineData(4, 2, 1, 3)]
    [InlineData(2, 2, 0, 7)]
    [InlineData(5, 3, 2, 2)]
    public void EveryPixelCountMatchesTheReferenceAtEveryWidth(int kernel, int stride, int padding, int outChannels)
    {
        var options = new ConvTranspose2dOptions(kernel, stride, padding);
        var kernels = VectorLevels.Running.Append(SimdLevel.Portable).Select(level => new GemmCol2ImConvTranspose2d(options, level)).ToArray();
        var random = new Random(kernel * 1000 + stride * 100 + outChannels);
        // Two input rows: from 2 pixels to past two Vector512 panels (64 pixels).
        for (int width = 1; width <= 40; width++)
        {
            var shape = new ConvTranspose2dShape(1, 3, outChannels, 2, width);
            var problem = ConvTranspose2dProblem.Create(options, shape);
            float[] input = RandomData.Uniform(random, problem.InputLength), weight = RandomData.Uniform(random, problem.WeightLength);
            float[] bias = RandomData.Uniform(random, outChannels);
            var expected = new float[problem.OutputLength];
            ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.Reference).Run(input, weight, bias, expected, shape, 1);
            foreach (var gemm in kernels)
            {
                var buffer = OutputAssert.GuardedBuffer(expected.Length);
                gemm.Prepare(weight, bias, shape.InChannels, outChannels).Run(input, buffer.AsSpan(0, expected.Length), 1, shape.Height, width, 1);
                OutputAssert.CloseAndGuarded(expected, buffer, $"{gemm.Algorithm}, input width {width}");
            }
        }
    }
}
