using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using TConvGen;
using TConvGen.Runtime.Tests.Support;
using TConvGen.Tests.Shared;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>
/// The fused activation: every algorithm at every SIMD width (and its portable code), with every activation, gives the
/// activation of its own sums and equals the Reference with the same options (which activates its double sums; see
/// <see cref="ActivatedOutputCheck"/>), with one-shot <c>Run</c> and <c>Prepare</c> + <c>Run</c>, on one and on several threads.
/// The kernels that activate in their stores (PhaseDirect, ChannelVectorized, OneTap, Winograd) are also run at every row
/// length around their tiles, where stores go through scratch buffers; sigmoid would show an
/// output activated twice or not at all.
/// </summary>
public sealed class ActivationTests
{
    /// <summary>The geometries: k4s2p1 (batch 2, odd width), k3s1p1 with 32 channels (Winograd's), k2s2 with output
    /// padding (OneTap, its bias-only rows), k16s8p4 on one row, groups with dilation, k &lt; s (PhaseDirect's bias-only rows),
    /// and 128 -> 64 for the wide channel blocks.</summary>
    private static readonly Dictionary<string, (ConvTranspose2dOptions Options, ConvTranspose2dShape Shape)> Cases = new()
    {
        ["k4s2p1 5->6 7x13 batch 2"] = (new(4, 2, 1), new(2, 5, 6, 7, 13)),
        ["k3s1p1 32->32 9x11"] = (new(3, 1, 1), new(1, 32, 32, 9, 11)),
        ["k2s2 op1 3->5 7x9"] = (new(2, 2, 0) { OutputPadding = 1 }, new(1, 3, 5, 7, 9)),
        ["k2s2p1 16->7 5x37"] = (new(2, 2, 1), new(1, 16, 7, 5, 37)),
        ["k16s8p4 2->3 1x5"] = (new(16, 8, 4), new(1, 2, 3, 1, 5)),
        ["k3s2p1 d2 op1 groups 2 6->4 6x5"] = (new(3, 2, 1) { Dilation = 2, OutputPadding = 1, Groups = 2 }, new(1, 6, 4, 6, 5)),
        ["k2s3 4->5 3x7"] = (new(2, 3, 0), new(1, 4, 5, 3, 7)),
        ["k4s2p1 128->64 3x5"] = (new(4, 2, 1), new(1, 128, 64, 3, 5)),
    };

    public static TheoryData<string, ConvTransposeActivation, float> CasesAndActivations()
    {
        var data = new TheoryData<string, ConvTransposeActivation, float>();
        foreach (string name in Cases.Keys)
        foreach (var (activation, slope) in Activations.All)
            data.Add(name, activation, slope);
        return data;
    }

    [Theory]
    [MemberData(nameof(CasesAndActivations))]
    public void EveryKernelMatchesTheReference(string name, ConvTransposeActivation activation, float slope)
    {
        var (geometry, shape) = Cases[name];
        var options = geometry.With(activation, slope);
        var data = Data(options, shape, seed: name.Length * 13 + (int)activation);
        var expected = Reference(options, shape, data);
        var plainExpected = Reference(geometry, shape, data);
        AssertTheActivationMatters(plainExpected, expected, activation);

        var failures = new StringBuilder();
        var plainKernels = KernelVariants.For(geometry).ToArray();
        var kernels = KernelVariants.For(options).ToArray();
        Assert.Equal(plainKernels.Select(k => k.Algorithm), kernels.Select(k => k.Algorithm));
        for (int k = 0; k < kernels.Length; k++)
        {
            var kernel = kernels[k];
            var plain = new float[expected.Length];
            plainKernels[k].Run(data.Input, data.Weight, data.Bias, plain, shape, 1);

            var buffer = OutputAssert.GuardedBuffer(expected.Length);
            kernel.Run(data.Input, data.Weight, data.Bias, buffer.AsSpan(0, expected.Length), shape, 1);
            Collect(failures, plainExpected, expected, plain, buffer, options, $"{kernel.Algorithm} Run");

            buffer = OutputAssert.GuardedBuffer(expected.Length);
            kernel.Prepare(data.Weight, data.Bias, shape.InChannels, shape.OutChannels).Run(data.Input, buffer.AsSpan(0, expected.Length),
                shape.Batch, shape.Height, shape.Width, 2);
            Collect(failures, plainExpected, expected, plain, buffer, options, $"{kernel.Algorithm} Prepare+Run");
        }
        Assert.True(failures.Length == 0, $"{options} on {name}:\n{failures}");
    }

