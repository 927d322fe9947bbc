using System;

namespace TConvGen;

/// <summary>
/// The rule behind <see cref="ConvTranspose2dAlgorithm.Auto"/>, from side-by-side measurements of the algorithms (one
/// thread, 2-core Zen 5 VM whose measured FMA peak is ~117 GFLOP/s for Vector512 and Vector256 alike, one core often busy).
/// <list type="number">
/// <item>PatchScatter where the phase kernels would not run in bounded memory (<see cref="ExactPath.IsBounded"/>): strides
/// above 256, or dilated kernels whose taps spread far past the kernel size.</item>
/// <item>PatchScatter on a single input pixel (a latent vector) with at least 32x32 channel pairs per group: every other
/// kernel's lanes run along output positions, of which there are only kH x kW, while PatchScatter's run along the weights
/// (one pass over them): 100->512 1x1 k4s1p0 49-66 us vs ChannelVectorized 285 us, GEMM 319 us, PhaseDirect 272 us;
/// 1024->512 1x1 k4s1p0 0.97 vs 2.89 ms; 64->64 1x1 k4s1p0 3.4 vs 21 us. With padding it only ties (512->256 1x1 k4s2p1,
/// a 2x2 output: 117 vs 116 us), and from two pixels on it streams the weights once per pixel and loses (512->256 2x2
/// k4s2p1: 469 vs 225 us; 256->256 2x2 k3s1p1: 138 vs 63 us).</item>
/// <item>OneTap for kernel 2 x 2, stride 2, dilation 1 (every output one tap) where the SIMD code runs and a row phase
/// has at least 16 positions (32 when ChannelVectorized's rule below also holds): 128->64 64x64 2.66 ms vs PhaseDirect 3.45
/// ms; 64->32 256x256 13.2 vs 16.7 ms; 32->16 128x128 0.93 vs 1.10 ms; 16->16 64x64 151 vs 207 us; 3->64 64x64 130 vs 213
/// us; 1->1 128x128 9.7 vs 21.9 us; 128->64 40x40 1.21 vs 1.57 ms; 128->64 16x16 233 vs 279 us; against ChannelVectorized
/// 256->128 32x32 2.53 vs 3.53 ms, 512->256 32x32 9.9 vs 10.7 ms, 1024->512 32x32 39.7 vs 41.6 ms. It loses where rows are
/// shorter: 512->256 16x16 2.98 vs ChannelVectorized 2.89 ms, 512->256 8x8 0.92 vs 0.87 ms, 256->128 4x4 173 vs 74 us, 64->64
/// 4x4 50 vs 21 us; and on odd widths just past a multiple of 8 (128->64 33x33: 1.14 ms vs GemmCol2Im 0.99, PhaseDirect 1.24),
/// which the rule accepts as they still beat the kernel Auto would run otherwise. Where only the Vector256 body runs
/// (measured with AVX-512 off in the JIT, <c>DOTNET_EnableAVX512=0</c>, so with 16 vector registers) the same rule holds
/// (128->64 64x64 2.86 vs PhaseDirect 4.00 ms; 16->16 64x64 126 vs 157 us; 3->3 128x128 51 vs 114 us; 2->1 128x128 20 vs
/// 25 us; 64->32 16x16 48 vs 75 us and ChannelVectorized 60 us; 512->256 32x32 10.5 vs ChannelVectorized 11.1 ms) except
/// for one input and one output channel per group, where it loses on large images (1->1 256x256 72 vs 69 us, 512x512 300 vs
/// 246 us), so there it is not picked.</item>
/// <item>ChannelVectorized where the SIMD code runs, every group has at least 64 output channels (a full Vector512 register
/// block) and each phase reduces over at least 256 products per output (Cin/g x kH*kW/(sH*sW)): 512->256 8x8 k4s2p1 2.45 ms
/// vs PhaseDirect 3.68 ms; 128->64 32x32 k4s2p1 2.64 vs 2.94 ms; 64->64 56x56 k3s1p1 2.16 vs 2.49 ms; 64->64 8x8 k4s2p1
/// 83 vs 111 us; 64->64 4x4 k3s1p1 13 us vs GemmCol2Im 22 us; 1024->512 4x4 k4s2p1 3.1 vs 4.2 ms. Below 256 products it
/// loses (128->64 64x64 k2s2p0: 3.61 vs 3.33 ms), and with 32 channels or fewer it loses or ties (32->32 64x64 k3s1p1
/// 0.77 vs 0.70 ms; 16->16 32x32 k4s2p1 119 vs 102 us; 64->3 64x64 1.31 vs 0.43 ms). Its Vector256 body (AVX2 machines:
/// 6 pixels x 16 channels, 15 ymm registers), forced on the same machine, runs close to the Vector512 one and beats
/// PhaseDirect on the same shapes (512->256 8x8 2.95 vs 4.85 ms, 128->64 32x32 2.69 vs 3.16 ms, 64->64 56x56 2.23 vs
/// 2.52 ms), so the rule holds for it too; it has not been measured on a CPU without AVX-512.</item>
/// <item>Otherwise PhaseDirect wins or ties everywhere except where its vectors would run partly empty: at least 32x32
/// channel pairs per group on an input so narrow that one phase of an output row is shorter than the micro-kernel's
/// narrowest block (8 positions for stride 2, 16 otherwise). There the GEMM, whose vectors run along the flattened pixels
/// of a chunk of rows, keeps them full (measured before ChannelVectorized took the widest of these: 64->64 4x4 k3s1p1 GEMM
/// 22us vs direct 42us, 1024->512 4x4 k4s2p1 4.5ms vs 7.8ms), while 16->16 4x4 k4s2p1 direct 15us vs GEMM 20us.</item>
/// </list>
/// </summary>
internal static class AlgorithmSelector
{
    /// <summary>Below this many (Cin/g) x (Cout/g) channel pairs PhaseDirect wins even on narrow inputs.</summary>
    internal const int WideChannelPairs = 32 * 32;

