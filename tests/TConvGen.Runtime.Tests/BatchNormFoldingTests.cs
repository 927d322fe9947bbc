using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using TConvGen.CompilerServices;
using TConvGen.Runtime.Tests.Support;
using TConvGen.Tests.Shared;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>
/// <c>Prepare(..., BatchNormParameters)</c> folds an inference BatchNorm into the weights and bias: the prepared kernel
/// computes <c>activation(batch_norm(conv_transpose(x)))</c> as the double definition does, for every algorithm at every
/// width, with groups, without bias, in 1-D, and for generated kernels; the caller's spans are never modified.
/// </summary>
public sealed class BatchNormFoldingTests
{
    private const int Batches = 3;
    private const int CasesPerBatch = 30;

    public static IEnumerable<object[]> BatchIndices => Enumerable.Range(0, Batches).Select(i => new object[] { i });

    private static ConvTransposeActivation AnyActivation(Random random) =>
        (ConvTransposeActivation)random.Next(Enum.GetValues<ConvTransposeActivation>().Length);

    [Theory]
    [MemberData(nameof(BatchIndices))]
    public void EveryKernelComputesConvThenBatchNormThenActivation(int batch)
    {
        var random = new Random(20261203 + batch);
        var failures = new StringBuilder();
        int failed = 0;
        for (int i = 0; i < CasesPerBatch; i++)
        {
            var problem = TestProblem.Random(random, withBias: i % 2 == 0);
            problem = problem with
            {
                Options = problem.Options with { Activation = AnyActivation(random), ActivationSlope = (float)(random.NextDouble() - 0.5) },
            };
            var batchNorm = BatchNormData.Random(random, problem.Shape.OutChannels);
            var expected = ConvTranspose2dDefinition.Run(problem, batchNorm);
            foreach (var kernel in KernelVariants.For(problem.Options))
            {
                var snapshot = Snapshot(problem.Weight, problem.Bias, batchNorm);
                var prepared = kernel.Prepare(problem.Weight, problem.Bias, problem.Shape.InChannels, problem.Shape.OutChannels, batchNorm.Parameters);
                Assert.Equal(snapshot, Snapshot(problem.Weight, problem.Bias, batchNorm));
                var buffer = OutputAssert.GuardedBuffer(expected.Length);
                prepared.Run(problem.Input, buffer.AsSpan(0, expected.Length), problem.Shape.Batch, problem.Shape.Height, problem.Shape.Width, 1 + i % 3);
                if (Compare(expected, buffer) is string failure && failed++ < 20)
                    failures.AppendLine($"{kernel.Algorithm}: {failure} for {problem}");
            }
        }
        Assert.True(failed == 0, $"{failed} mismatches; first ones:\n{failures}");
    }

    [Theory]
    [MemberData(nameof(BatchIndices))]
    public void OneDimensionalKernelsFoldToo(int batch)
    {
        var random = new Random(20261204 + batch);
        var failures = new StringBuilder();
        int failed = 0;
        for (int i = 0; i < CasesPerBatch; i++)
        {
            var c = ConvTranspose1dTests.Case1d.Draw(random);
            var batchNorm = BatchNormData.Random(random, c.Shape.OutChannels);
            var expected = ConvTranspose1dDefinition.Run(c.Options, c.Shape, c.Input, c.Weight, c.Bias, batchNorm);
            var kernels = Enum.GetValues<ConvTranspose2dAlgorithm>().Select(a => ConvTranspose1d.Create(c.Options, a))
                .Concat(KernelVariants.For(c.Options.ToPlanar()).Select(planar => GeneratedConvTranspose1d.Create(c.Options, planar)));
            foreach (var kernel in kernels)
            {
                var snapshot = Snapshot(c.Weight, c.Bias, batchNorm);
                var prepared = kernel.Prepare(c.Weight, c.Bias, c.Shape.InChannels, c.Shape.OutChannels, batchNorm.Parameters);
                Assert.Equal(snapshot, Snapshot(c.Weight, c.Bias, batchNorm));
                var buffer = OutputAssert.GuardedBuffer(expected.Length);
                prepared.Run(c.Input, buffer.AsSpan(0, expected.Length), c.Shape.Batch, c.Shape.Length, 2);
                if (Compare(expected, buffer) is string failure && failed++ < 20)
                    failures.AppendLine($"{kernel.Algorithm}: {failure} for {c}");
            }
        }
        Assert.True(failed == 0, $"{failed} mismatches; first ones:\n{failures}");
    }

