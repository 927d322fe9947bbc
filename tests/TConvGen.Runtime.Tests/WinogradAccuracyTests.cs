using System;
using System.Collections.Generic;
using System.Linq;
using TConvGen;
using TConvGen.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace TConvGen.Runtime.Tests;

/// <summary>
/// The gate of issue 13 for both tilings, F(2x2, 3x3) (k3 s1) and F(3x3, 2x2) per phase (k4 s2 p1): on weights with a heavy
/// tail (He-scaled normal, 1% of them 10x larger) and inputs after ReLU, and on a random sweep of k4 s2 p1 layers, the
/// Winograd kernel at every width this machine runs (the portable code included) stays within 1e-5 of the output's
/// magnitude of the double-precision reference. The tests report max |error| / max |reference| and
/// ||error|| / ||reference|| per tile size (the note's evidence), with PhaseDirect's beside them for scale.
/// </summary>
public sealed class WinogradAccuracyTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(64, 64, 28, 28, 1)]
    [InlineData(32, 32, 32, 32, 1)]
    [InlineData(128, 128, 14, 14, 0)]
    [InlineData(16, 48, 21, 19, 2)]
    public void HeavyTailedWeightsStayWithinTheTolerance(int inChannels, int outChannels, int height, int width, int padding) =>
        HeavyTailed(new ConvTranspose2dOptions(3, 1, padding), new ConvTranspose2dShape(1, inChannels, outChannels, height, width));

    /// <summary>F(3x3, 2x2) on the k4 s2 p1 layers of the issue (d 512->256 8x8, e 128->64 32x32, x-pose 256->256 16x16, i at
    /// batch 8, here two) and odd ones with output padding.</summary>
    [Theory]
    [InlineData(512, 256, 8, 8, 1, 0)]
    [InlineData(128, 64, 32, 32, 1, 0)]
    [InlineData(256, 256, 16, 16, 1, 0)]
    [InlineData(128, 64, 16, 16, 2, 0)]
    [InlineData(48, 24, 13, 21, 1, 1)]
    [InlineData(1024, 16, 5, 7, 1, 1)]
    public void HeavyTailedPhaseWeightsStayWithinTheTolerance(int inChannels, int outChannels, int height, int width, int batch, int outputPadding) =>
        HeavyTailed(new ConvTranspose2dOptions(4, 2, 1) { OutputPadding = outputPadding },
            new ConvTranspose2dShape(batch, inChannels, outChannels, height, width));

    /// <summary>A random sweep of k4 s2 p1 layers (channels 1 to 160, sides 1 to 24, output padding per axis, groups, batches),
    /// uniform data and heavy-tailed data, every width: the worst errors per width are reported.</summary>
    [Fact]
    public void TheRandomPhaseSweepStaysWithinTheTolerance()
    {
        var random = new Random(1313);
        var worst = new Dictionary<string, (double MaxRelative, double RelativeL2)>();
        for (int n = 0; n < 24; n++)
        {
            int groups = random.Next(4) == 0 ? 1 + random.Next(3) : 1;
            int inChannels = groups * (1 + random.Next(160 / groups)), outChannels = groups * (1 + random.Next(96 / groups));
            var options = new ConvTranspose2dOptions(4, 2, 1)
            {
                OutputPaddingHeight = random.Next(2), OutputPaddingWidth = random.Next(2), Groups = groups,
            };
            var shape = new ConvTranspose2dShape(1 + random.Next(2), inChannels, outChannels, 1 + random.Next(24), 1 + random.Next(24));
            bool heavy = n % 2 == 1;
            var (input, weight, bias) = heavy ? HeavyTailedData(options, shape, random) : UniformData(options, shape, random);
            foreach (var (algorithm, maxRelative, relativeL2) in Measure(options, shape, input, weight, bias))
            {
                if (!algorithm.StartsWith("Winograd", StringComparison.Ordinal))
                    continue;
                Assert.True(maxRelative <= OutputDifference.Relative, $"{options} {shape} {algorithm}: max-relative error {maxRelative:E2}");
                worst[algorithm] = worst.TryGetValue(algorithm, out var w) ? (Math.Max(w.MaxRelative, maxRelative), Math.Max(w.RelativeL2, relativeL2)) : (maxRelative, relativeL2);
            }
        }
        foreach (var (algorithm, (maxRelative, relativeL2)) in worst)
            output.WriteLine($"F(3x3,2x2) sweep of 24 k4s2p1 layers, worst {algorithm}: max-relative {maxRelative:E2}, relative L2 {relativeL2:E2}");
    }

    private void HeavyTailed(ConvTranspose2dOptions options, ConvTranspose2dShape shape)
    {
        var random = new Random(shape.InChannels * 1009 + shape.OutChannels * 31 + shape.Height + options.PaddingHeight);
        var (input, weight, bias) = HeavyTailedData(options, shape, random);
        string tile = WinogradPhaseTiles.Supports(options) ? "F(3x3,2x2)" : "F(2x2,3x3)";
        foreach (var (algorithm, maxRelative, relativeL2) in Measure(options, shape, input, weight, bias))
        {
            output.WriteLine($"{tile} {shape.Batch}x{shape.InChannels}->{shape.OutChannels} {shape.Height}x{shape.Width} {options}: {algorithm}: max-relative {maxRelative:E2}, relative L2 {relativeL2:E2}");
            if (algorithm.StartsWith("Winograd", StringComparison.Ordinal))
                Assert.True(maxRelative <= OutputDifference.Relative, $"{algorithm}: max-relative error {maxRelative:E2}");
        }
        Assert.IsType<WinogradPrepared>(ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.Winograd).Prepare(weight, bias, shape.InChannels, shape.OutChannels));
    }

    /// <summary>Every width's Winograd kernel (each must run its tiles, not the exact path) and PhaseDirect against the Reference.</summary>
    private static IEnumerable<(string Algorithm, double MaxRelative, double RelativeL2)> Measure(ConvTranspose2dOptions options, ConvTranspose2dShape shape,
        float[] input, float[] weight, float[] bias)
    {
        var problem = ConvTranspose2dProblem.Create(options, shape);
        var expected = new float[problem.OutputLength];
        ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.Reference).Run(input, weight, bias, expected, shape, 1);
        var kernels = Enum.GetValues<SimdLevel>().Where(SimdPath.Runs).Select(level => (ConvTranspose2d)new WinogradConvTranspose2d(options, level))
            .Append(ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.PhaseDirect));
        var results = new List<(string, double, double)>();
        foreach (var kernel in kernels)
        {
            var prepared = kernel.Prepare(weight, bias, shape.InChannels, shape.OutChannels);
            if (kernel is WinogradConvTranspose2d)
                Assert.IsType<WinogradPrepared>(prepared);
            var actual = new float[problem.OutputLength];
            actual.AsSpan().Fill(float.NaN);
            prepared.Run(input, actual, shape.Batch, shape.Height, shape.Width, 2);
            var (maxRelative, relativeL2) = Errors(expected, actual);
            results.Add((kernel.Algorithm, maxRelative, relativeL2));
        }
        return results;
    }

    /// <summary>He-scaled normal weights (fan-in: the taps one output meets) with 1% of them ten times larger, inputs after ReLU.</summary>
    private static (float[] Input, float[] Weight, float[] Bias) HeavyTailedData(ConvTranspose2dOptions options, ConvTranspose2dShape shape, Random random)
    {
        var problem = ConvTranspose2dProblem.Create(options, shape);
        int tapsPerOutput = options.KernelHeight * options.KernelWidth / (options.StrideHeight * options.StrideWidth);
        double scale = Math.Sqrt(2.0 / (shape.InChannels / options.Groups * tapsPerOutput));
        var weight = Enumerable.Range(0, problem.WeightLength).Select(_ => (float)(scale * Normal(random))).ToArray();
        // 1% outliers, ten times larger.
        for (int n = 0; n < weight.Length / 100; n++)
            weight[random.Next(weight.Length)] *= 10;
        var input = Enumerable.Range(0, problem.InputLength).Select(_ => (float)Math.Max(0, Normal(random))).ToArray();
        var bias = RandomData.Uniform(random, shape.OutChannels).Select(b => b * 0.1f).ToArray();
        return (input, weight, bias);
    }

    private static (float[] Input, float[] Weight, float[] Bias) UniformData(ConvTranspose2dOptions options, ConvTranspose2dShape shape, Random random)
    {
        var problem = ConvTranspose2dProblem.Create(options, shape);
        return (RandomData.Uniform(random, problem.InputLength), RandomData.Uniform(random, problem.WeightLength), RandomData.Uniform(random, shape.OutChannels));
    }

    private static (double MaxRelative, double RelativeL2) Errors(float[] expected, float[] actual)
    {
        double maxError = 0, maxValue = 0, squaredError = 0, squaredValue = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs((double)actual[i] - expected[i]);
            maxError = double.IsNaN(error) ? double.NaN : Math.Max(maxError, error);
            maxValue = Math.Max(maxValue, Math.Abs(expected[i]));
            squaredError += error * error;
            squaredValue += (double)expected[i] * expected[i];
        }
        return (maxError / maxValue, Math.Sqrt(squaredError / squaredValue));
    }

    /// <summary>A standard normal draw (Box-Muller).</summary>
    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