    /// <summary>The output channels per group from which ChannelVectorized fills its Vector512 register block (4 x 16 lanes).</summary>
    internal const int WideOutChannels = 64;

    /// <summary>The products per output (Cin/g x taps per phase) from which ChannelVectorized wins.</summary>
    internal const int WideReduction = 256;

    /// <summary>Inputs of at most this many pixels go to PatchScatter when the channels are wide (measured: two lose).</summary>
    internal const int TinyInputPixels = 1;

    /// <summary>Whether a group has at least <see cref="WideChannelPairs"/> channel pairs: then GemmCol2Im or PatchScatter may win
    /// for some input size (Auto keeps the weights to pack them on demand).</summary>
    public static bool HasWideChannelPairs(ConvTranspose2dOptions options, int inChannels, int outChannels) =>
        ChannelPairs(options, inChannels, outChannels) >= WideChannelPairs;

    /// <summary>Input x output channel pairs per group.</summary>
    private static long ChannelPairs(ConvTranspose2dOptions options, int inChannels, int outChannels) =>
        (long)(inChannels / options.Groups) * (outChannels / options.Groups);

    /// <summary>Whether ChannelVectorized wins for these channel counts (whatever the input size) on <paramref name="machine"/>.</summary>
    public static bool PrefersChannelVectorized(ConvTranspose2dOptions options, int inChannels, int outChannels, MachineDescription machine) =>
        machine.RunsVectors(ConvTranspose2dAlgorithm.ChannelVectorized)
        && outChannels / options.Groups >= WideOutChannels
        && (long)(inChannels / options.Groups) * options.KernelHeight * options.KernelWidth
            >= (long)WideReduction * options.StrideHeight * options.StrideWidth;

    /// <summary>The row phase length from which OneTap wins (<see cref="OneTapWideRows"/> against ChannelVectorized).</summary>
    internal const int OneTapRows = 16;

