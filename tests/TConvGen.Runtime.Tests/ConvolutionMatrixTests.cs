using System;
using TConvGen.Runtime.Tests.Support;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>
/// The seed's convolution-matrix formulation: the transposed convolution is <c>C^T x</c>, where C is the matrix of the
/// forward convolution (<see cref="ConvolutionMatrix"/>). With small-integer data every sum is exact in float32, so
/// every algorithm must match C^T x + b exactly.
/// </summary>
public sealed class ConvolutionMatrixTests
{
    public static TheoryData<ConvTranspose2dAlgorithm, int> Cases()
    {
        var data = new TheoryData<ConvTranspose2dAlgorithm, int>();
        foreach (var algorithm in Enum.GetValues<ConvTranspose2dAlgorithm>())
            for (int seed = 0; seed < 40; seed++)
                data.Add(algorithm, seed);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RandomProblemEqualsTransposedMatrixTimesInput(ConvTranspose2dAlgorithm algorithm, int seed)
    {
        var problem = TestProblem.Random(new Random(seed), integers: true, withBias: seed % 2 == 0);

        float[] actual = problem.Run(algorithm);
        double[] expected = ConvolutionMatrix.TransposeTimes(ConvolutionMatrix.Build(problem), problem);

        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(expected[i] == actual[i], $"{problem}: output[{i}] = {actual[i]}, C^T x + b gives {expected[i]}.");
    }

    /// <summary>A fixed configuration with everything at once: groups 2, stride (3, 2), padding (2, 1), dilation (2, 3),
    /// output padding (2, 1), kernel (3, 2).</summary>
    [Theory]
    [MemberData(nameof(AllAlgorithms.Data), MemberType = typeof(AllAlgorithms))]
    public void EverythingAtOnceEqualsTransposedMatrixTimesInput(ConvTranspose2dAlgorithm algorithm)
    {
        var options = new ConvTranspose2dOptions(1)
        {
            KernelHeight = 3, KernelWidth = 2, StrideHeight = 3, StrideWidth = 2, PaddingHeight = 2, PaddingWidth = 1,
            DilationHeight = 2, DilationWidth = 3, OutputPaddingHeight = 2, OutputPaddingWidth = 1, Groups = 2,
        };
        var problem = TestProblem.Filled(options, new ConvTranspose2dShape(2, 4, 6, 4, 5), new Random(7), integers: true);

        float[] actual = problem.Run(algorithm);
        double[] expected = ConvolutionMatrix.TransposeTimes(ConvolutionMatrix.Build(problem), problem);

        Assert.Equal(expected, Array.ConvertAll(actual, v => (double)v));
    }
}
