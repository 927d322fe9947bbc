using System;
using System.Linq;
using System.Threading.Tasks;
using TConvGen;
using TConvGen.Runtime.Tests.Support;
using TConvGen.Tests.Shared;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>Auto's per-run choice (<see cref="AlgorithmSelector"/>), the GEMM branch it takes for wide channels on narrow inputs
/// and the channel-vectorised kernel it takes for wide output channels, which the random sweep's small channel counts do not reach.</summary>
public sealed class KernelAutoTests
{
    private const ConvTranspose2dAlgorithm Direct = ConvTranspose2dAlgorithm.PhaseDirect;
    private const ConvTranspose2dAlgorithm Gemm = ConvTranspose2dAlgorithm.GemmCol2Im;
    private const ConvTranspose2dAlgorithm Wide = ConvTranspose2dAlgorithm.ChannelVectorized;

    /// <summary>The pick expected on this process's machine: scalar, Vector128 with 16 registers (SSE x64: the Vector128 leg
    /// here), Vector128 with 32 (ARM64, where PhaseDirect's tiles are twice as long), or Vector256 and wider.</summary>
    private static ConvTranspose2dAlgorithm OnThisMachine(ConvTranspose2dAlgorithm scalar, ConvTranspose2dAlgorithm sse,
        ConvTranspose2dAlgorithm arm64, ConvTranspose2dAlgorithm withSimd) =>
        SimdPath.IsSupported ? withSimd
        : !SimdPath.Runs(SimdLevel.Vector128) ? scalar
        : SimdPath.VectorRegisters >= 32 ? arm64 : sse;

    [Theory]
    [InlineData(1024, 512, 4, 4, Gemm, Gemm, Gemm, Wide)]
    [InlineData(128, 64, 2, 2, Gemm, Wide, Wide, Wide)]
    [InlineData(128, 32, 2, 2, Gemm, Wide, Wide, Wide)]
    [InlineData(128, 8, 2, 2, Gemm, Gemm, Gemm, Gemm)]
    [InlineData(512, 256, 8, 8, Gemm, Wide, Direct, Wide)]
    [InlineData(256, 128, 32, 32, Direct, ConvTranspose2dAlgorithm.Winograd, Direct, ConvTranspose2dAlgorithm.Winograd)] // F(3x3,2x2) on the phases (SSE and Vector256 on)
    [InlineData(64, 64, 4, 4, Gemm, Wide, Wide, Wide)]
    [InlineData(16, 16, 4, 4, Direct, Direct, Direct, Direct)]
    [InlineData(64, 64, 8, 8, Gemm, Wide, Direct, Wide)]
    [InlineData(1, 1, 512, 512, Direct, Direct, Direct, Direct)]
    public void AutoPicksTheMeasuredWinner(int inChannels, int outChannels, int height, int width, ConvTranspose2dAlgorithm scalar,
        ConvTranspose2dAlgorithm sse, ConvTranspose2dAlgorithm arm64, ConvTranspose2dAlgorithm withSimd)
    {
        var options = new ConvTranspose2dOptions(4, 2, 1);
        var problem = ConvTranspose2dProblem.Create(options, new ConvTranspose2dShape(1, inChannels, outChannels, height, width));
        Assert.Equal(OnThisMachine(scalar, sse, arm64, withSimd), AlgorithmSelector.Choose(problem, MachineDescription.Current));
    }

    /// <summary>k4 s2 p1 with 32 input channels: F(3x3,2x2) on the phases on SSE only, where each saved multiplication is a
    /// saved instruction (its rules need 128 input channels at Vector512 and wider layers at Vector256, where PhaseDirect
    /// keeps them); ARM64 and the portable code PhaseDirect.</summary>
    [Theory]
    [InlineData(32, 64, 64, 64)]
    [InlineData(32, 32, 64, 64)]
    public void FewChannelPhaseLayersGoToWinogradOnlyOnSse(int inChannels, int outChannels, int height, int width)
    {
        var options = new ConvTranspose2dOptions(4, 2, 1);
        var problem = ConvTranspose2dProblem.Create(options, new ConvTranspose2dShape(1, inChannels, outChannels, height, width));
        var expected = OnThisMachine(Direct, ConvTranspose2dAlgorithm.Winograd, Direct, Direct);
        Assert.Equal(expected, AlgorithmSelector.Choose(problem, MachineDescription.Current));
    }