    /// <summary>The row phase length from which OneTap wins where ChannelVectorized's rule holds too.</summary>
    internal const int OneTapWideRows = 32;

    /// <summary>Whether OneTap may win for some input size with these channels on <paramref name="machine"/>: Auto then prepares it.
    /// One input and one output channel per group lose below Vector512.</summary>
    public static bool MayPreferOneTap(ConvTranspose2dOptions options, int inChannels, int outChannels, MachineDescription machine) =>
        machine.RunsVectors(ConvTranspose2dAlgorithm.OneTap) && OneTapPrepared.Supports(options)
        && (machine.WidthOf(ConvTranspose2dAlgorithm.OneTap) == SimdLevel.Vector512 || ChannelPairs(options, inChannels, outChannels) >= 2);

    /// <summary>Whether OneTap wins for this problem on <paramref name="machine"/>.</summary>
    public static bool PrefersOneTap(ConvTranspose2dProblem problem, MachineDescription machine)
    {
        var o = problem.Options;
        if (!MayPreferOneTap(o, problem.InChannels, problem.OutChannels, machine))
            return false;
        int phaseLength = (problem.OutputWidth + 1) / 2;
        return phaseLength >= (PrefersChannelVectorized(o, problem.InChannels, problem.OutChannels, machine) ? OneTapWideRows : OneTapRows);
    }

    /// <summary>The phase length below which PhaseDirect's narrowest block runs partly empty.</summary>
    internal static int NarrowPhase(ConvTranspose2dOptions options) => options.StrideWidth == 2 ? 8 : 16;

