using System;
using TConvGen.Runtime.Tests.Support;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>
/// The transposed convolution is the adjoint of the forward convolution: <c>&lt;conv(y), x&gt; == &lt;y, convT(x)&gt;</c>
/// for every x and y, with <see cref="ForwardConvolution"/> (test-side, double) as conv and each algorithm (no bias) as convT.
/// </summary>
public sealed class AdjointIdentityTests
{
    public static TheoryData<ConvTranspose2dAlgorithm, int> Cases()
    {
        var data = new TheoryData<ConvTranspose2dAlgorithm, int>();
        foreach (var algorithm in Enum.GetValues<ConvTranspose2dAlgorithm>())
            for (int seed = 100; seed < 160; seed++)
                data.Add(algorithm, seed);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ConvolutionAndTransposedConvolutionAreAdjoint(ConvTranspose2dAlgorithm algorithm, int seed)
    {
        var random = new Random(seed);
        var problem = TestProblem.Random(random, withBias: false);
        var y = new double[problem.OutputLength];
        for (int i = 0; i < y.Length; i++)
            y[i] = random.NextDouble() * 2 - 1;

        double[] convY = ForwardConvolution.Run(problem, y);
        float[] convTx = problem.Run(algorithm);

        double left = 0, right = 0, leftScale = 0, rightScale = 0;
        for (int i = 0; i < convY.Length; i++)
        {
            left += convY[i] * problem.Input[i];
            leftScale += Math.Abs(convY[i] * problem.Input[i]);
        }
        for (int i = 0; i < y.Length; i++)
        {
            right += y[i] * convTx[i];
            rightScale += Math.Abs(y[i] * convTx[i]);
        }
        // float32 outputs: each term carries a relative error of about 1e-7; 1e-5 of the terms' magnitude is generous
        // for rounding and far below what any misplaced tap, channel or border would cost.
        double tolerance = 1e-5 * Math.Max(leftScale, rightScale) + 1e-12;
        Assert.True(Math.Abs(left - right) <= tolerance,
            $"{problem}: <conv(y), x> = {left:R}, <y, convT(x)> = {right:R}, difference {Math.Abs(left - right):R} > {tolerance:R}.");
    }
}