    /// <summary>From Vector256 on; at Vector128 128 products suffice, and the rows decide (PhaseDirect where its tile of two
    /// vectors or more fills them: SSE's 8 positions at stride 1, ARM64's 8 at stride 2 and 16 at stride 1).</summary>
    [Theory]
    [InlineData(2, 2, 1, 128, Wide, Direct, Direct)]
    [InlineData(3, 1, 1, 64, ConvTranspose2dAlgorithm.Winograd, Wide, ConvTranspose2dAlgorithm.Winograd)] // 3x3 stride 1 with 64 channels: Winograd from Vector256 on and on SSE
    [InlineData(3, 1, 1, 16, Direct, Wide, Direct)]
    public void ChannelVectorizedNeedsALongReduction(int kernel, int stride, int padding, int inChannels, ConvTranspose2dAlgorithm sse,
        ConvTranspose2dAlgorithm arm64, ConvTranspose2dAlgorithm withSimd)
    {
        // Dilation 2 keeps kernel 2, stride 2 out of OneTap's rule.
        var options = new ConvTranspose2dOptions(kernel, stride, padding) { Dilation = kernel == 2 ? 2 : 1 };
        var problem = ConvTranspose2dProblem.Create(options, new ConvTranspose2dShape(1, inChannels, 64, 56, 56));
        Assert.Equal(OnThisMachine(Direct, sse, arm64, withSimd), AlgorithmSelector.Choose(problem, MachineDescription.Current));
    }

    [Theory]
    [InlineData(100, 512, 1, 1, ConvTranspose2dAlgorithm.PatchScatter)]
    [InlineData(32, 32, 1, 1, ConvTranspose2dAlgorithm.PatchScatter)]
    [InlineData(16, 8, 1, 1, ConvTranspose2dAlgorithm.PhaseDirect)]
    [InlineData(100, 512, 1, 2, ConvTranspose2dAlgorithm.ChannelVectorized)]
    public void AutoRunsPatchScatterOnASinglePixelOfWideChannels(int inChannels, int outChannels, int height, int width, ConvTranspose2dAlgorithm expectedWithSimd)
    {
        var options = new ConvTranspose2dOptions(4, 1, 0);
        var shape = new ConvTranspose2dShape(1, inChannels, outChannels, height, width);
        var problem = ConvTranspose2dProblem.Create(options, shape);
        var expected = SimdPath.Runs(SimdLevel.Vector128) || expectedWithSimd != ConvTranspose2dAlgorithm.ChannelVectorized ? expectedWithSimd : ConvTranspose2dAlgorithm.GemmCol2Im;
        Assert.Equal(expected, AlgorithmSelector.Choose(problem, MachineDescription.Current));
        var prepared = (AutoPreparedConvTranspose2d)ConvTranspose2d.Create(options).Prepare(new float[problem.WeightLength], [], inChannels, outChannels);
        Assert.Equal(expected == ConvTranspose2dAlgorithm.PatchScatter, prepared.Select(problem).Kernel.Algorithm.StartsWith("PatchScatter", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(128, 64, 64, 64, 0, ConvTranspose2dAlgorithm.OneTap)]
    [InlineData(512, 256, 32, 32, 0, ConvTranspose2dAlgorithm.OneTap)]
    [InlineData(512, 256, 20, 20, 0, ConvTranspose2dAlgorithm.ChannelVectorized)]
    [InlineData(8, 64, 16, 17, 1, ConvTranspose2dAlgorithm.OneTap)]
    [InlineData(8, 64, 16, 16, 1, ConvTranspose2dAlgorithm.PhaseDirect)]
    [InlineData(256, 8, 4, 4, 0, ConvTranspose2dAlgorithm.GemmCol2Im)]
    [InlineData(16, 16, 4, 4, 0, ConvTranspose2dAlgorithm.PhaseDirect)]
    [InlineData(1, 1, 128, 128, 0, ConvTranspose2dAlgorithm.OneTap)]
    [InlineData(2, 1, 128, 128, 0, ConvTranspose2dAlgorithm.OneTap)]
    public void OneTapLayersRunOneTapOnWideEnoughRows(int inChannels, int outChannels, int height, int width, int padding,
        ConvTranspose2dAlgorithm expectedWithVector512)
    {
        var options = new ConvTranspose2dOptions(2, 2, padding);
        var problem = ConvTranspose2dProblem.Create(options, new ConvTranspose2dShape(1, inChannels, outChannels, height, width));
        var withoutOneTap = new ConvTranspose2dOptions(2, 2, padding) { Dilation = 2 };
        var fallback = AlgorithmSelector.Choose(ConvTranspose2dProblem.Create(withoutOneTap, new ConvTranspose2dShape(1, inChannels, outChannels, height, width)), MachineDescription.Current);
        // Where only the Vector256 or Vector128 body runs, the rule is the same but for one input and one output channel per group.
        var expected = !SimdPath.Runs(SimdLevel.Vector128) ? fallback
            : SimdPath.IsVector512Supported || inChannels * outChannels >= 2 ? expectedWithVector512
            : fallback;
        Assert.Equal(expected, AlgorithmSelector.Choose(problem, MachineDescription.Current));
    }

    [Fact]
    public void AutoOnAOneTapLayerRunsOneTapOrItsFallbackAndMatchesTheReference()
    {
        var options = new ConvTranspose2dOptions(2, 2, 0);
        var random = new Random(3);
        var weight = RandomData.Uniform(random, 96 * 64 * 4);
        var bias = RandomData.Uniform(random, 64);
        var prepared = (AutoPreparedConvTranspose2d)ConvTranspose2d.Create(options).Prepare(weight, bias, 96, 64);
        // A wide input (OneTap where the SIMD code runs) and a narrow one (ChannelVectorized or GemmCol2Im, packed on first use).
        foreach (var (height, width) in new[] { (20, 40), (3, 4), (20, 40) })
        {
            var shape = new ConvTranspose2dShape(2, 96, 64, height, width);
            var problem = ConvTranspose2dProblem.Create(options, shape);
            float[] input = RandomData.Uniform(random, problem.InputLength);
            var expected = new float[problem.OutputLength];
            ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.Reference).Run(input, weight, bias, expected, shape);
            Assert.Equal(AlgorithmSelector.Choose(problem, MachineDescription.Current) == ConvTranspose2dAlgorithm.OneTap, prepared.Select(problem).Kernel.Algorithm.StartsWith("OneTap", StringComparison.Ordinal));
            var output = new float[problem.OutputLength];
            prepared.Run(input, output, shape.Batch, height, width, 2);
            float scale = Math.Max(1f, expected.Max(Math.Abs));
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(expected[i] - output[i]) <= 1e-5 * scale, $"{height}x{width} [{i}] expected {expected[i]} got {output[i]}");
        }
    }

