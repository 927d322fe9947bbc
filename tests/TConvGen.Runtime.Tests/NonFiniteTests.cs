using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using TConvGen;
using TConvGen.CompilerServices;
using TConvGen.Runtime.Tests.Support;
using TConvGen.Tests.Shared;
using Xunit;
using Placement = TConvGen.Tests.Shared.NonFiniteData.Placement;

namespace TConvGen.Runtime.Tests;

/// <summary>
/// NaN and infinities in the input, the weights and the bias come out exactly where the definition (the Reference) has
/// them, compared by class (NaN, +Inf, -Inf, finite within tolerance), for every algorithm at every SIMD width, with
/// <c>Run</c> and <c>Prepare</c> + <c>Run</c>. The phase kernels read zero-padded bands, where <c>0 * Inf</c> would be NaN:
/// non-finite weights take the exact path (<see cref="ExactPath"/>).
/// </summary>
public sealed class NonFiniteTests
{
    /// <summary>Configurations that reach each kernel's paths: the issue's cases (k4s2p1, k3s1p1, k2s2 with output padding,
    /// 128->64 8x8 for ChannelVectorized's and Auto's wide paths), groups, asymmetric axes, and the shapes where Auto runs
    /// GemmCol2Im (wide channels, narrow input) and PatchScatter (one pixel).</summary>
    private static readonly Dictionary<string, (ConvTranspose2dOptions Options, ConvTranspose2dShape Shape)> Cases = new()
    {
        ["k4s2p1 1->1 2x2"] = (new(4, 2, 1), new(1, 1, 1, 2, 2)),
        ["k4s2p1 4->4 9x9"] = (new(4, 2, 1), new(2, 4, 4, 9, 9)),
        ["k3s1p1 3->3 7x11"] = (new(3, 1, 1), new(1, 3, 3, 7, 11)),
        ["k3s1p1 64->64 12x12"] = (new(3, 1, 1), new(1, 64, 64, 12, 12)),
        ["k2s2 op1 2->3 5x6"] = (new(2, 2, 0) { OutputPadding = 1 }, new(1, 2, 3, 5, 6)),
        ["k2s2p1 op1 3->2 16x40"] = (new(2, 2, 1) { OutputPadding = 1 }, new(1, 3, 2, 16, 40)),
        ["k4s2p1 128->64 8x8"] = (new(4, 2, 1), new(1, 128, 64, 8, 8)),
        ["k3s2p1 d2 op1 groups 2 6->4 6x5"] = (new(3, 2, 1) { Dilation = 2, OutputPadding = 1, Groups = 2 }, new(1, 6, 4, 6, 5)),
        ["k3s1p1 64->64 2x2"] = (new(3, 1, 1), new(1, 64, 64, 2, 2)),
        ["k4s1p0 32->32 1x1"] = (new(4, 1, 0), new(1, 32, 32, 1, 1)),
        ["k3x5 s1x3 p0x2 opW1 1->2 8x7"] = (new(3, 1, 0) { KernelWidth = 5, StrideWidth = 3, PaddingWidth = 2, OutputPaddingWidth = 1 }, new(1, 1, 2, 8, 7)),
    };

    public static TheoryData<string, Placement> CasesAndPlacements()
    {
        var data = new TheoryData<string, Placement>();
        foreach (string name in Cases.Keys)
        foreach (var placement in NonFiniteData.All)
            data.Add(name, placement);
        return data;
    }

    [Theory]
    [MemberData(nameof(CasesAndPlacements))]
    public void EveryKernelHasTheNonFiniteOutputsOfTheDefinition(string name, Placement placement)
    {
        var (options, shape) = Cases[name];
        var problem = ConvTranspose2dProblem.Create(options, shape);
        var random = new Random(name.Length * 31 + (int)placement);
        var (input, weight, bias) = NonFiniteData.Plant(placement, random,
            RandomData.Uniform(random, problem.InputLength), RandomData.Uniform(random, problem.WeightLength), RandomData.Uniform(random, shape.OutChannels));
        var expected = new float[problem.OutputLength];
        ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.Reference).Run(input, weight, bias, expected, shape, 1);
        var classes = OutputClassAssert.Count(expected);
        Assert.True(classes.Finite < expected.Length, $"the data of {name} {placement} must give non-finite outputs");