    /// <summary>Named layers: DCGAN's k4 s2 p1 with BatchNorm2d + ReLU, a grouped and a depthwise layer without bias, and
    /// HiFi-GAN's first upsampling with BatchNorm1d + LeakyReLU(0.1).</summary>
    [Theory]
    [MemberData(nameof(AllAlgorithms.Data), MemberType = typeof(AllAlgorithms))]
    public void NamedLayersMatchTheDefinition(ConvTranspose2dAlgorithm algorithm)
    {
        var random = new Random(7);
        var dcgan = TestProblem.Filled(new ConvTranspose2dOptions(4, 2, 1) { Activation = ConvTransposeActivation.Relu },
            new ConvTranspose2dShape(2, 32, 16, 8, 8), random);
        var grouped = TestProblem.Filled(new ConvTranspose2dOptions(3, 2, 1) { Groups = 4, OutputPadding = 1, Activation = ConvTransposeActivation.Silu },
            new ConvTranspose2dShape(1, 8, 12, 6, 5), random, withBias: false);
        var depthwise = TestProblem.Filled(new ConvTranspose2dOptions(3, 1, 1) { Groups = 6, Dilation = 2, Activation = ConvTransposeActivation.Tanh },
            new ConvTranspose2dShape(1, 6, 6, 7, 7), random, withBias: false);
        foreach (var problem in new[] { dcgan, grouped, depthwise })
        {
            var batchNorm = BatchNormData.Random(random, problem.Shape.OutChannels);
            var prepared = ConvTranspose2d.Create(problem.Options, algorithm)
                .Prepare(problem.Weight, problem.Bias, problem.Shape.InChannels, problem.Shape.OutChannels, batchNorm.Parameters);
            var actual = new float[problem.OutputLength];
            prepared.Run(problem.Input, actual, problem.Shape.Batch, problem.Shape.Height, problem.Shape.Width);
            OutputAssert.Close(ConvTranspose2dDefinition.Run(problem, batchNorm), actual, $"{algorithm} {problem}");
        }

        var options = new ConvTranspose1dOptions(16, 8, 4) { Activation = ConvTransposeActivation.LeakyRelu, ActivationSlope = 0.1f };
        var c = ConvTranspose1dTests.Case1d.Filled(options, new ConvTranspose1dShape(1, 64, 32, 86), random, withBias: true);
        var bn1d = BatchNormData.Random(random, 32);
        var output = new float[32 * 688];
        ConvTranspose1d.Create(options, algorithm).Prepare(c.Weight, c.Bias, 64, 32, bn1d.Parameters).Run(c.Input, output, 1, 86);
        OutputAssert.Close(ConvTranspose1dDefinition.Run(options, c.Shape, c.Input, c.Weight, c.Bias, bn1d), output, $"{algorithm} {c}");
    }

    /// <summary>A zero variance is legal with a positive epsilon (a dead channel: a large scale), and a zero epsilon with a
    /// positive variance, as in PyTorch.</summary>
    [Theory]
    [InlineData(1e-5f, 0f)]
    [InlineData(0f, 0.5f)]
    [InlineData(1e-3f, float.PositiveInfinity)]
    public void EdgeVariancesAndEpsilonsThatPyTorchAcceptsFold(float epsilon, float variance)
    {
        var random = new Random(11);
        var problem = TestProblem.Filled(new ConvTranspose2dOptions(3, 2, 1), new ConvTranspose2dShape(1, 3, 4, 5, 5), random);
        var batchNorm = BatchNormData.Random(random, 4, epsilon);
        batchNorm.RunningVariance[2] = variance;
        var actual = new float[problem.OutputLength];
        ConvTranspose2d.Create(problem.Options).Prepare(problem.Weight, problem.Bias, 3, 4, batchNorm.Parameters).Run(problem.Input, actual, 1, 5, 5);
        OutputAssert.Close(ConvTranspose2dDefinition.Run(problem, batchNorm), actual, $"eps {epsilon}, var {variance}");
    }