    /// <summary>The kernels that activate in their stores, at every width they run and their portable code, for every row length
    /// from 1 to past the widest tile: full tiles stored in place, short ones through the scratch, tails. Sigmoid is applied
    /// after a micro-kernel's stores, LeakyReLU in them.</summary>
    [Theory]
    [InlineData(ConvTransposeActivation.Sigmoid, 0.01f)]
    [InlineData(ConvTransposeActivation.LeakyRelu, -0.5f)]
    [InlineData(ConvTransposeActivation.Silu, 0.01f)]
    public void FusedKernelsMatchTheReferenceAtEveryRowLength(ConvTransposeActivation activation, float slope)
    {
        var levels = VectorLevels.Running.Append(SimdLevel.Portable).ToArray();
        var configurations = new (string Name, ConvTranspose2dOptions Options, int InChannels, int OutChannels,
            Func<ConvTranspose2dOptions, IEnumerable<ConvTranspose2d>> Kernels)[]
        {
            ("PhaseDirect k4s2p1 (pairs)", new(4, 2, 1), 3, 6, o => levels.Select(l => (ConvTranspose2d)new PhaseDirectConvTranspose2d(o, l))),
            ("PhaseDirect k3s1p1", new(3, 1, 1), 2, 5, o => levels.Select(l => (ConvTranspose2d)new PhaseDirectConvTranspose2d(o, l))),
            ("PhaseDirect k3s3p0 one channel", new(3, 3, 0), 2, 1, o => levels.Select(l => (ConvTranspose2d)new PhaseDirectConvTranspose2d(o, l))),
            ("ChannelVectorized k4s2p1", new(4, 2, 1), 4, 20, o => levels.Select(l => (ConvTranspose2d)new ChannelVectorizedConvTranspose2d(o, l))),
            ("OneTap k2s2 op1", new(2, 2, 0) { OutputPadding = 1 }, 3, 7,
                o => levels.SelectMany(l => new ConvTranspose2d[] { new OneTapConvTranspose2d(o, l), new OneTapConvTranspose2d(o, l, narrowBlock: true) })),
            ("Winograd k3s1p1", new(3, 1, 1), 4, 9, o => levels.Select(l => (ConvTranspose2d)new WinogradConvTranspose2d(o, l))),
        };
        var failures = new StringBuilder();
        foreach (var configuration in configurations)
        {
            var options = configuration.Options.With(activation, slope);
            var kernels = configuration.Kernels(options).ToArray();
            var plainKernels = configuration.Kernels(configuration.Options).ToArray();
            for (int width = 1; width <= 70; width++)
            {
                var shape = new ConvTranspose2dShape(1, configuration.InChannels, configuration.OutChannels, 2, width);
                var data = Data(options, shape, seed: width);
                var expected = Reference(options, shape, data);
                var plainExpected = Reference(configuration.Options, shape, data);
                for (int k = 0; k < kernels.Length; k++)
                {
                    var plain = new float[expected.Length];
                    plainKernels[k].Prepare(data.Weight, data.Bias, shape.InChannels, shape.OutChannels).Run(data.Input, plain, 1, 2, width, 1);
                    var buffer = OutputAssert.GuardedBuffer(expected.Length);
                    var prepared = kernels[k].Prepare(data.Weight, data.Bias, shape.InChannels, shape.OutChannels);
                    prepared.Run(data.Input, buffer.AsSpan(0, expected.Length), 1, 2, width, 1);
                    Collect(failures, plainExpected, expected, plain, buffer, options, $"{configuration.Name}, {kernels[k].Algorithm}, input width {width}");
                }
            }
        }
        Assert.True(failures.Length == 0, $"{activation} ({slope}):\n{failures}");
    }