        var failures = new StringBuilder();
        foreach (var kernel in KernelVariants.For(options))
        {
            var buffer = OutputAssert.GuardedBuffer(expected.Length);
            kernel.Run(input, weight, bias, buffer.AsSpan(0, expected.Length), shape, 1);
            Collect(failures, expected, buffer, $"{kernel.Algorithm} Run");

            buffer = OutputAssert.GuardedBuffer(expected.Length);
            kernel.Prepare(weight, bias, shape.InChannels, shape.OutChannels).Run(input, buffer.AsSpan(0, expected.Length), shape.Batch, shape.Height, shape.Width, 2);
            Collect(failures, expected, buffer, $"{kernel.Algorithm} Prepare+Run");
        }
        Assert.True(failures.Length == 0, $"{name}, {placement}:\n{failures}");
    }

    /// <summary>The issue's minimal case, by hand: k4 s2 p1, a 2x2 input of ones, weights of one but w[0] = +Inf, no bias.
    /// Output (1, 1) is the only one tap (0, 0) reaches (from input (1, 1)): +Inf. Output (1, 3) sums taps (2, 2) of input
    /// (0, 1) and (0, 2) of input (1, 1): 2. Every other output is finite too.</summary>
    [Theory]
    [MemberData(nameof(AllAlgorithms.Data), MemberType = typeof(AllAlgorithms))]
    public void TheIssuesMinimalCaseGivesTheDefinitionsValues(ConvTranspose2dAlgorithm algorithm)
    {
        var options = new ConvTranspose2dOptions(4, 2, 1);
        var shape = new ConvTranspose2dShape(1, 1, 1, 2, 2);
        var weight = Enumerable.Repeat(1f, 16).ToArray();
        weight[0] = float.PositiveInfinity;
        float[] input = [1, 1, 1, 1];
        foreach (bool vectors in new[] { true, false })
        {
            var kernel = KernelFactory.Create(options, algorithm, vectors);
            var output = new float[16];
            kernel.Run(input, weight, [], output, shape, 1);
            var prepared = new float[16];
            kernel.Prepare(weight, [], 1, 1).Run(input, prepared, 1, 2, 2, 1);
            foreach (var result in new[] { output, prepared })
            {
                Assert.Equal(float.PositiveInfinity, result[1 * 4 + 1]);
                Assert.Equal(2f, result[1 * 4 + 3]);
                Assert.Equal(15, result.Count(float.IsFinite));
            }
        }
    }

    /// <summary>The phase kernels keep finite weights on their own fast code and give non-finite ones to the exact path.</summary>
    [Theory]
    [InlineData(ConvTranspose2dAlgorithm.PhaseDirect)]
    [InlineData(ConvTranspose2dAlgorithm.OneTap)]
    [InlineData(ConvTranspose2dAlgorithm.ChannelVectorized)]
    [InlineData(ConvTranspose2dAlgorithm.Auto)]
    public void OnlyNonFiniteWeightsTakeTheExactPath(ConvTranspose2dAlgorithm algorithm)
    {
        foreach (var options in new[] { new ConvTranspose2dOptions(4, 2, 1), new ConvTranspose2dOptions(2, 2, 0) })
        {
            var kernel = ConvTranspose2d.Create(options, algorithm);
            var weight = RandomData.Uniform(new Random(5), 16 * 8 * options.KernelHeight * options.KernelWidth);
            weight[^1] = float.MaxValue;
            Assert.IsNotType<PatchScatterPrepared>(kernel.Prepare(weight, [], 16, 8));
            foreach (float value in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
            {
                weight[weight.Length / 2] = value;
                Assert.IsType<PatchScatterPrepared>(kernel.Prepare(weight, [], 16, 8));
            }
        }
    }

    /// <summary>The generated kernels' dispatch hands every run to the dynamic kernel when the weights are not finite (a
    /// PhaseDirect prepared kernel stands in for the generated bodies, whose padded bands would multiply 0 by Inf).</summary>
    [Theory]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NaN)]
    public void GeneratedDispatchSendsNonFiniteWeightsToTheExactPath(float value)
    {
        var options = new ConvTranspose2dOptions(4, 2, 1);
        var kernel = ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.PhaseDirect);
        var shape = new ConvTranspose2dShape(1, 3, 2, 40, 40);
        var problem = ConvTranspose2dProblem.Create(options, shape);
        var random = new Random(3);
        float[] input = RandomData.Uniform(random, problem.InputLength), weight = RandomData.Uniform(random, problem.WeightLength), bias = RandomData.Uniform(random, 2);
        var finite = new GeneratedKernelDispatch(kernel, new PhaseDirectPrepared(kernel, weight, bias, 3, 2, SimdPath.IsSupported), weight, bias, 3, 2, 16);
        Assert.False(finite.UsesDynamicKernel(problem));

        weight[7] = value;
        var dispatch = new GeneratedKernelDispatch(kernel, new PhaseDirectPrepared(kernel, weight, bias, 3, 2, SimdPath.IsSupported), weight, bias, 3, 2, 16);
        Assert.True(dispatch.UsesDynamicKernel(problem));
        var expected = new float[problem.OutputLength];
        ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.Reference).Run(input, weight, bias, expected, shape, 1);
        var actual = new float[problem.OutputLength];
        dispatch.Run(input, actual, 1, 40, 40, 2);
        OutputClassAssert.SameClasses(expected, actual, "dispatch");
    }

    /// <summary>The finiteness scan finds a NaN or an infinity at every position (vector body and tail) and nothing in
    /// finite extremes: the largest float, subnormals, negative zero.</summary>
    [Fact]
    public void AllFiniteFindsEveryNonFiniteValue()
    {
        Assert.True(ExactPath.AllFinite([]));
        for (int length = 1; length <= 40; length++)
        {
            var values = new float[length];
            for (int i = 0; i < length; i++)
                values[i] = (i % 4) switch { 0 => float.MaxValue, 1 => -float.Epsilon, 2 => -0f, _ => float.MinValue };
            Assert.True(ExactPath.AllFinite(values));
            for (int at = 0; at < length; at++)
            {
                foreach (float value in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, BitConverter.Int32BitsToSingle(unchecked((int)0xFFC0_0001)) })
                {
                    float saved = values[at];
                    values[at] = value;
                    Assert.False(ExactPath.AllFinite(values), $"length {length}, {value} at {at}");
                    values[at] = saved;
                }
            }
        }
    }

    private static void Collect(StringBuilder failures, float[] expected, float[] buffer, string what)
    {
        if (OutputClassAssert.Mismatches(expected, buffer.AsSpan(0, expected.Length)) is string problem)
            failures.AppendLine($"{what}: {problem}");
        int touched = OutputAssert.GuardTouchedAt(buffer, expected.Length);
        if (touched >= 0)
            failures.AppendLine($"{what}: wrote past the output at {touched}");
    }
}
