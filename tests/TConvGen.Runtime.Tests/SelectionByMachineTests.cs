using System;
using TConvGen;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>The selection rules as functions of the problem and of a machine description (<see cref="MachineDescription"/>):
/// what Auto picks (<see cref="AlgorithmSelector.Choose"/>) and when a generated kernel hands a run to the dynamic kernel
/// (<see cref="AlgorithmSelector.GeneratedHandsOff"/>), row by row on the kinds of machine the library runs on.</summary>
public sealed class SelectionByMachineTests
{
    /// <summary>The machines of the tables, by name: x64 with full-width AVX-512 (this host), AVX2 only, Zen 4 (AVX-512 present,
    /// Vector512 not preferred), ARM64 AdvSimd, SSE-only x64, and no SIMD at all.</summary>
    private static MachineDescription Machine(string name) => name switch
    {
        "Avx512" => new(SimdLevel.Vector512, SimdLevel.Vector512, 32, 2),
        "Avx2" => new(SimdLevel.Vector256, SimdLevel.Vector256, 16, 2),
        "Zen4" => new(SimdLevel.Vector256, SimdLevel.Vector512, 32, 2),
        "Arm64" => new(SimdLevel.Vector128, SimdLevel.Vector128, 32, 2),
        "Sse" => new(SimdLevel.Vector128, SimdLevel.Vector128, 16, 2, fusedMultiplyAdd: false),
        "Scalar" => new(SimdLevel.Portable, SimdLevel.Portable, 16, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown machine"),
    };

    private const ConvTranspose2dAlgorithm Direct = ConvTranspose2dAlgorithm.PhaseDirect;
    private const ConvTranspose2dAlgorithm Gemm = ConvTranspose2dAlgorithm.GemmCol2Im;
    private const ConvTranspose2dAlgorithm Wide = ConvTranspose2dAlgorithm.ChannelVectorized;
    private const ConvTranspose2dAlgorithm Scatter = ConvTranspose2dAlgorithm.PatchScatter;
    private const ConvTranspose2dAlgorithm OneTap = ConvTranspose2dAlgorithm.OneTap;
    private const ConvTranspose2dAlgorithm Winograd = ConvTranspose2dAlgorithm.Winograd;

    [Theory]
    // F(3x3,2x2) on the phases of k4 s2 p1: at Vector512 128 to 256 input and 64+ output channels per group; at Vector256
    // (and Zen 4) up to 256 in where 64/Cin + 64/Cout <= 2.5; both on inputs of 32x32 or more. On SSE (Vector128 without
    // FMA) 32 to 256 in and 16+ out, from 16x16.
    [InlineData(4, 2, 1, 128, 64, 32, 32, 1, "Avx512", Winograd)]
    [InlineData(4, 2, 1, 128, 64, 32, 32, 8, "Avx512", Winograd)]
    [InlineData(4, 2, 1, 256, 128, 32, 32, 1, "Avx512", Winograd)]
    [InlineData(4, 2, 1, 64, 32, 32, 32, 1, "Avx512", Direct)]
    [InlineData(4, 2, 1, 128, 32, 32, 32, 1, "Avx512", Direct)]
    [InlineData(4, 2, 1, 256, 256, 16, 16, 1, "Avx512", Wide)]
    [InlineData(4, 2, 1, 512, 256, 8, 8, 1, "Avx512", Wide)]
    [InlineData(4, 2, 1, 512, 256, 32, 32, 1, "Avx512", Wide)]
    [InlineData(4, 2, 1, 96, 64, 32, 32, 1, "Avx2", Winograd)]
    [InlineData(4, 2, 1, 64, 128, 32, 32, 1, "Avx2", Winograd)]
    [InlineData(4, 2, 1, 256, 64, 32, 32, 1, "Avx2", Winograd)]
    [InlineData(4, 2, 1, 64, 64, 32, 32, 1, "Avx2", Winograd)]
    [InlineData(4, 2, 1, 64, 32, 32, 32, 1, "Avx2", Wide)]
    [InlineData(4, 2, 1, 32, 16, 64, 64, 1, "Avx2", Direct)]
    [InlineData(4, 2, 1, 32, 16, 64, 64, 1, "Sse", Winograd)]
    [InlineData(4, 2, 1, 16, 16, 64, 64, 1, "Avx2", Direct)]
    [InlineData(4, 2, 1, 128, 64, 16, 16, 1, "Avx2", Wide)]
    [InlineData(4, 2, 1, 128, 64, 32, 32, 1, "Zen4", Winograd)]
    [InlineData(4, 2, 1, 256, 256, 16, 16, 1, "Sse", Winograd)]
    [InlineData(4, 2, 1, 128, 64, 12, 12, 1, "Sse", Wide)]
    [InlineData(4, 2, 1, 64, 3, 64, 64, 1, "Sse", Direct)]
    [InlineData(4, 2, 1, 128, 64, 32, 32, 1, "Arm64", Direct)]
    [InlineData(4, 2, 1, 128, 64, 32, 32, 1, "Scalar", Direct)]
    public void WinogradTakesThePhasesOfK4S2P1WhereMeasured(int kernel, int stride, int padding, int inChannels, int outChannels, int height, int width,
        int batch, string machine, ConvTranspose2dAlgorithm expected)
    {
        var options = new ConvTranspose2dOptions(kernel, stride, padding);
        var problem = ConvTranspose2dProblem.Create(options, new ConvTranspose2dShape(batch, inChannels, outChannels, height, width));
        Assert.Equal(expected, AlgorithmSelector.Choose(problem, Machine(machine)));
    }

    /// <summary>The PhaseDirect / ChannelVectorized rule on the rows of <see cref="AutoPicksPerMachine"/> that Winograd's phase
    /// rule now takes: it still decides for their neighbours that Winograd does not compute (the same layers at dilation 2, say).</summary>
    [Theory]
    [InlineData(4, 2, 1, 128, 32, 32, 32, "Avx2", true)]
    [InlineData(4, 2, 1, 128, 32, 16, 16, "Sse", true)]
    [InlineData(4, 2, 1, 32, 32, 64, 64, "Sse", true)]
    [InlineData(4, 2, 1, 128, 64, 32, 32, "Sse", true)]
    [InlineData(4, 2, 1, 256, 128, 32, 32, "Avx512", true)]
    [InlineData(4, 2, 1, 128, 64, 32, 32, "Zen4", true)]
    [InlineData(4, 2, 1, 128, 64, 32, 32, "Avx512", false)]
    [InlineData(3, 1, 1, 64, 64, 56, 56, "Sse", false)]
    [InlineData(3, 1, 1, 64, 64, 60, 60, "Sse", true)]
    [InlineData(4, 2, 1, 128, 64, 32, 32, "Avx2", true)]
    [InlineData(4, 2, 1, 128, 64, 128, 128, "Avx512", true)]
    [InlineData(4, 2, 1, 128, 64, 36, 36, "Avx512", true)]
    public void PhaseDirectAndChannelVectorizedBelowWinograd(int kernel, int stride, int padding, int inChannels, int outChannels, int height, int width,
        string machine, bool channelVectorized)
    {
        var options = new ConvTranspose2dOptions(kernel, stride, padding);
        var problem = ConvTranspose2dProblem.Create(options, new ConvTranspose2dShape(1, inChannels, outChannels, height, width));
        Assert.Equal(channelVectorized, AlgorithmSelector.PrefersChannelVectorized(problem, Machine(machine)));
    }

    [Theory]
    // 128->64 32x32 k4s2p1: one of PhaseDirect's Vector512 wide tiles fills each row phase (32 positions), so it beats
    // ChannelVectorized there; elsewhere ChannelVectorized (Zen 4: PhaseDirect runs Vector256; SSE: its stride-2 tile is one
    // vector), but on ARM64, whose 32 registers give PhaseDirect a two-vector stride-2 tile (8 positions) that fills the
    // rows, PhaseDirect (derived from SSE's stride-1 tile of two vectors); scalar PhaseDirect.
    [InlineData(4, 2, 1, 128, 64, 32, 32, "Avx512", Winograd)] // Winograd's phase rule (below) now takes it; the rule it tested: PhaseDirectAndChannelVectorizedBelowWinograd
    [InlineData(4, 2, 1, 128, 64, 32, 32, "Avx2", Winograd)] // Winograd's phase rule (below) now takes it; the rule it tested: PhaseDirectAndChannelVectorizedBelowWinograd
    [InlineData(4, 2, 1, 128, 64, 32, 32, "Zen4", Winograd)] // Winograd's phase rule (below) now takes it; the rule it tested: PhaseDirectAndChannelVectorizedBelowWinograd
    [InlineData(4, 2, 1, 128, 64, 32, 32, "Arm64", Direct)]
    [InlineData(4, 2, 1, 128, 64, 32, 32, "Sse", Winograd)] // Winograd's phase rule (below) now takes it; the rule it tested: PhaseDirectAndChannelVectorizedBelowWinograd
    [InlineData(4, 2, 1, 128, 64, 36, 36, "Arm64", Wide)]
    [InlineData(4, 2, 1, 128, 64, 32, 32, "Scalar", Direct)]
    // ... but not with a long reduction, nor on rows of more than one tile with a reduction of 512, nor on rows it does not fill.
    [InlineData(4, 2, 1, 256, 128, 32, 32, "Avx512", Winograd)] // Winograd's phase rule (below) now takes it; the rule it tested: PhaseDirectAndChannelVectorizedBelowWinograd
    [InlineData(4, 2, 1, 128, 64, 128, 128, "Avx512", Winograd)] // Winograd's phase rule (below) now takes it; the rule it tested: PhaseDirectAndChannelVectorizedBelowWinograd
    [InlineData(4, 2, 1, 64, 64, 128, 128, "Avx512", Direct)]
    [InlineData(4, 2, 1, 128, 64, 36, 36, "Avx512", Winograd)] // Winograd's phase rule (below) now takes it; the rule it tested: PhaseDirectAndChannelVectorizedBelowWinograd
    // 3x3 stride 1 with 32+ channels goes to Winograd from Vector256 on (below).
    [InlineData(3, 1, 1, 64, 64, 64, 64, "Avx512", Winograd)]
    [InlineData(3, 1, 1, 64, 64, 64, 64, "Avx2", Winograd)]
    [InlineData(3, 1, 1, 64, 64, 56, 56, "Avx512", Winograd)]
    // Vector128 at stride 1: PhaseDirect where its two-vector tile (8 positions with 16 registers, 4 vectors and 16 with 32)
    // fills the row phases, ChannelVectorized where it does not.
    [InlineData(3, 1, 1, 64, 64, 56, 56, "Sse", Winograd)] // Winograd's tile rule now takes it; the rule it tested: PhaseDirectAndChannelVectorizedBelowWinograd
    [InlineData(3, 1, 1, 64, 64, 60, 60, "Sse", Winograd)] // Winograd's tile rule now takes it; the rule it tested: PhaseDirectAndChannelVectorizedBelowWinograd
    [InlineData(3, 1, 1, 64, 64, 56, 56, "Arm64", Wide)]
    [InlineData(3, 1, 1, 64, 64, 64, 64, "Arm64", Direct)]
    [InlineData(3, 1, 1, 64, 64, 8, 8, "Sse", Direct)]
    [InlineData(3, 1, 1, 64, 64, 12, 12, "Sse", Wide)]
    // 32 to 63 output channels: ChannelVectorized where they fill its block (2 vectors with 16 registers, 4 with 32), else on
    // rows shorter than PhaseDirect's wide tile; 16 channels not.
    [InlineData(4, 2, 1, 128, 32, 32, 32, "Avx512", Direct)]
    [InlineData(4, 2, 1, 128, 32, 32, 32, "Avx2", Winograd)] // Winograd's phase rule (below) now takes it; the rule it tested: PhaseDirectAndChannelVectorizedBelowWinograd
    [InlineData(4, 2, 1, 128, 32, 16, 16, "Avx512", Wide)]
    [InlineData(4, 2, 1, 128, 32, 16, 16, "Zen4", Wide)]
    [InlineData(4, 2, 1, 128, 16, 16, 16, "Avx512", Direct)]
    [InlineData(4, 2, 1, 128, 32, 16, 16, "Arm64", Direct)]
    [InlineData(4, 2, 1, 128, 32, 16, 16, "Sse", Winograd)] // Winograd's phase rule (below) now takes it; the rule it tested: PhaseDirectAndChannelVectorizedBelowWinograd
    [InlineData(3, 1, 1, 32, 32, 48, 48, "Avx512", Winograd)]
    [InlineData(3, 1, 1, 32, 32, 64, 64, "Avx512", Winograd)]
    // Winograd: 3x3 stride 1 (padding 0..2), 32+ channels per group, from Vector256 on; at Vector512 on outputs of 28x28 or
    // more with at most 128 input channels (it loses on 14x14 and with 256), below Vector512 from 14x14.
    [InlineData(3, 1, 1, 128, 128, 28, 28, "Avx512", Winograd)]
    [InlineData(3, 1, 1, 64, 64, 14, 14, "Avx512", Wide)]
    [InlineData(3, 1, 1, 64, 64, 14, 14, "Avx2", Winograd)]
    [InlineData(3, 1, 1, 256, 256, 28, 28, "Avx512", Wide)]
    [InlineData(3, 1, 1, 256, 256, 14, 14, "Avx2", Winograd)]
    [InlineData(3, 1, 1, 16, 16, 64, 64, "Avx2", Direct)]
    [InlineData(3, 1, 0, 64, 64, 56, 56, "Zen4", Winograd)]
    [InlineData(3, 1, 3, 64, 64, 56, 56, "Avx512", Wide)]
    // 1024->512 4x4 k4s2p1: ChannelVectorized from Vector256 on, else the GEMM (a phase of 4 positions is shorter than
    // PhaseDirect's block; at Vector128 one vector, with a long reduction into 128 channels or more and 16 pixels that fill
    // the GEMM's tile). With 64 output channels, or on 2x2 (4 pixels), ChannelVectorized at Vector128.
    [InlineData(4, 2, 1, 1024, 512, 4, 4, "Avx512", Wide)]
    [InlineData(4, 2, 1, 1024, 512, 4, 4, "Avx2", Wide)]
    [InlineData(4, 2, 1, 1024, 512, 4, 4, "Arm64", Gemm)]
    [InlineData(4, 2, 1, 1024, 512, 4, 4, "Sse", Gemm)]
    [InlineData(4, 2, 1, 1024, 512, 4, 4, "Scalar", Gemm)]
    [InlineData(4, 2, 1, 256, 128, 4, 4, "Sse", Gemm)]
    [InlineData(4, 2, 1, 256, 64, 4, 4, "Sse", Wide)]
    [InlineData(4, 2, 1, 256, 128, 2, 2, "Sse", Wide)]
    [InlineData(4, 2, 1, 1024, 512, 8, 8, "Sse", Wide)]
    [InlineData(4, 2, 1, 1024, 512, 8, 8, "Arm64", Direct)]
    // 128->32 2x2 k4s2p1: ChannelVectorized where it runs SIMD, else the GEMM; with 8 output channels the GEMM everywhere.
    [InlineData(4, 2, 1, 128, 32, 2, 2, "Avx512", Wide)]
    [InlineData(4, 2, 1, 128, 32, 2, 2, "Avx2", Wide)]
    [InlineData(4, 2, 1, 128, 32, 2, 2, "Sse", Wide)]
    [InlineData(4, 2, 1, 128, 32, 2, 2, "Arm64", Wide)]
    [InlineData(4, 2, 1, 128, 32, 2, 2, "Scalar", Gemm)]
    [InlineData(4, 2, 1, 128, 8, 12, 12, "Avx512", Gemm)]
    [InlineData(4, 2, 1, 128, 8, 12, 12, "Avx2", Gemm)]
    [InlineData(4, 2, 1, 128, 8, 12, 12, "Arm64", Gemm)]
    [InlineData(4, 2, 1, 128, 8, 16, 16, "Arm64", Direct)]
    // 128 to 255 products an output (32->32 k4s2p1 sums 128): ChannelVectorized on rows shorter than PhaseDirect's narrow
    // tile (16 positions at Vector512, 8 at Vector256, for stride 2), else PhaseDirect; the GEMM needs 256 products. At
    // Vector128 the same rule as with longer reductions (SSE: any row at stride 2).
    [InlineData(4, 2, 1, 32, 32, 6, 6, "Avx512", Wide)]
    [InlineData(4, 2, 1, 32, 32, 6, 6, "Avx2", Wide)]
    [InlineData(4, 2, 1, 32, 32, 12, 12, "Avx512", Wide)]
    [InlineData(4, 2, 1, 32, 32, 12, 12, "Avx2", Direct)]
    [InlineData(4, 2, 1, 32, 32, 16, 16, "Avx512", Direct)]
    [InlineData(2, 2, 1, 128, 64, 16, 16, "Avx512", Wide)]
    [InlineData(2, 2, 1, 128, 64, 16, 16, "Avx2", Direct)]
    [InlineData(4, 2, 1, 32, 32, 6, 6, "Sse", Wide)]
    [InlineData(4, 2, 1, 32, 32, 64, 64, "Sse", Winograd)] // Winograd's phase rule (below) now takes it; the rule it tested: PhaseDirectAndChannelVectorizedBelowWinograd
    [InlineData(4, 2, 1, 32, 32, 6, 6, "Arm64", Wide)]
    [InlineData(4, 2, 1, 32, 32, 64, 64, "Arm64", Direct)]
    [InlineData(4, 2, 1, 32, 32, 6, 6, "Scalar", Direct)]
    // Stride 1 on ARM64: ChannelVectorized on rows PhaseDirect's 16-position tile does not fill, the GEMM only with a long
    // reduction into 128 channels or more on rows of at most 4 positions.
    [InlineData(3, 1, 1, 32, 32, 12, 12, "Arm64", Wide)]
    [InlineData(3, 1, 1, 32, 32, 16, 16, "Arm64", Direct)]
    [InlineData(3, 1, 1, 256, 256, 4, 4, "Arm64", Gemm)]
    [InlineData(3, 1, 1, 256, 256, 4, 4, "Sse", Gemm)]
    // 16->16 4x4 k4s2p1: narrow channels, PhaseDirect everywhere.
    [InlineData(4, 2, 1, 16, 16, 4, 4, "Avx512", Direct)]
    [InlineData(4, 2, 1, 16, 16, 4, 4, "Avx2", Direct)]
    [InlineData(4, 2, 1, 16, 16, 4, 4, "Arm64", Direct)]
    [InlineData(4, 2, 1, 16, 16, 4, 4, "Scalar", Direct)]
    // A latent vector: PatchScatter on every machine.
    [InlineData(4, 1, 0, 100, 512, 1, 1, "Avx512", Scatter)]
    [InlineData(4, 1, 0, 100, 512, 1, 1, "Arm64", Scatter)]
    [InlineData(4, 1, 0, 100, 512, 1, 1, "Sse", Scatter)]
    [InlineData(4, 1, 0, 100, 512, 1, 1, "Scalar", Scatter)]
    // One-tap layers: OneTap where its SIMD body runs, and for one channel pair only at Vector512 (which a Zen 4 runs too).
    [InlineData(2, 2, 0, 128, 64, 64, 64, "Avx512", OneTap)]
    [InlineData(2, 2, 0, 128, 64, 64, 64, "Avx2", OneTap)]
    [InlineData(2, 2, 0, 128, 64, 64, 64, "Zen4", OneTap)]
    [InlineData(2, 2, 0, 128, 64, 64, 64, "Arm64", OneTap)]
    [InlineData(2, 2, 0, 128, 64, 64, 64, "Sse", OneTap)]
    [InlineData(2, 2, 0, 16, 16, 64, 64, "Sse", OneTap)]
    [InlineData(2, 2, 0, 64, 64, 4, 4, "Sse", Direct)]
    [InlineData(2, 2, 0, 128, 64, 64, 64, "Scalar", Direct)]
    [InlineData(2, 2, 0, 1, 1, 128, 128, "Avx512", OneTap)]
    [InlineData(2, 2, 0, 1, 1, 128, 128, "Avx2", Direct)]
    [InlineData(2, 2, 0, 1, 1, 128, 128, "Zen4", OneTap)]
    [InlineData(2, 2, 0, 1, 1, 128, 128, "Sse", Direct)]
    // Where ChannelVectorized fills a Vector512 block with a long reduction, OneTap needs 32 positions per row phase.
    [InlineData(2, 2, 0, 512, 256, 32, 32, "Avx512", OneTap)]
    [InlineData(2, 2, 0, 512, 256, 16, 16, "Avx512", Wide)]
    [InlineData(2, 2, 0, 512, 256, 16, 16, "Avx2", Wide)]
    [InlineData(2, 2, 0, 512, 256, 16, 16, "Sse", Wide)]
    [InlineData(2, 2, 0, 512, 256, 16, 16, "Arm64", Direct)]
    // A stride the phase kernels do not run in bounded memory: PatchScatter whatever the machine.
    [InlineData(3, 300, 0, 1, 1, 2, 2, "Avx512", Scatter)]
    [InlineData(3, 300, 0, 1, 1, 2, 2, "Scalar", Scatter)]
    public void AutoPicksPerMachine(int kernel, int stride, int padding, int inChannels, int outChannels, int height, int width,
        string machine, ConvTranspose2dAlgorithm expected)
    {
        var options = new ConvTranspose2dOptions(kernel, stride, padding);
        var problem = ConvTranspose2dProblem.Create(options, new ConvTranspose2dShape(1, inChannels, outChannels, height, width));
        Assert.Equal(expected, AlgorithmSelector.Choose(problem, Machine(machine)));
    }

    [Theory]
    // c: 21->21 64x64 k4s2p1 stays generated everywhere (the bodies run every width).
    [InlineData(4, 2, 1, 1, 21, 21, 64, 16, "Avx512", false)]
    [InlineData(4, 2, 1, 1, 21, 21, 64, 8, "Avx2", false)]
    [InlineData(4, 2, 1, 1, 21, 21, 64, 8, "Zen4", false)]
    [InlineData(4, 2, 1, 1, 21, 21, 64, 8, "Arm64", false)]
    [InlineData(4, 2, 1, 1, 21, 21, 64, 4, "Sse", false)]
    // Unfused Vector128 (x64 without AVX2): rows under 16 positions per phase go dynamic; ARM64's Vector128 (fused) keeps
    // them generated. Strides 1 and 4+ stay generated there since the bodies broadcast with one instruction.
    [InlineData(3, 1, 1, 1, 16, 16, 64, 4, "Sse", false)]
    [InlineData(3, 1, 1, 1, 16, 16, 64, 4, "Arm64", false)]
    [InlineData(16, 8, 4, 1, 21, 21, 16, 4, "Sse", false)]
    [InlineData(16, 8, 4, 1, 21, 21, 16, 4, "Arm64", false)]
    [InlineData(4, 2, 1, 1, 21, 21, 12, 4, "Sse", true)]
    [InlineData(4, 2, 1, 1, 21, 21, 12, 4, "Arm64", false)]
    [InlineData(3, 3, 0, 1, 8, 8, 64, 4, "Sse", false)]
    // ... and where Auto runs ChannelVectorized (e: 128->64 32x32 k4s2p1) or OneTap (g: 128->64 64x64 k2s2p0) there.
    [InlineData(4, 2, 1, 1, 128, 64, 32, 4, "Sse", true)]
    [InlineData(4, 2, 1, 1, 128, 64, 32, 8, "Avx2", true)] // Auto runs Winograd there now (F(3x3,2x2) on the phases)
    [InlineData(2, 2, 0, 1, 128, 64, 64, 4, "Sse", true)]
    [InlineData(2, 2, 0, 1, 128, 64, 64, 8, "Avx2", false)]
    // A wide stride-1 layer goes where Auto runs ChannelVectorized on it (with 64 output channels or more: fewer are not
    // measured against the bodies).
    [InlineData(3, 1, 1, 1, 64, 64, 64, 8, "Avx2", true)]
    // ... and where Auto runs Winograd (3x3 stride 1, 32+ channels, from Vector256 on).
    [InlineData(3, 1, 1, 1, 32, 32, 56, 8, "Avx2", true)]
    [InlineData(3, 1, 1, 1, 32, 32, 56, 16, "Avx512", true)]
    [InlineData(3, 1, 1, 1, 16, 16, 56, 16, "Avx512", false)]
    [InlineData(3, 1, 1, 1, 64, 64, 56, 8, "Avx512", true)]
    [InlineData(3, 1, 1, 1, 64, 64, 56, 8, "Avx2", true)]
    [InlineData(3, 1, 1, 1, 64, 64, 56, 8, "Zen4", true)]
    // At Vector128 it follows Auto's pick on ARM64 (ChannelVectorized where PhaseDirect's 16-position tile does not fill the
    // 56-position rows); SSE's unfused Vector128 hands every stride-1 layer over anyway.
    [InlineData(3, 1, 1, 1, 64, 64, 56, 8, "Sse", true)]
    [InlineData(3, 1, 1, 1, 64, 64, 60, 8, "Sse", true)]
    [InlineData(3, 1, 1, 1, 64, 64, 56, 8, "Arm64", true)]
    [InlineData(3, 1, 1, 1, 64, 64, 56, 8, "Scalar", false)]
    // A wide one-tap layer goes where OneTap runs Vector512, and on unfused Vector128 (below).
    [InlineData(2, 2, 0, 1, 128, 64, 64, 16, "Zen4", true)]
    [InlineData(2, 2, 0, 1, 128, 64, 64, 16, "Avx2", false)]
    [InlineData(2, 2, 0, 1, 8, 8, 40, 16, "Zen4", false)]
    // Rows shorter than one column block go on every machine; d stays generated with blocks of 8.
    [InlineData(4, 2, 1, 1, 512, 256, 8, 32, "Scalar", true)]
    [InlineData(4, 2, 1, 1, 512, 256, 8, 32, "Arm64", true)]
    [InlineData(4, 2, 1, 1, 512, 256, 8, 8, "Avx512", false)]
    [InlineData(4, 2, 1, 1, 512, 256, 8, 8, "Avx2", false)]
    // Depthwise (one output channel per group) and stride 8 stay generated.
    [InlineData(4, 2, 1, 21, 21, 21, 64, 8, "Avx512", false)]
    [InlineData(16, 8, 4, 1, 21, 21, 16, 8, "Avx512", false)]
    public void GeneratedKernelsHandOffPerMachine(int kernel, int stride, int padding, int groups, int inChannels, int outChannels, int size,
        int blockColumns, string machine, bool dynamic)
    {
        var options = new ConvTranspose2dOptions(kernel, stride, padding) { Groups = groups };
        var problem = ConvTranspose2dProblem.Create(options, new ConvTranspose2dShape(1, inChannels, outChannels, size, size));
        Assert.Equal(dynamic, AlgorithmSelector.GeneratedHandsOff(problem, Machine(machine), blockColumns));
    }

    [Theory]
    // HiFi-GAN's k16 s8 layers, which Auto runs with ChannelVectorized, go where the bodies would store lane by lane;
    // its k4 s2 ones stay generated (interleaved stores) except on unfused Vector128.
    [InlineData(16, 8, 4, 512, 256, 86, 16, "Avx512", true)]
    [InlineData(16, 8, 4, 256, 128, 688, 8, "Avx2", true)]
    [InlineData(4, 2, 1, 128, 64, 5504, 8, "Avx2", false)]
    [InlineData(4, 2, 1, 128, 64, 5504, 4, "Sse", true)]
    // fcn32-like channels (21), which Auto runs with PhaseDirect, stay generated at stride 8.
    [InlineData(16, 8, 4, 21, 21, 86, 16, "Avx512", false)]
    public void GeneratedOneDimensionalLayersHandOffPerMachine(int kernel, int stride, int padding, int inChannels, int outChannels, int length,
        int blockColumns, string machine, bool dynamic)
    {
        var options = new ConvTranspose2dOptions(1) { KernelWidth = kernel, StrideWidth = stride, PaddingWidth = padding };
        var problem = ConvTranspose2dProblem.Create(options, new ConvTranspose2dShape(1, inChannels, outChannels, 1, length));
        Assert.Equal(dynamic, AlgorithmSelector.GeneratedHandsOff(problem, Machine(machine), blockColumns));
    }

    [Theory]
    [InlineData("Avx512", ConvTranspose2dAlgorithm.PhaseDirect, "Vector512", true)]
    [InlineData("Zen4", ConvTranspose2dAlgorithm.PhaseDirect, "Vector256", true)]
    [InlineData("Zen4", ConvTranspose2dAlgorithm.ChannelVectorized, "Vector256", true)]
    [InlineData("Zen4", ConvTranspose2dAlgorithm.OneTap, "Vector512", true)]
    [InlineData("Avx2", ConvTranspose2dAlgorithm.OneTap, "Vector256", true)]
    [InlineData("Arm64", ConvTranspose2dAlgorithm.GemmCol2Im, "Vector128", true)]
    [InlineData("Arm64", ConvTranspose2dAlgorithm.PatchScatter, "Vector128", true)]
    [InlineData("Sse", ConvTranspose2dAlgorithm.ChannelVectorized, "Vector128", true)]
    [InlineData("Sse", ConvTranspose2dAlgorithm.OneTap, "Vector128", true)]
    [InlineData("Scalar", ConvTranspose2dAlgorithm.PhaseDirect, "Portable", false)]
    [InlineData("Scalar", ConvTranspose2dAlgorithm.ChannelVectorized, "Portable", false)]
    public void EachAlgorithmRunsItsWidthAndIsSelectedWhereMeasured(string machine, ConvTranspose2dAlgorithm algorithm, string width, bool selected)
    {
        Assert.Equal(Enum.Parse<SimdLevel>(width), Machine(machine).WidthOf(algorithm));
        Assert.Equal(selected, Machine(machine).MaySelect(algorithm));
    }

    [Fact]
    public void TheCurrentMachineIsTheOneTheKernelsDispatchOn()
    {
        var current = MachineDescription.Current;
        Assert.Equal(SimdPath.Preferred, current.Preferred);
        Assert.Equal(SimdPath.VectorRegisters, current.VectorRegisters);
        foreach (var level in Enum.GetValues<SimdLevel>())
            Assert.Equal(SimdPath.Runs(level), current.Runs(level));
        // The widths as the factory gives them to the kernels.
        Assert.Equal(SimdPath.Best(true), current.WidthOf(ConvTranspose2dAlgorithm.ChannelVectorized));
        Assert.Equal(SimdPath.Lower(SimdLevel.Vector512), current.WidthOf(ConvTranspose2dAlgorithm.OneTap));
    }

    [Fact]
    public void ADescriptionWhosePreferredWidthDoesNotRunIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MachineDescription(SimdLevel.Vector512, SimdLevel.Vector256, 16, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MachineDescription(SimdLevel.Vector256, SimdLevel.Vector256, 0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Machine("Avx512").WidthOf(ConvTranspose2dAlgorithm.Reference));
    }
}