    [Fact]
    public void AutoOnWideChannelsRunsTheChannelVectorizedKernel()
    {
        var options = new ConvTranspose2dOptions(4, 2, 1);
        var shape = new ConvTranspose2dShape(1, 128, 64, 5, 6);
        var problem = ConvTranspose2dProblem.Create(options, shape);
        var random = new Random(11);
        float[] input = RandomData.Uniform(random, problem.InputLength), weight = RandomData.Uniform(random, problem.WeightLength), bias = RandomData.Uniform(random, shape.OutChannels);
        var expected = new float[problem.OutputLength];
        ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.Reference).Run(input, weight, bias, expected, shape);

        var prepared = (AutoPreparedConvTranspose2d)ConvTranspose2d.Create(options).Prepare(weight, bias, shape.InChannels, shape.OutChannels);
        string chosen = prepared.Select(problem).Kernel.Algorithm;
        Assert.StartsWith(SimdPath.Runs(SimdLevel.Vector128) ? "ChannelVectorized" : "GemmCol2Im", chosen, StringComparison.Ordinal);
        var output = new float[problem.OutputLength];
        prepared.Run(input, output, shape.Batch, shape.Height, shape.Width, 2);
        float scale = Math.Max(1f, expected.Max(Math.Abs));
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - output[i]) <= 1e-5 * scale, $"[{i}] expected {expected[i]} got {output[i]}");
    }

    [Fact]
    public void AutoOnWideChannelsAndANarrowInputRunsTheGemmAndMatchesTheReference()
    {
        var options = new ConvTranspose2dOptions(4, 2, 1) { OutputPadding = 1 };
        var shape = new ConvTranspose2dShape(2, 128, 8, 2, 3);
        var problem = ConvTranspose2dProblem.Create(options, shape);
        var random = new Random(7);
        float[] input = RandomData.Uniform(random, problem.InputLength), weight = RandomData.Uniform(random, problem.WeightLength), bias = RandomData.Uniform(random, shape.OutChannels);
        var expected = new float[problem.OutputLength];
        ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.Reference).Run(input, weight, bias, expected, shape);

        var prepared = (AutoPreparedConvTranspose2d)ConvTranspose2d.Create(options).Prepare(weight, bias, shape.InChannels, shape.OutChannels);
        Assert.StartsWith("GemmCol2Im", prepared.Select(problem).Kernel.Algorithm, StringComparison.Ordinal);
        // Concurrent first runs race to pack the GEMM weights; every run must still be right.
        var outputs = Enumerable.Range(0, 4).Select(_ => new float[problem.OutputLength]).ToArray();
        Parallel.For(0, outputs.Length, i => prepared.Run(input, outputs[i], shape.Batch, shape.Height, shape.Width, 1 + i % 2));
        float scale = Math.Max(1f, expected.Max(Math.Abs));
        foreach (var output in outputs)
        {
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(expected[i] - output[i]) <= 1e-5 * scale, $"[{i}] expected {expected[i]} got {output[i]}");
        }
    }
}
