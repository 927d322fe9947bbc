using System;
using System.Collections.Generic;
using System.Linq;
using TConvGen.Tests.Shared;
using Xunit;

namespace TConvGen.Runtime.Tests.Support;

/// <summary>Runs kernels on one problem with random data and compares each with the Reference kernel.</summary>
internal static class ReferenceCheck
{
    /// <summary>Asserts that every kernel, prepared and run on <paramref name="threads"/> threads, matches the Reference within
    /// 1e-5 of the output's magnitude. Outputs start as NaN, so an element a kernel fails to write fails the check.</summary>
    public static void AllMatch(ConvTranspose2dOptions options, ConvTranspose2dShape shape, int seed, int threads, IEnumerable<ConvTranspose2d> kernels)
    {
        var problem = ConvTranspose2dProblem.Create(options, shape);
        var random = new Random(seed);
        float[] input = RandomData.Uniform(random, problem.InputLength), weight = RandomData.Uniform(random, problem.WeightLength), bias = RandomData.Uniform(random, shape.OutChannels);
        var expected = new float[problem.OutputLength];
        ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.Reference).Run(input, weight, bias, expected, shape, 1);
        float scale = Math.Max(1f, expected.Max(Math.Abs));

        foreach (var kernel in kernels)
        {
            var prepared = kernel.Prepare(weight, bias, shape.InChannels, shape.OutChannels);
            var actual = new float[problem.OutputLength];
            actual.AsSpan().Fill(float.NaN);
            prepared.Run(input, actual, shape.Batch, shape.Height, shape.Width, threads);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 * scale,
                    $"{kernel.Algorithm}: [{i}] expected {expected[i]} got {actual[i]}");
            }
        }
    }
}
