using System;
using TConvGen.Runtime.Tests.Support;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary><see cref="ConvTranspose2d.Prepare"/> copies the weights and bias, and the prepared kernel computes what Run computes.</summary>
public sealed class PreparedKernelTests
{
    public static TheoryData<ConvTranspose2dAlgorithm, int> Cases()
    {
        var data = new TheoryData<ConvTranspose2dAlgorithm, int>();
        foreach (var algorithm in Enum.GetValues<ConvTranspose2dAlgorithm>())
            for (int seed = 300; seed < 320; seed++)
                data.Add(algorithm, seed);
        return data;
    }

    /// <summary>Integer data, so every order of summation is exact and the two paths must agree bit for bit.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void PreparedRunEqualsRun(ConvTranspose2dAlgorithm algorithm, int seed)
    {
        var problem = TestProblem.Random(new Random(seed), integers: true, withBias: seed % 3 != 0);
        var kernel = ConvTranspose2d.Create(problem.Options, algorithm);
        var prepared = kernel.Prepare(problem.Weight, problem.Bias, problem.Shape.InChannels, problem.Shape.OutChannels);
        var output = new float[problem.OutputLength];

        prepared.Run(problem.Input, output, problem.Shape.Batch, problem.Shape.Height, problem.Shape.Width);

        Assert.Equal(problem.Run(algorithm), output);
        Assert.Same(kernel, prepared.Kernel);
        Assert.Equal((problem.Shape.InChannels, problem.Shape.OutChannels), (prepared.InChannels, prepared.OutChannels));
    }

    [Theory]
    [MemberData(nameof(AllAlgorithms.Data), MemberType = typeof(AllAlgorithms))]
    public void ChangingTheArraysAfterPrepareChangesNothing(ConvTranspose2dAlgorithm algorithm)
    {
        var problem = TestProblem.Filled(new ConvTranspose2dOptions(kernel: 3, stride: 2), new ConvTranspose2dShape(1, 2, 3, 4, 4), new Random(5), integers: true);
        var prepared = ConvTranspose2d.Create(problem.Options, algorithm).Prepare(problem.Weight, problem.Bias, 2, 3);
        float[] expected = problem.Run(algorithm);

        Array.Fill(problem.Weight, 100f);
        Array.Fill(problem.Bias, -100f);
        var output = new float[problem.OutputLength];
        prepared.Run(problem.Input, output, 1, 4, 4);

        Assert.Equal(expected, output);
    }

    /// <summary>One prepared kernel serves inputs of different batch and spatial sizes.</summary>
    [Theory]
    [MemberData(nameof(AllAlgorithms.Data), MemberType = typeof(AllAlgorithms))]
    public void OnePreparedKernelServesManySizes(ConvTranspose2dAlgorithm algorithm)
    {
        var options = new ConvTranspose2dOptions(kernel: 4, stride: 2, padding: 1);
        var first = TestProblem.Filled(options, new ConvTranspose2dShape(1, 3, 2, 2, 5), new Random(9), integers: true);
        var prepared = ConvTranspose2d.Create(options, algorithm).Prepare(first.Weight, first.Bias, 3, 2);

        foreach (var (batch, height, width) in new[] { (1, 2, 5), (3, 1, 1), (2, 6, 3) })
        {
            var problem = TestProblem.Filled(options, new ConvTranspose2dShape(batch, 3, 2, height, width), new Random(batch * 100 + height), integers: true)
                with { Weight = first.Weight, Bias = first.Bias };
            var output = new float[problem.OutputLength];
            prepared.Run(problem.Input, output, batch, height, width);
            Assert.Equal(problem.Run(algorithm), output);
        }
    }
}