    /// <summary>The algorithm Auto runs for a validated problem on <paramref name="machine"/>.</summary>
    public static ConvTranspose2dAlgorithm Choose(ConvTranspose2dProblem problem, MachineDescription machine)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(machine);
        var o = problem.Options;
        // Auto prepares nothing else for such options (ExactPath); said here too, so that no caller picks an unbounded kernel.
        if (!ExactPath.IsBounded(o))
            return ConvTranspose2dAlgorithm.PatchScatter;
        if (problem.InputPlaneLength <= TinyInputPixels && HasWideChannelPairs(o, problem.InChannels, problem.OutChannels))
            return ConvTranspose2dAlgorithm.PatchScatter;
        if (PrefersOneTap(problem, machine))
            return ConvTranspose2dAlgorithm.OneTap;
        if (PrefersChannelVectorized(o, problem.InChannels, problem.OutChannels, machine))
            return ConvTranspose2dAlgorithm.ChannelVectorized;
        return HasWideChannelPairs(o, problem.InChannels, problem.OutChannels) && ColumnPhaseLength(problem) < NarrowPhase(o)
            ? ConvTranspose2dAlgorithm.GemmCol2Im
            : ConvTranspose2dAlgorithm.PhaseDirect;
    }

    /// <summary>Output positions per column phase (the longest phase).</summary>
    private static long ColumnPhaseLength(ConvTranspose2dProblem problem) =>
        ((long)problem.OutputWidth + problem.Options.StrideWidth - 1) / problem.Options.StrideWidth;

    /// <summary>
    /// Whether a generated kernel hands a run of <paramref name="problem"/> to the dynamic kernel (Auto) on
    /// <paramref name="machine"/>, where its bodies compute <paramref name="blockColumns"/> positions of a column phase at a
    /// time. Measured on 2-core Zen 5, one thread unless said:
    /// <list type="bullet">
    /// <item>a run's output rows are shorter than one column block of the bodies, so most lanes would compute padding:
    /// 512->256 8x8 k4s2p1, phase length 8 against a 32-position block, generated 10.9 ms vs dynamic 4.6 ms; 100->512 1x1
    /// k4s1p0, 4 against 32, 1.9 ms vs 0.4 ms (and 0.05-0.07 ms since Auto runs PatchScatter there);</item>
    /// <item>a stride-1 layer wide enough for the dynamic ChannelVectorized kernel (output channels in the vector lanes):
    /// 64->64 56x56 k3s1p1 generated 2.38 ms vs 2.16 ms, and 1.30 vs 1.09 ms on two threads. At stride 2 the generated
    /// bodies match or beat it (128->64 32x32 k4s2p1 batch 8: 20.1 vs 22.6 ms), so those stay generated;</item>
    /// <item>a layer with at least 32x32 channel pairs per group that Auto runs with the dynamic OneTap kernel (kernel 2, stride
    /// 2, dilation 1 on rows wide enough, where OneTap runs Vector512): U-Net's 128->64 64x64 k2s2p0 generated 3.11 ms vs OneTap
    /// 2.61 ms, and 1.40 vs 1.28 ms on two threads. Narrower layers have not been measured against the generated bodies and
    /// stay generated, and so do layers on machines without Vector512, where OneTap's Vector256 body only ties with the
    /// 16-register generated bodies (AVX-512 off in the JIT: 128->64 64x64 k2s2p0 OneTap 3.04-3.37 ms, generated 2.80-3.11 ms);</item>
    /// <item>the layers <see cref="WiderDynamic"/> lists.</item>
    /// </list>
    /// The weights' and the geometry's exact path is the caller's (it needs the weights).
    /// </summary>
    public static bool GeneratedHandsOff(ConvTranspose2dProblem problem, MachineDescription machine, int blockColumns)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(machine);
        var o = problem.Options;
        bool wideStrideOne = o.StrideHeight == 1 && o.StrideWidth == 1
            && PrefersChannelVectorized(o, problem.InChannels, problem.OutChannels, machine);
        bool wideOneTap = machine.WidthOf(ConvTranspose2dAlgorithm.OneTap) == SimdLevel.Vector512
            && HasWideChannelPairs(o, problem.InChannels, problem.OutChannels) && PrefersOneTap(problem, machine);
        return ColumnPhaseLength(problem) < blockColumns || wideStrideOne || wideOneTap || WiderDynamic(problem, machine);
    }

    // ---- The wider-dynamic hand-off (moved unchanged from GeneratedKernelDispatch) ----

    /// <summary>Output channels per group from which the dynamic kernel's Vector512 code beats the generated Vector256 bodies
    /// where Vector512 is the preferred width (21->21 and 32->32 measured; 64->3 ties and stays generated).</summary>
    private const int WiderDynamicOutChannels = 16;

    /// <summary>Positions per column phase from which that holds (512->256 on 8x8, 8 positions, stays generated: 1.29 vs 1.46 ms).</summary>
    private const int WiderDynamicPhaseLength = 32;

    /// <summary>A layer with at least 16 output channels per group, stride 1 or 2 and rows of 32 or more positions per phase,
    /// where Vector512 is the preferred width (<c>SimdPath.Preferred</c>: its multiply-adds measured about twice as fast as
    /// Vector256's), because the dynamic kernels then run Vector512 and these bodies are Vector256 only (quick run, 226 vs 112
    /// GFLOP/s peaks, 1 thread: 21->21 64x64 k4s2p1 generated 539 us vs dynamic 363 us, 128->64 32x32 2.44 vs 1.53 ms, batch 8
    /// 22.0 vs 14.2 ms, 32->32 32x32 k3s2p2d2 201 vs 126 us). Until the generator emits bodies per width.</summary>
    private static bool WiderDynamic(ConvTranspose2dProblem problem, MachineDescription machine)
    {
        var o = problem.Options;
        long phaseLength = ColumnPhaseLength(problem);
        return machine.Preferred == SimdLevel.Vector512 && problem.OutChannelsPerGroup >= WiderDynamicOutChannels
            && o.StrideHeight <= 2 && o.StrideWidth <= 2 && phaseLength >= WiderDynamicPhaseLength;
    }

    // ---- end of the wider-dynamic hand-off ----
}