    /// <summary>A NaN gamma makes its channel NaN everywhere, also where no tap reaches (k1 s2), as in PyTorch; the others stay finite.</summary>
    [Fact]
    public void ANaNScaleMakesItsChannelNaN()
    {
        var random = new Random(3);
        var problem = TestProblem.Filled(new ConvTranspose2dOptions(1, 2), new ConvTranspose2dShape(1, 2, 3, 3, 3), random);
        var batchNorm = BatchNormData.Random(random, 3);
        batchNorm.Weight[1] = float.NaN;
        var actual = new float[problem.OutputLength];
        ConvTranspose2d.Create(problem.Options).Prepare(problem.Weight, problem.Bias, 2, 3, batchNorm.Parameters).Run(problem.Input, actual, 1, 3, 3);
        int plane = problem.OutputHeight * problem.OutputWidth;
        for (int k = 0; k < actual.Length; k++)
            Assert.Equal(k / plane == 1, float.IsNaN(actual[k]));
    }

    /// <summary>A generated kernel (here the fallback a <c>[ConvTranspose]</c> method returns) folds through the same base
    /// class, and still refuses channel counts it was not generated for.</summary>
    [Fact]
    public void GeneratedKernelsFold()
    {
        var random = new Random(5);
        var problem = TestProblem.Filled(new ConvTranspose2dOptions(4, 2, 1) { Activation = ConvTransposeActivation.Relu6 },
            new ConvTranspose2dShape(1, 4, 6, 5, 5), random);
        var batchNorm = BatchNormData.Random(random, 6);
        var generated = new GeneratedKernelFallback(problem.Options, 4, 6);
        var actual = new float[problem.OutputLength];
        generated.Prepare(problem.Weight, problem.Bias, 4, 6, batchNorm.Parameters).Run(problem.Input, actual, 1, 5, 5);
        OutputAssert.Close(ConvTranspose2dDefinition.Run(problem, batchNorm), actual, "generated");

        var other = BatchNormData.Random(random, 3);
        Assert.Equal("outChannels", Assert.Throws<ArgumentOutOfRangeException>(() =>
            generated.Prepare(new float[4 * 3 * 16], [], 4, 3, other.Parameters)).ParamName);
    }

    public static TheoryData<string, string, string[]> BadBatchNorms => new()
    {
        { "weight too short", "batchNorm.Weight", ["batchNorm.Weight must have OutChannels = 4 elements (one per output channel), but has 3."] },
        { "bias too long", "batchNorm.Bias", ["batchNorm.Bias must have OutChannels = 4", "but has 5."] },
        { "mean empty", "batchNorm.RunningMean", ["batchNorm.RunningMean must have OutChannels = 4", "but has 0."] },
        { "variance too short", "batchNorm.RunningVariance", ["batchNorm.RunningVariance must have OutChannels = 4", "but has 1."] },
        { "negative variance", "batchNorm.RunningVariance", ["batchNorm.RunningVariance[2] must be >= 0", "a negative variance is refused", "but got -0.5."] },
        { "NaN variance", "batchNorm.RunningVariance", ["batchNorm.RunningVariance[3] must be >= 0", "but got NaN."] },
        { "zero variance and zero epsilon", "batchNorm.RunningVariance", ["batchNorm.RunningVariance[0] + batchNorm.Epsilon must be > 0", "but got 0 + 0."] },
        { "negative epsilon", "batchNorm.Epsilon", ["batchNorm.Epsilon must be a finite number >= 0", "but got -1E-05."] },
        { "NaN epsilon", "batchNorm.Epsilon", ["but got NaN."] },
        { "infinite epsilon", "batchNorm.Epsilon", ["but got Infinity."] },
    };

