using System;
using System.Linq;
using System.Runtime.Intrinsics;
using TConvGen;
using TConvGen.Runtime.Tests.Support;
using TConvGen.Tests.Shared;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>PhaseDirect at every width: the one it runs by default, forced widths lowered to what the machine runs, and
/// every row length around its tiles' boundaries (narrow and wide tiles, a short last tile through the scratch) at each
/// width, for one, four, five and six output channels (a one-channel block, full blocks, a padded block).</summary>
public sealed class KernelPhaseDirectTests
{
    private static readonly SimdLevel[] Widest = [SimdLevel.Vector512, SimdLevel.Vector256, SimdLevel.Vector128, SimdLevel.Portable];

    /// <summary>The JIT's own view of a width, not <see cref="SimdPath"/>'s (Vector256 also needs FMA, which every AVX2 x64 has).</summary>
    private static bool Accelerated(SimdLevel level) => level switch
    {
        SimdLevel.Vector512 => Vector512.IsHardwareAccelerated,
        SimdLevel.Vector256 => Vector256.IsHardwareAccelerated,
        SimdLevel.Vector128 => Vector128.IsHardwareAccelerated,
        _ => true,
    };

    private static string Name(SimdLevel level) => level == SimdLevel.Portable ? "PhaseDirect (portable)" : $"PhaseDirect ({level})";

    [Fact]
    public void RunsTheWidestWidthTheJitAccelerates()
    {
        string algorithm = ConvTranspose2d.Create(new ConvTranspose2dOptions(4, stride: 2, padding: 1), ConvTranspose2dAlgorithm.PhaseDirect).Algorithm;
        var widest = Widest.First(Accelerated);
        // Vector512 only where its multiply-adds measure faster than Vector256's; else Vector256.
        string[] expected = widest == SimdLevel.Vector512 ? [Name(SimdLevel.Vector512), Name(SimdLevel.Vector256)] : [Name(widest)];
        Assert.Contains(algorithm, expected);
    }

    [Fact]
    public void AForcedWidthIsLoweredToOneThatRuns()
    {
        var options = new ConvTranspose2dOptions(3, stride: 1, padding: 1);
        foreach (var requested in Widest)
        {
            var expected = Widest.SkipWhile(level => level != requested).First(Accelerated);
            Assert.Equal(Name(expected), new PhaseDirectConvTranspose2d(options, requested).Algorithm);
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 4)]
    [InlineData(1, 5)]
    [InlineData(1, 6)]
    [InlineData(2, 1)]
    [InlineData(2, 4)]
    [InlineData(2, 5)]
    [InlineData(2, 6)]
    [InlineData(3, 1)]
    [InlineData(3, 6)]
    public void EveryRowLengthMatchesTheReferenceAtEveryWidth(int stride, int outChannels)
    {
        var options = new ConvTranspose2dOptions(stride + 1, stride, padding: stride / 2);
        var kernels = VectorLevels.Running.Append(SimdLevel.Portable).Select(level => new PhaseDirectConvTranspose2d(options, level)).ToArray();
        var random = new Random(stride * 100 + outChannels);
        // Up to past the widest tile (Vector512, one channel: 128 positions of a phase) and its narrow half.
        for (int width = 1; width <= 140 / stride; width++)
        {
            var shape = new ConvTranspose2dShape(1, 2, outChannels, 2, width);
            var problem = ConvTranspose2dProblem.Create(options, shape);
            float[] input = RandomData.Uniform(random, problem.InputLength), weight = RandomData.Uniform(random, problem.WeightLength);
            float[] bias = RandomData.Uniform(random, outChannels);
            var expected = new float[problem.OutputLength];
            ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.Reference).Run(input, weight, bias, expected, shape, 1);
            foreach (var kernel in kernels)
            {
                var buffer = OutputAssert.GuardedBuffer(expected.Length);
                kernel.Prepare(weight, bias, shape.InChannels, outChannels).Run(input, buffer.AsSpan(0, expected.Length), 1, shape.Height, width, 1);
                OutputAssert.CloseAndGuarded(expected, buffer, $"{kernel.Algorithm}, input width {width}");
            }
        }
    }
}