    /// <summary>Problems large enough to be split into tiles over threads: every tile is activated once.</summary>
    [Theory]
    [InlineData(ConvTransposeActivation.Silu, 0.01f)]
    [InlineData(ConvTransposeActivation.LeakyRelu, 0.2f)]
    [InlineData(ConvTransposeActivation.Tanh, 0.01f)]
    public void EveryAlgorithmMatchesTheReferenceOnSeveralThreads(ConvTransposeActivation activation, float slope)
    {
        var cases = new (ConvTranspose2dOptions Options, ConvTranspose2dShape Shape)[]
        {
            (new(3, 1, 1), new(2, 32, 40, 16, 18)),
            (new(4, 2, 1), new(1, 24, 32, 16, 15)),
            (new(2, 2, 0), new(1, 16, 30, 17, 20)),
        };
        foreach (var (geometry, shape) in cases)
        {
            var options = geometry.With(activation, slope);
            var data = Data(options, shape, seed: shape.Width);
            var expected = Reference(options, shape, data);
            var plainExpected = Reference(geometry, shape, data);
            var failures = new StringBuilder();
            foreach (var algorithm in Enum.GetValues<ConvTranspose2dAlgorithm>())
            {
                var kernel = ConvTranspose2d.Create(options, algorithm).Prepare(data.Weight, data.Bias, shape.InChannels, shape.OutChannels);
                var plainKernel = ConvTranspose2d.Create(geometry, algorithm).Prepare(data.Weight, data.Bias, shape.InChannels, shape.OutChannels);
                foreach (int threads in new[] { 2, -1 })
                {
                    var plain = new float[expected.Length];
                    plainKernel.Run(data.Input, plain, shape.Batch, shape.Height, shape.Width, threads);
                    var buffer = OutputAssert.GuardedBuffer(expected.Length);
                    kernel.Run(data.Input, buffer.AsSpan(0, expected.Length), shape.Batch, shape.Height, shape.Width, threads);
                    Collect(failures, plainExpected, expected, plain, buffer, options, $"{algorithm}, {threads} threads");
                }
            }
            Assert.True(failures.Length == 0, $"{options} on {shape}:\n{failures}");
        }
    }

    /// <summary>Input, weights and bias: the input spans [-3, 3) so that outputs reach past ReLU6's 6 and into sigmoid's flat ends.</summary>
    internal static (float[] Input, float[] Weight, float[] Bias) Data(ConvTranspose2dOptions options, ConvTranspose2dShape shape, int seed)
    {
        var problem = ConvTranspose2dProblem.Create(options, shape);
        var random = new Random(seed);
        var input = RandomData.Uniform(random, problem.InputLength).Select(x => 3 * x).ToArray();
        return (input, RandomData.Uniform(random, problem.WeightLength), RandomData.Uniform(random, shape.OutChannels));
    }

    internal static float[] Reference(ConvTranspose2dOptions options, ConvTranspose2dShape shape, (float[] Input, float[] Weight, float[] Bias) data)
    {
        var expected = new float[ConvTranspose2dProblem.Create(options, shape).OutputLength];
        ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.Reference).Run(data.Input, data.Weight, data.Bias, expected, shape, 1);
        return expected;
    }

    /// <summary>The data reach both signs (so every activation changes some outputs), and the activated reference differs from
    /// the plain one unless the activation is None: a kernel that skipped it would fail.</summary>
    private static void AssertTheActivationMatters(float[] plain, float[] expected, ConvTransposeActivation activation)
    {
        Assert.True(plain.Any(v => v < 0) && plain.Any(v => v > 0), "the data must give outputs of both signs");
        if (activation != ConvTransposeActivation.None)
            Assert.False(OutputDifference.Between(plain, expected).IsClose, $"{activation} must change the outputs");
    }

    private static void Collect(StringBuilder failures, float[] plainExpected, float[] expected, float[] plain, float[] buffer, ConvTranspose2dOptions options,
        string what)
    {
        if (ActivatedOutputCheck.Failure(plainExpected, expected, plain, buffer.AsSpan(0, expected.Length), options.Activation,
            options.ActivationSlope) is { } failure)
            failures.AppendLine($"{what}: {failure}");
        int touched = OutputAssert.GuardTouchedAt(buffer, expected.Length);
        if (touched >= 0)
            failures.AppendLine($"{what}: wrote past the output, at index {touched}");
    }
}
