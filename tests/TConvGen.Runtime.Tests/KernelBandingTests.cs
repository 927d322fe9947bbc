using System;
using System.Linq;
using TConvGen;
using TConvGen.Runtime.Tests.Support;
using TConvGen.Tests.Shared;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>Problems large enough that the fast kernels cut a tile into several bands of input rows (PhaseDirect packs at
/// most ~1 MB of padded rows at once, GemmCol2Im builds at most ~1 MB of columns at once), which the random sweep's small
/// shapes rarely reach.</summary>
public sealed class KernelBandingTests
{
    [Theory]
    [InlineData(ConvTranspose2dAlgorithm.PhaseDirect, 3, 2, 1, 1)]
    [InlineData(ConvTranspose2dAlgorithm.PhaseDirect, 4, 2, 1, 2)]
    [InlineData(ConvTranspose2dAlgorithm.PhaseDirect, 3, 1, 1, 1)]
    [InlineData(ConvTranspose2dAlgorithm.PhaseDirect, 5, 3, 2, 2)]
    [InlineData(ConvTranspose2dAlgorithm.GemmCol2Im, 3, 2, 1, 1)]
    [InlineData(ConvTranspose2dAlgorithm.GemmCol2Im, 4, 2, 1, 2)]
    public void ManyBandsMatchTheReference(ConvTranspose2dAlgorithm algorithm, int kernel, int stride, int padding, int threads)
    {
        var options = new ConvTranspose2dOptions(kernel, stride, padding) { OutputPaddingHeight = stride - 1 };
        var shape = new ConvTranspose2dShape(1, 64, 6, 90, 97);
        var problem = ConvTranspose2dProblem.Create(options, shape);
        var random = new Random(kernel * 31 + stride);
        float[] input = RandomData.Uniform(random, problem.InputLength), weight = RandomData.Uniform(random, problem.WeightLength), bias = RandomData.Uniform(random, shape.OutChannels);
        var expected = new float[problem.OutputLength];
        ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.Reference).Run(input, weight, bias, expected, shape, 1);

        var actual = new float[problem.OutputLength];
        ConvTranspose2d.Create(options, algorithm).Run(input, weight, bias, actual, shape, threads);

        float scale = Math.Max(1f, expected.Max(Math.Abs));
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 * scale, $"[{i}] expected {expected[i]} got {actual[i]}");
    }
}
