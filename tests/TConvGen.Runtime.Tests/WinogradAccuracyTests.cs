using System;
using System.Linq;
using TConvGen;
using TConvGen.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace TConvGen.Runtime.Tests;

/// <summary>
/// The gate of issue 13 for F(2x2, 3x3): on weights with a heavy tail (He-scaled normal, 1% of them 10x larger) and inputs
/// after ReLU, the Winograd kernel at every width this machine runs stays within 1e-5 of the output's magnitude of the
/// double-precision reference. The test reports max |error| / max |reference| and ||error|| / ||reference|| (the note's
/// evidence), with PhaseDirect's beside them for scale.
/// </summary>
public sealed class WinogradAccuracyTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(64, 64, 28, 28, 1)]
    [InlineData(32, 32, 32, 32, 1)]
    [InlineData(128, 128, 14, 14, 0)]
    [InlineData(16, 48, 21, 19, 2)]
    public void HeavyTailedWeightsStayWithinTheTolerance(int inChannels, int outChannels, int height, int width, int padding)
    {
        var options = new ConvTranspose2dOptions(3, 1, padding);
        var shape = new ConvTranspose2dShape(1, inChannels, outChannels, height, width);
        var problem = ConvTranspose2dProblem.Create(options, shape);
        var random = new Random(inChannels * 1009 + outChannels * 31 + height + padding);
        double scale = Math.Sqrt(2.0 / (inChannels * 9));
        var weight = Enumerable.Range(0, problem.WeightLength).Select(_ => (float)(scale * Normal(random))).ToArray();
        // 1% outliers, ten times larger.
        for (int n = 0; n < weight.Length / 100; n++)
            weight[random.Next(weight.Length)] *= 10;
        var input = Enumerable.Range(0, problem.InputLength).Select(_ => (float)Math.Max(0, Normal(random))).ToArray();
        var bias = RandomData.Uniform(random, outChannels).Select(b => b * 0.1f).ToArray();
        var expected = new float[problem.OutputLength];
        ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.Reference).Run(input, weight, bias, expected, shape, 1);

        var kernels = Enum.GetValues<SimdLevel>().Where(SimdPath.Runs).Select(level => new WinogradConvTranspose2d(options, level))
            .Append(ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.PhaseDirect));
        foreach (var kernel in kernels)
        {
            var prepared = kernel.Prepare(weight, bias, inChannels, outChannels);
            var actual = new float[problem.OutputLength];
            prepared.Run(input, actual, 1, height, width, 2);
            var (maxRelative, relativeL2) = Errors(expected, actual);
            output.WriteLine($"{inChannels}->{outChannels} {height}x{width} p{padding} {kernel.Algorithm}: max-relative {maxRelative:E2}, relative L2 {relativeL2:E2}");
            if (prepared is WinogradPrepared)
                Assert.True(maxRelative <= OutputDifference.Relative, $"{kernel.Algorithm}: max-relative error {maxRelative:E2}");
        }
        Assert.IsType<WinogradPrepared>(ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.Winograd).Prepare(weight, bias, inChannels, outChannels));
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
