using System;
using System.Linq;
using TConvGen;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>The channel-vectorised kernel on channel counts the random sweep does not reach: several full register blocks
/// (64 channels under Vector512, 16 under Vector256) and a padded remainder, every body, one thread and several (tiles split
/// over channels and over rows), and bands that cut a tile.</summary>
public sealed class KernelChannelVectorizedTests
{
    [Theory]
    [InlineData(4, 2, 1, 0, 70, 150, 9, 11, 1, 1)]
    [InlineData(4, 2, 1, 1, 130, 136, 5, 7, 1, 2)]
    [InlineData(3, 1, 1, 0, 64, 64, 13, 10, 1, 2)]
    [InlineData(2, 2, 0, 0, 40, 72, 17, 9, 2, 2)]
    [InlineData(5, 3, 2, 2, 24, 100, 6, 5, 1, 2)]
    [InlineData(3, 2, 1, 1, 600, 80, 40, 41, 1, 2)]
    [InlineData(1, 1, 0, 0, 33, 65, 3, 3, 1, 1)]
    public void WideChannelsMatchTheReference(int kernel, int stride, int padding, int outputPadding, int inChannels, int outChannels,
        int height, int width, int batch, int threads)
    {
        var options = new ConvTranspose2dOptions(kernel, stride, padding) { OutputPadding = outputPadding };
        var shape = new ConvTranspose2dShape(batch, inChannels, outChannels, height, width);
        var problem = ConvTranspose2dProblem.Create(options, shape);
        var random = new Random(inChannels * 7 + outChannels);
        float[] input = Values(random, problem.InputLength), weight = Values(random, problem.WeightLength), bias = Values(random, shape.OutChannels);
        var expected = new float[problem.OutputLength];
        ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.Reference).Run(input, weight, bias, expected, shape, 1);
        float scale = Math.Max(1f, expected.Max(Math.Abs));

        foreach (var level in Enum.GetValues<SimdLevel>())
        {
            var prepared = new ChannelVectorizedConvTranspose2d(options, level).Prepare(weight, bias, inChannels, outChannels);
            var actual = new float[problem.OutputLength];
            actual.AsSpan().Fill(float.NaN);
            prepared.Run(input, actual, batch, height, width, threads);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 * scale,
                    $"{prepared.Kernel.Algorithm}: [{i}] expected {expected[i]} got {actual[i]}");
            }
        }
    }

    private static float[] Values(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
}