    private static BatchNormData Bad(string name)
    {
        var good = BatchNormData.Random(new Random(1), 4);
        return name switch
        {
            "weight too short" => good with { Weight = new float[3] },
            "bias too long" => good with { Bias = new float[5] },
            "mean empty" => good with { RunningMean = [] },
            "variance too short" => good with { RunningVariance = [1f] },
            "negative variance" => good with { RunningVariance = [1f, 1f, -0.5f, 1f] },
            "NaN variance" => good with { RunningVariance = [1f, 1f, 1f, float.NaN] },
            "zero variance and zero epsilon" => good with { RunningVariance = [0f, 1f, 1f, 1f], Epsilon = 0f },
            "negative epsilon" => good with { Epsilon = -1e-5f },
            "NaN epsilon" => good with { Epsilon = float.NaN },
            "infinite epsilon" => good with { Epsilon = float.PositiveInfinity },
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    [Theory]
    [MemberData(nameof(BadBatchNorms))]
    public void BadParametersAreRefusedByName(string name, string parameter, string[] fragments)
    {
        var batchNorm = Bad(name);
        var weight = new float[2 * 4 * 9];
        var before = Snapshot(weight, [], batchNorm);
        foreach (var algorithm in Enum.GetValues<ConvTranspose2dAlgorithm>())
        {
            var exception = Assert.ThrowsAny<ArgumentException>(() =>
                ConvTranspose2d.Create(new ConvTranspose2dOptions(3), algorithm).Prepare(weight, [], 2, 4, batchNorm.Parameters));
            Assert.Equal(parameter, exception.ParamName);
            foreach (string fragment in fragments)
                Assert.Contains(fragment, exception.Message, StringComparison.Ordinal);
            Assert.Equal(parameter == "batchNorm.Epsilon", exception is ArgumentOutOfRangeException);

            var oneD = Assert.ThrowsAny<ArgumentException>(() =>
                ConvTranspose1d.Create(new ConvTranspose1dOptions(9), algorithm).Prepare(weight, [], 2, 4, batchNorm.Parameters));
            Assert.Equal(parameter, oneD.ParamName);
            Assert.Equal(exception.Message, oneD.Message);
        }
        Assert.Equal(before, Snapshot(weight, [], batchNorm));
    }

    /// <summary>The convolution's own arguments are checked first, as the overload without BatchNorm checks them (in 1-D terms for 1-D).</summary>
    [Fact]
    public void WeightAndBiasAreCheckedFirst()
    {
        var twoD = ConvTranspose2d.Create(new ConvTranspose2dOptions(3));
        ExceptionAssert.Argument(() => twoD.Prepare(new float[71], [], 2, 4, Bad("weight too short").Parameters), "weight",
            "InChannels*(OutChannels/Groups)*KernelHeight*KernelWidth = 2*4*3*3 = 72 elements, but has 71.");
        ExceptionAssert.Argument(() => twoD.Prepare(new float[72], new float[3], 2, 4, Bad("weight too short").Parameters), "bias");
        var oneD = ConvTranspose1d.Create(new ConvTranspose1dOptions(9) { Groups = 2 });
        ExceptionAssert.Argument(() => oneD.Prepare(new float[35], [], 2, 4, Bad("weight too short").Parameters), "weight",
            "InChannels*(OutChannels/Groups)*Kernel = 2*2*9 = 36 elements, but has 35.");
        ExceptionAssert.OutOfRange(() => oneD.Prepare(new float[36], [], 3, 4, Bad("weight too short").Parameters), "inChannels", 3, "divisible by Groups (2)");
    }

    private static string Snapshot(float[] weight, float[] bias, BatchNormData batchNorm) =>
        string.Join(",", new[] { weight, bias, batchNorm.Weight, batchNorm.Bias, batchNorm.RunningMean, batchNorm.RunningVariance }
            .Select(array => string.Join(" ", array.Select(v => BitConverter.SingleToInt32Bits(v)))));

    private static string? Compare(float[] expected, float[] buffer)
    {
        int touched = OutputAssert.GuardTouchedAt(buffer, expected.Length);
        if (touched >= 0)
            return $"wrote past the output, at index {touched} of {expected.Length}";
        var difference = OutputDifference.Between(expected, buffer.AsSpan(0, expected.Length));
        return difference.IsClose ? null : difference.Describe("expected");
    }
}
