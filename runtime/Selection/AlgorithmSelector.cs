using System;

namespace TConvGen;

/// <summary>
/// The rule behind <see cref="ConvTranspose2dAlgorithm.Auto"/>, a function of the problem and of the machine
/// (<see cref="MachineDescription"/>: the width each kernel runs, the vector registers), from side-by-side measurements of
/// the algorithms at one thread. Two hosts: figures without a mark are from a 2-core Zen 5 VM whose measured FMA peak was
/// ~117 GFLOP/s for Vector512 and Vector256 alike, at its default width unless said; figures marked [W] are from a 2-core
/// AMD EPYC VM with full-width Vector512 FMA (about twice Vector256's), median of 21-41 interleaved runs, at each width
/// held in the JIT: [512] default (Vector512 preferred, 32 registers), [256] <c>DOTNET_EnableAVX512=0</c> (Vector256, 16
/// registers: an AVX2 machine), [128] <c>DOTNET_EnableAVX2=0</c> (Vector128: SSE x64, 16 registers; ARM64's AdvSimd, with
/// 32, gets the bounds derived from its longer tiles, unmeasured). The width-dependent bounds are derived from the kernels' blocks at the machine's width
/// (ChannelVectorized's register block, PhaseDirect's tiles); Zen 4-like machines (AVX-512 present, Vector512 not
/// preferred, so PhaseDirect runs Vector256 with 32 registers while ChannelVectorized runs Vector512) get the derived
/// bounds unmeasured.
/// <list type="number">
/// <item>PatchScatter where the phase kernels would not run in bounded memory (<see cref="ExactPath.IsBounded"/>): strides
/// above 256, or dilated kernels whose taps spread far past the kernel size.</item>
/// <item>PatchScatter on a single input pixel (a latent vector) with at least 32x32 channel pairs per group: every other
/// kernel's lanes run along output positions, of which there are only kH x kW, while PatchScatter's run along the weights
/// (one pass over them): 100->512 1x1 k4s1p0 49-66 us vs ChannelVectorized 285 us, GEMM 319 us, PhaseDirect 272 us;
/// 1024->512 1x1 k4s1p0 0.97 vs 2.89 ms; 64->64 1x1 k4s1p0 3.4 vs 21 us. With padding it only ties (512->256 1x1 k4s2p1,
/// a 2x2 output: 117 vs 116 us), and from two pixels on it streams the weights once per pixel and loses (512->256 2x2
/// k4s2p1: 469 vs 225 us; 256->256 2x2 k3s1p1: 138 vs 63 us). [128] the same: 100->512 1x1 k4s1p0 71 us vs PhaseDirect
/// 368 us, GEMM 476 us, ChannelVectorized 656 us; 1024->512 1x1 1.29 vs 4.49 ms; 64->64 1x1 5.4 vs 24.5 us; 512->256 1x1
/// k4s2p1 200 vs 271 us; 512->256 2x2 k4s2p1 736 vs ChannelVectorized 628 us.</item>
/// <item>OneTap for kernel 2 x 2, stride 2, dilation 1 (every output one tap) where it runs SIMD and a row phase
/// has at least 16 positions (32 where ChannelVectorized fills a Vector512 block, 64 output channels, with a long reduction): 128->64 64x64 2.66 ms vs PhaseDirect 3.45
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
/// 246 us), so there it is not picked. [128] the same rule holds as at Vector256: 128->64 64x64 6.13-6.65 ms vs
/// ChannelVectorized 6.24-6.98, PhaseDirect 7.40-7.70 ms; 128->64 32x32 1.69 vs PhaseDirect 2.05, ChannelVectorized 2.37 ms;
/// 128->64 16x16 376 vs 383 and 469 us; 64->32 64x64 1.70 vs PhaseDirect 2.01 ms; 16->16 64x64 299 vs 321 us; 3->64 64x64
/// 503 vs 531 us; 1->1 128x128 loses (40.5 vs 35.0 us) and is not picked. Against ChannelVectorized on wide layers it is
/// mixed where the rule decides: 512->256 16x16 5.87 vs 5.90 ms (ChannelVectorized picked), 512->256 32x32 1.00x, 256->128
/// 32x32 1.03x ahead, 64x64 0.94x (OneTap picked); 512->256 8x8 1.47 vs 1.62 ms is left to ChannelVectorized (8 positions).</item>
/// <item>ChannelVectorized where it runs Vector256 or wider (Vector128: the last paragraph) and each phase reduces over at
/// least 256 products per output
/// (Cin/g x kH*kW/(sH*sW)), when every group has at least as many output channels as its register block (4 vectors with
/// 32 registers: 64 at Vector512; 2 with 16: 16 at Vector256, so there the floor of 32 below holds): 512->256 8x8 k4s2p1 2.45 ms
/// vs PhaseDirect 3.68 ms; 64->64 56x56 k3s1p1 2.16 vs 2.49 ms; 64->64 8x8 k4s2p1 83 vs 111 us; 64->64 4x4 k3s1p1 13 us vs
/// GemmCol2Im 22 us; 1024->512 4x4 k4s2p1 3.1 vs 4.2 ms; [512] 256->128 16x16 k4s2p1 1.53 vs 2.21 ms; [256] 128->64 32x32
/// k4s2p1 2.94 vs 3.74 ms, 512->256 8x8 3.06 vs 3.95 ms, 128->128 32x32 6.15 vs 8.85 ms. Below 256 products it loses
/// (128->64 64x64 k2s2p0: 3.61 vs 3.33 ms).
/// <para>Except where PhaseDirect runs Vector512 and its wide tiles (2 vectors a phase pair at stride 2, 4 a phase
/// otherwise, with 32 registers: 32 and 64 positions) fill a row phase exactly, with a reduction under 512 products, or
/// under 1024 on a row of one tile: [512] 128->64 32x32 k4s2p1 PhaseDirect 1.48-1.56 ms vs ChannelVectorized 1.77-1.87 ms
/// (0.82-0.93x in pairs), and at 2 threads 0.79x; 64->64 32x32 0.76x, 64x64 0.80-0.85x, 128x128 0.79x; 64->64 64x64
/// k3s1p1 0.87x; 128->128 32x32 0.90-0.96x. It loses on rows the tiles do not fill (128->64 36x36 1.62x, 48x48 1.14x;
/// 64->64 56x56 and 112x112 k3s1p1 1.14x, 1.13x) and with longer reductions or rows (256->128 32x32 1.05x; 128->64 64x64
/// 1.01-1.05x, 128x128 1.04-1.17x; 512->256 32x32 1.16x).</para>
/// <para>With 32 to 63 output channels, where the rule above does not hold: on rows shorter than PhaseDirect's wide tile,
/// at 32 channels or more: [512] 128->32 16x16 k4s2p1 194 vs 284 us, 8x8 46 vs 117 us (GemmCol2Im 68), 4x4 13 vs 31 us;
/// 64->32 16x16 111 vs 162 us; 32->32 32x32 k3s1p1 128 vs 148 us, 48x48 277 vs 352 us, 16x16 27 vs 56 us. From one tile on
/// PhaseDirect wins (128->32 32x32 791 vs 991 us, 48x48 0.93x; 32->32 64x64 k3s1p1 398 vs 680 us). [256] these all go to
/// ChannelVectorized (128->32 32x32 1.45 vs 1.91 ms, 16x16 374 vs 514 us; 64->32 16x16 206 vs 272 us; 32->32 32x32 k3s1p1
/// 196 vs 211 us, 64x64 777 vs 792 us). 16 channels measured mixed, so not picked: 256->16 16x16 k4s2p1 1.14x [512] and
/// 1.40x [256] faster, 16->16 16x16 k4s1p0 1.23x and 1.05x, but 32->16 16x16 k3s1p1 0.69x [256] and 48x48 0.72x [512].</para>
/// <para>With 128 to 255 products per output (32 channels or more), on rows shorter than PhaseDirect's narrow tile (1
/// vector a phase pair at stride 2, 2 a phase otherwise): [512] 32->32 k4s2p1 (128 products) 6x6 19 vs 41 us, 8x8 0.88x,
/// 12x12 0.80x, and from 16x16 on it loses (1.18-1.33x); 128->64 8x8 k2s2p0 60 vs 82 us; 128->32 12x12 k2s2p0 77 vs 92 us;
/// 32->64 8x8 k4s2p1 51 vs 64 us; 16->32 8x8 and 12x12 k3s1p1 (144 products) 6.2 vs 13 us, 9.4 vs 36 us; [256] 32->32 6x6
/// k4s2p1 23 vs 47 us, 128->32 6x6 k2s2p0 18 vs 61 us, 16->32 12x12 k3s1p1 17 vs 46 us, while 128->64 8x8 and 16x16
/// k2s2 (8 and 15 positions) stay PhaseDirect (0.71x, 0.78x). Longer rows are left to PhaseDirect although [256] measured
/// ChannelVectorized ahead on 32->32 k4s2p1 up to 32x32 (0.76-0.85x) and 32->64 8x8 (0.78x), not on 16->32 32x32 k3s1p1.</para>
/// <para>Where it runs Vector128 ([128], 16 registers, 21-41 paired runs; ARM64's 32 registers are derived from the tiles,
/// not measured) its block is 2 vectors (8 channels), so with 32 output channels and 128 products it is picked on any row
/// (PhaseDirect's stride-2 tile is one vector, 4 positions): 128->64 32x32 k4s2p1 6.38 vs PhaseDirect 7.83 ms, 64x64 23.6 vs
/// 30.6 ms; 256->128 16x16 5.84 vs GEMM 6.39 ms; 512->256 6x6 4.25 vs 5.15 ms; 128->32 8x8 181 vs 197 us, 2x2 19 vs 26 us;
/// 256->128 2x2 158 vs 201 us; 64->64 4x4 58 vs 59 us (1.07x paired), GEMM 66 us; with 128 products 32->32 6x6 29 vs 46 us, 16x16 186 vs 231 us,
/// 64x64 1.15-1.22x (one run of four 0.65x), 128x128 12.2 vs 14.6 ms, 40x40 and 48x48 mixed (0.94-0.96x in two runs,
/// 1.20-1.22x in one), 128->64 8x8 k2s2p0 98 vs 116 us, 48x48 3.45 vs 4.12 ms. Two exceptions. PhaseDirect where its wide tile
/// holds two vectors or more and fills the row phases exactly (<c>DirectFillsRowsAtVector128</c>: stride 1's 8 positions
/// with 16 registers; with 32, 8 at stride 2 and 16 at stride 1, derived), at any reduction: 64->64 k3s1p1 8x8 0.85-0.92x,
/// 16x16 0.90-0.99x, 24x24 and 32x32 1.00x, 56x56 0.98-1.00x; 128->128 8x8 0.91-0.92x, 32x32 1.00-1.02x; 256->256 8x8
/// 0.98x; 16->32 (144 products) 16x16 0.97-0.99x, 32x32 and 40x40 0.95-0.98x (24x24 mixed); there PhaseDirect beats the
/// GEMM too (64->64 8x8 k3s1p1 GEMM 1.18-1.38x ChannelVectorized's time), so the GEMM rule below leaves such rows to it.
/// On rows it does not fill ChannelVectorized wins: 64->64 4x4 1.53x, 6x6 1.18x, 12x12 1.34x, 20x20 1.27x, 28x28 1.22x,
/// 60x60 1.19x; 128->128 12x12 1.46x; 16->32 12x12 1.33x, 20x20 1.16-1.34x. And the GEMM
/// (<see cref="GemmBeatsChannelVectorizedAtVector128"/>) on row phases of at most one vector whose input fills its two-vector
/// column tile (4x4 at stride 2), with 1024 products or more into 128 output channels or more: 512->256 4x4 k4s2p1 GEMM
/// 0.90-0.94x ChannelVectorized's time, 1024->512 4x4 0.90-0.91x, 256->256 4x4 0.81-0.94x, 256->128 4x4 0.93-0.97x,
/// 256->256 4x4 k3s1p1 1.00x; not with 64 channels (256->64 4x4 0.99-1.03x, PhaseDirect 1.02-1.03x), on 2x2 (256->128: GEMM
/// 1.90x) or from 8x8 on (512->256 8x8 1.00-1.02x, 1024->512 8x8 0.98-1.02x). Left as they fall: 128->64 4x4 k4s2p1
/// PhaseDirect 0.96x in one run of two (1.08x behind in the other); 64->64 4x4 k2s2p0 (64 products) ChannelVectorized 0.82x
/// PhaseDirect's time, not picked below 128 products. Checked at two threads: 128->64 32x32 k4s2p1 1.20x, 32->32 6x6 1.60x,
/// 64->64 60x60 k3s1p1 1.12x ahead of PhaseDirect; 56x56 PhaseDirect 0.99x, 8x8 1.03x; the GEMM on 512->256 4x4 0.84x,
/// 1024->512 4x4 0.92x; OneTap 128->64 64x64 k2s2p0 1.22x and 16->16 64x64 1.06x ahead of PhaseDirect.</para></item>
/// <item>Otherwise PhaseDirect wins or ties everywhere except where its vectors would run partly empty (at Vector128 not
/// where its two-vector tile fills the rows exactly, above): at least 32x32
/// channel pairs per group, a reduction of 256 products or more, on an input so narrow that one phase of an output row is
/// shorter than the micro-kernel's narrowest tile at its width (1 vector a phase pair at stride 2, 2 vectors a phase
/// otherwise), or shorter than 16 positions at any width. There the GEMM, whose vectors run along the flattened pixels of
/// a chunk of rows, keeps them full (measured before ChannelVectorized took the widest of these: 64->64 4x4 k3s1p1 GEMM
/// 22us vs direct 42us, 1024->512 4x4 k4s2p1 4.5ms vs 7.8ms), while 16->16 4x4 k4s2p1 direct 15us vs GEMM 20us. [512]
/// 32->32 k3s1p1 GEMM 40 vs 85 us at 12x12, 49 vs 56 us at 16x16, 112 vs 189 us at 24x24, PhaseDirect from 32x32 (148 vs
/// 255 us); [256] 128->32 k4s2p1 GEMM at 8x8 104 vs 111 us, 12x12 243 vs 363 us, 16x16 486 vs 514 us; [128] 128->32 k4s2p1
/// GEMM at 6x6 174 vs 212 us, 8x8 211 vs 287 us, 12x12 482 vs 542 us, 128->8 16x16 0.86x; 32->32 k3s1p1 GEMM at 12x12
/// 0.87x, PhaseDirect from 16x16 (1.24x). With a short reduction PhaseDirect wins even on the narrowest inputs:
/// 32->32 k4s2p1 (128 products) 6x6 [512] 54 vs 87 us, [256] 71 vs 108 us, [128] 76 vs 123 us; 64->64 4x4 k2s2p0
/// (64 products) [512] 27 vs 34 us, [128] 21 vs 30 us (6x6 ties or loses slightly: 0.86x [512], 0.99x [128]).</item>
/// </list>
/// </summary>
internal static class AlgorithmSelector
{
    /// <summary>Below this many (Cin/g) x (Cout/g) channel pairs PhaseDirect wins even on narrow inputs.</summary>
    internal const int WideChannelPairs = 32 * 32;

    /// <summary>The output channels per group from which ChannelVectorized fills its Vector512 register block (4 x 16 lanes):
    /// the layers measured against OneTap and against the generated bodies.</summary>
    internal const int WideOutChannels = 64;

    /// <summary>The fewest output channels per group ChannelVectorized is picked for, at any width (16, its Vector256 block,
    /// measured mixed: see the summary).</summary>
    internal const int MinChannelVectorizedOutChannels = 32;

    /// <summary>The products per output (Cin/g x taps per phase) from which ChannelVectorized wins.</summary>
    internal const int WideReduction = 256;

    /// <summary>The products per output from which ChannelVectorized wins on rows shorter than PhaseDirect's narrow tile.</summary>
    internal const int ShortReduction = WideReduction / 2;

    /// <summary>The products per output from which ChannelVectorized wins even on a row that one of PhaseDirect's Vector512
    /// wide tiles fills exactly (from 512 on longer rows so filled).</summary>
    internal const int LongReduction = 4 * WideReduction;

    /// <summary>The fewest positions per column phase from which PhaseDirect beats the GEMM on wide channels, at any width
    /// (where PhaseDirect's narrowest tile is longer, as at Vector512 at stride 1, that tile is the bound).</summary>
    internal const int MinNarrowPhase = 16;

    /// <summary>Inputs of at most this many pixels go to PatchScatter when the channels are wide (measured: two lose).</summary>
    internal const int TinyInputPixels = 1;

    /// <summary>Whether a group has at least <see cref="WideChannelPairs"/> channel pairs: then GemmCol2Im or PatchScatter may win
    /// for some input size (Auto keeps the weights to pack them on demand).</summary>
    public static bool HasWideChannelPairs(ConvTranspose2dOptions options, int inChannels, int outChannels) =>
        ChannelPairs(options, inChannels, outChannels) >= WideChannelPairs;

    /// <summary>Input x output channel pairs per group.</summary>
    private static long ChannelPairs(ConvTranspose2dOptions options, int inChannels, int outChannels) =>
        (long)(inChannels / options.Groups) * (outChannels / options.Groups);

    /// <summary>Whether each output sums at least <paramref name="products"/> products per phase: Cin/g x kH*kW/(sH*sW).</summary>
    private static bool ReducesOver(ConvTranspose2dOptions options, int inChannels, long products) =>
        (long)(inChannels / options.Groups) * options.KernelHeight * options.KernelWidth >= products * options.StrideHeight * options.StrideWidth;

    /// <summary>The output channels of one full register block of ChannelVectorized on <paramref name="machine"/> (as
    /// <c>ChannelVectorizedWeights</c> packs them: 4 vectors with 32 registers, 2 with 16).</summary>
    private static int ChannelVectorizedBlock(MachineDescription machine) =>
        (machine.VectorRegisters >= 32 ? 4 : 2) * machine.WidthOf(ConvTranspose2dAlgorithm.ChannelVectorized).FloatsPerVector();

    /// <summary>Whether ChannelVectorized may win for these channel counts for some input size on <paramref name="machine"/>:
    /// Auto then keeps the weights to pack it.</summary>
    public static bool MayPreferChannelVectorized(ConvTranspose2dOptions options, int inChannels, int outChannels, MachineDescription machine) =>
        machine.MaySelect(ConvTranspose2dAlgorithm.ChannelVectorized)
        && outChannels / options.Groups >= MinChannelVectorizedOutChannels
        && ReducesOver(options, inChannels, ShortReduction);

    /// <summary>Whether ChannelVectorized fills its register block with these channels on <paramref name="machine"/>: then it
    /// wins for most input sizes, and Auto packs it up front.</summary>
    public static bool FillsChannelVectorizedBlock(ConvTranspose2dOptions options, int inChannels, int outChannels, MachineDescription machine) =>
        MayPreferChannelVectorized(options, inChannels, outChannels, machine) && ReducesOver(options, inChannels, WideReduction)
        && outChannels / options.Groups >= ChannelVectorizedBlock(machine);

    /// <summary>Whether ChannelVectorized fills a Vector512 block's worth of channels (<see cref="WideOutChannels"/>) with a long
    /// enough reduction: the layers the OneTap and hand-off rules were measured on.</summary>
    private static bool HasWideOutChannels(ConvTranspose2dOptions options, int inChannels, int outChannels, MachineDescription machine) =>
        FillsChannelVectorizedBlock(options, inChannels, outChannels, machine) && outChannels / options.Groups >= WideOutChannels;

    /// <summary>Whether ChannelVectorized wins for this problem on <paramref name="machine"/>: where it fills its register block,
    /// unless PhaseDirect runs Vector512 tiles that fill the rows exactly and the reduction is short; with fewer channels,
    /// where a row phase is shorter than PhaseDirect's wide tile; with a short reduction, where it is shorter than its narrow one.</summary>
    public static bool PrefersChannelVectorized(ConvTranspose2dProblem problem, MachineDescription machine)
    {
        var o = problem.Options;
        if (!MayPreferChannelVectorized(o, problem.InChannels, problem.OutChannels, machine))
            return false;
        if (machine.WidthOf(ConvTranspose2dAlgorithm.PhaseDirect) == SimdLevel.Vector128)
            return PrefersChannelVectorizedAtVector128(problem, machine);
        long phaseLength = ColumnPhaseLength(problem);
        var (narrowTile, wideTile) = DirectTile(o, machine);
        if (!ReducesOver(o, problem.InChannels, WideReduction))
            return phaseLength < narrowTile;
        if (!FillsChannelVectorizedBlock(o, problem.InChannels, problem.OutChannels, machine))
            return phaseLength < wideTile;
        // PhaseDirect's Vector512 tiles fill such rows exactly; it then wins on short reductions, and on one tile's row up to a long one.
        bool directFillsRows = machine.WidthOf(ConvTranspose2dAlgorithm.PhaseDirect) == SimdLevel.Vector512 && phaseLength % wideTile == 0;
        bool directWins = directFillsRows
            && !ReducesOver(o, problem.InChannels, phaseLength == wideTile ? LongReduction : 2 * WideReduction);
        return !directWins;
    }

    /// <summary>Where PhaseDirect (and so ChannelVectorized) runs Vector128: ChannelVectorized wherever it may (from 128
    /// products per output, on any row), except on row phases that PhaseDirect's wide tile fills exactly when that tile
    /// holds two vectors or more, and where the GEMM keeps up (<see cref="GemmBeatsChannelVectorizedAtVector128"/>).</summary>
    private static bool PrefersChannelVectorizedAtVector128(ConvTranspose2dProblem problem, MachineDescription machine) =>
        !DirectFillsRowsAtVector128(problem, machine) && !GemmBeatsChannelVectorizedAtVector128(problem, machine);

    /// <summary>Whether PhaseDirect runs Vector128 with a wide tile of two vectors or more that fills the row phases exactly:
    /// then it keeps up with ChannelVectorized and beats the GEMM even on rows shorter than <see cref="MinNarrowPhase"/>. With
    /// 16 registers that is stride 1's tile (8 positions); stride 2's is one vector and does not keep up.</summary>
    private static bool DirectFillsRowsAtVector128(ConvTranspose2dProblem problem, MachineDescription machine) =>
        machine.WidthOf(ConvTranspose2dAlgorithm.PhaseDirect) == SimdLevel.Vector128
        && DirectTileVectors(problem.Options, machine).Wide >= 2 && ColumnPhaseLength(problem) % DirectTile(problem.Options, machine).Wide == 0;

    /// <summary>Whether the GEMM beats ChannelVectorized where both run Vector128: a long reduction (<see cref="LongReduction"/>)
    /// into at least twice <see cref="WideOutChannels"/> output channels, on row phases of at most one vector while the input
    /// fills the GEMM's column tile (two vectors of flattened pixels: 4x4 inputs at stride 2; 2x2 leave it half empty).</summary>
    private static bool GemmBeatsChannelVectorizedAtVector128(ConvTranspose2dProblem problem, MachineDescription machine)
    {
        var o = problem.Options;
        var level = machine.WidthOf(ConvTranspose2dAlgorithm.GemmCol2Im);
        return HasWideChannelPairs(o, problem.InChannels, problem.OutChannels) && ReducesOver(o, problem.InChannels, LongReduction)
            && problem.OutChannelsPerGroup >= 2 * WideOutChannels
            && ColumnPhaseLength(problem) <= level.FloatsPerVector() && problem.InputPlaneLength >= GemmMicroKernels.Columns(level);
    }

    /// <summary>PhaseDirect's narrow and wide tiles along a column phase for a four-channel block, in vectors, with the
    /// machine's registers.</summary>
    private static (int Narrow, int Wide) DirectTileVectors(ConvTranspose2dOptions options, MachineDescription machine) =>
        PhaseDirectPrepared.TileVectors(options.StrideWidth == 2, PhaseDirectWeights.Block, machine.VectorRegisters);

    /// <summary>The same in positions, at the width PhaseDirect runs on <paramref name="machine"/> (one position a tile where
    /// it runs scalar).</summary>
    private static (int Narrow, int Wide) DirectTile(ConvTranspose2dOptions options, MachineDescription machine)
    {
        var (narrow, wide) = DirectTileVectors(options, machine);
        int floats = machine.WidthOf(ConvTranspose2dAlgorithm.PhaseDirect).FloatsPerVector();
        return (narrow * floats, wide * floats);
    }

    /// <summary>The row phase length from which OneTap wins (<see cref="OneTapWideRows"/> against ChannelVectorized).</summary>
    internal const int OneTapRows = 16;

    /// <summary>The row phase length from which OneTap wins where ChannelVectorized fills 64 output channels with a long
    /// enough reduction.</summary>
    internal const int OneTapWideRows = 32;

    /// <summary>The channels per group (in and out) from which Winograd wins.</summary>
    internal const int WinogradChannels = 32;

    /// <summary>Where Vector512 runs, the input channels per group up to which Winograd was measured to win (256 lost on 14x14).</summary>
    internal const int WinogradMaxInChannels512 = 128;

    /// <summary>The output side from which Winograd wins where Vector512 runs (ChannelVectorized and PhaseDirect win below).</summary>
    internal const int WinogradMinSide512 = 28;

    /// <summary>The output side from which Winograd wins below Vector512 (the smallest measured).</summary>
    internal const int WinogradMinSide = 14;

    /// <summary>Whether Winograd F(2x2,3x3) may win for some input size with these channels on <paramref name="machine"/>:
    /// a 3 x 3 stride-1 layer it computes, with at least 32 input and output channels per group, where the rules measured it
    /// (Vector256 and wider, and Vector128 without fused multiply-add; Vector128 with it, ARM64, is not measured). Measured at one thread, median of 21
    /// interleaved runs, against the best of PhaseDirect and ChannelVectorized, Winograd's time: [512] 64->64 56x56 0.60x
    /// (1.58-1.80x in other runs), 128->128 28x28 0.72x, 32->32 64x64 0.93x (0.81-0.93x), and at two threads 0.75x, 0.67x,
    /// 0.98x; but it loses on small outputs and very wide channels there, 64->64 14x14 1.19x, 32->32 16x16 1.16x, 256->256
    /// 14x14 1.22x. [256] (AVX-512 off) every one of those wins: 56x56 0.51x, 28x28 0.59x, 64x64 0.65x, 14x14 0.73x, 16x16
    /// 0.82x, 256->256 14x14 0.79x. On Zen 3 (AVX2, 16 registers; 1 / 2 threads, median of 15-21 interleaved rounds on a
    /// shared host, 128 KB strips): 56x56 0.69x / 0.71x, 28x28 0.70x / 0.60x, 64x64 0.85x / 0.83x, 64->64 28x28 0.73x /
    /// 0.79x, 64->64 16x16 0.73x / 0.67x, 14x14 0.85-1.23x / 0.98-1.07x, 32->32 16x16 0.90-1.11x / 0.91-1.04x, 256->256 14x14
    /// 0.80x / 0.87x. [128] (AVX2 off on Zen 3:
    /// SSE, no FMA, where each saved multiplication is a saved instruction) 56x56 0.61x / 0.66x, 64->64 14x14 0.66x / 0.74x,
    /// 32->32 16x16 0.72x / 0.80x.</summary>
    public static bool MayPreferWinograd(ConvTranspose2dOptions options, int inChannels, int outChannels, MachineDescription machine) =>
        MayPreferWinogradTiles(options, inChannels, outChannels, machine) || MayPreferWinogradPhases(options, inChannels, outChannels, machine);

    private static bool MayPreferWinogradTiles(ConvTranspose2dOptions options, int inChannels, int outChannels, MachineDescription machine) =>
        WinogradTiles.Supports(options) && machine.Preferred >= SimdLevel.Vector128
        && (machine.Preferred >= SimdLevel.Vector256 || !machine.FusedMultiplyAdd)
        && inChannels / options.Groups >= WinogradChannels && outChannels / options.Groups >= WinogradChannels
        && (machine.Preferred < SimdLevel.Vector512 || inChannels / options.Groups <= WinogradMaxInChannels512);

    /// <summary>Whether Winograd wins for this problem on <paramref name="machine"/>: F(2x2,3x3) (<see cref="MayPreferWinograd"/>)
    /// on an output of at least 28 x 28 where Vector512 runs and 14 x 14 below; F(3x3,2x2) on the phases of k4 s2 p1
    /// (<see cref="MayPreferWinogradPhases"/>) on an input of at least 32 x 32 (16 x 16 on Vector128 without FMA).</summary>
    public static bool PrefersWinograd(ConvTranspose2dProblem problem, MachineDescription machine)
    {
        var o = problem.Options;
        if (MayPreferWinogradPhases(o, problem.InChannels, problem.OutChannels, machine))
        {
            int inputSide = machine.Preferred == SimdLevel.Vector128 ? WinogradPhaseMinInputSide128 : WinogradPhaseMinInputSide;
            return problem.InputHeight >= inputSide && problem.InputWidth >= inputSide;
        }
        int side = machine.Preferred >= SimdLevel.Vector512 ? WinogradMinSide512 : WinogradMinSide;
        return MayPreferWinogradTiles(o, problem.InChannels, problem.OutChannels, machine)
            && problem.OutputHeight >= side && problem.OutputWidth >= side;
    }

    /// <summary>The input channels per group from which F(3x3,2x2) wins on the phases of k4 s2 p1 on Vector128 without FMA.</summary>
    internal const int WinogradPhaseMinInChannels = 32;

    /// <summary>The same where Vector512 runs (64 input channels tied or lost: 64->64 32x32 1.06x).</summary>
    internal const int WinogradPhaseMinInChannels512 = 128;

    /// <summary>The input channels per group up to which F(3x3,2x2) wins: its transformed weights are four times the layer's
    /// (16 per phase against 4 taps) and stream once per strip (512->256 lost at every width).</summary>
    internal const int WinogradPhaseMaxInChannels = 256;

    /// <summary>The output channels per group from which F(3x3,2x2) was measured to win on Vector128 without FMA.</summary>
    internal const int WinogradPhaseMinOutChannels = 16;

    /// <summary>Where Vector256 runs, F(3x3,2x2) wins where <c>64 / Cin + 64 / Cout</c> (per group) is at most this, in
    /// 256ths (2.5): the input transform's cost per tile grows with Cin and the four phases' output transforms with Cout,
    /// against a GEMM that grows with their product, so narrow layers of either side lose.</summary>
    internal const int WinogradPhaseChannelCost256 = 640;

    /// <summary>The same where Vector512 runs.</summary>
    internal const int WinogradPhaseMinOutChannels512 = 64;

    /// <summary>The input side (height and width) from which F(3x3,2x2) wins: shorter rows leave the GEMM's column blocks
    /// (one tile per six outputs of a row) mostly empty.</summary>
    internal const int WinogradPhaseMinInputSide = 32;

    /// <summary>The same on Vector128 without fused multiply-add, where the saved multiplications weigh more.</summary>
    internal const int WinogradPhaseMinInputSide128 = 16;

    /// <summary>Whether Winograd F(3x3,2x2) on the four phases of k4 s2 p1 (<see cref="WinogradPhaseTiles"/>) may win for some
    /// input size with these channels on <paramref name="machine"/>. Measured here (a 2-core AVX-512 host shared with other
    /// work, one thread, median of 11-21 interleaved runs in one process, two runs for the close ones; Winograd's time over
    /// Auto's as it chose before this rule, which ran the better of PhaseDirect and ChannelVectorized):
    /// [512] e 128->64 32x32 0.81-0.87x (1.28-1.40 ms vs 1.58-1.62), i the same at batch 8 0.78-0.81x, 128->128 32x32 0.52x
    /// (PhaseDirect 0.99x), 128->64 64x64 0.69x, 256->128 32x32 0.89x; not picked: 64->32 32x32 0.97-1.04x, 64->32 64x64
    /// 0.94-0.96x, 64->64 32x32 1.06x, 32->32 32x32 1.09-1.28x, 32->16 64x64 1.28x, and on 16x16 inputs x-pose 256->256 1.02x,
    /// 256->128 1.07x, 128->64 1.03-1.11x, 64->64 1.29x; d 512->256 8x8 2.78x (4.8 vs 1.7 ms), 1024->512 4x4 7.3x.
    /// [256] (AVX-512 off) e 0.70x, i 0.70x, 64->32 32x32 0.80x, 32->32 32x32 0.68x, 64->32 64x64 0.78x, 32->16 64x64 0.69x,
    /// 64->64 32x32 0.63x, 128->128 32x32 0.63x, 128->64 64x64 0.67x, 256->128 32x32 0.77x; not picked on 16x16: x-pose 1.16-1.19x,
    /// 256->128 1.25x, 256->16 1.03x, 128->64 0.98x, 64->64 0.91x. [128] (AVX2 off: SSE, no FMA) e 0.59x, i 0.61x, x-pose
    /// 0.90x, 256->128 16x16 0.90x, 128->64 16x16 0.88x, 256->16 16x16 0.73x, 64->32 32x32 0.72x, 32->32 32x32 0.73x, 64->32
    /// 64x64 0.63x, 32->16 64x64 0.60x; not picked: 128->64 12x12 0.98x, 256->256 12x12 1.42x, d 1.55x, 1024->512 4x4 2.29x
    /// (and 64->3 64x64 won 0.76x, but three output channels are left out). Vector128 with FMA (ARM64) is not measured and
    /// not picked. The [256] figures above came from an AVX-512 host with AVX-512 switched off, which no machine is; on an
    /// AVX2 machine (Zen 3, 16 registers; 1 / 2 threads, medians of 15-21 interleaved rounds, three or four runs, a shared
    /// host; with the 128 KB strips of <see cref="WinogradBlocking"/>) the narrow layers lose, hence
    /// <see cref="WinogradPhaseChannelCost256"/>: e 0.59-0.68x / 0.68-0.89x, 96->64 32x32 0.77x / 0.75x, 64->128 32x32 0.81x
    /// / 0.77x, 128->128 32x32 0.71x / 0.68x, 256->64 32x32 0.73x / 0.88x, 256->128 32x32 0.86x / 0.78x, 128->64 64x64
    /// 0.65x / 0.69x, i 0.80x / 0.83x, 64->64 32x32 0.81-0.95x / 0.80-0.96x, 128->32 32x32 0.80-0.97x / 0.89-1.02x; not
    /// picked: 64->32 32x32 0.79-1.04x / 1.02-1.11x (but 64->32 64x64 0.77-0.88x / 0.85-1.00x), 128->16 32x32 0.88-1.09x /
    /// 1.02-1.23x, 32->32 32x32 0.88-1.21x / 1.01-1.29x, 32->16 64x64 0.93-1.06x / 1.01-1.11x; and on 16x16 inputs 128->64
    /// 1.14x / 1.11x, x-pose 1.16x / 1.26x. Zen 4-like machines (AVX-512 present, Vector512 not preferred) get the Vector256
    /// rule unmeasured. On Zen 3 with AVX2 off (SSE, no FMA) the [128] rule holds: e 0.62x / 0.78x, 64->32 32x32 0.78x /
    /// 0.79x, 64->64 32x32 0.78x / 0.77x, 128->16 32x32 0.80x / 0.86x, 128->64 16x16 0.90x / 0.89x, x-pose 0.85x / 0.71x;
    /// 32->32 32x32 0.99x / 0.85x and 32->16 64x64 1.04x / 0.88x tie.</summary>
    public static bool MayPreferWinogradPhases(ConvTranspose2dOptions options, int inChannels, int outChannels, MachineDescription machine)
    {
        if (!WinogradPhaseTiles.Supports(options) || machine.Preferred < SimdLevel.Vector128
            || (machine.Preferred == SimdLevel.Vector128 && machine.FusedMultiplyAdd))
            return false;
        int inPerGroup = inChannels / options.Groups, outPerGroup = outChannels / options.Groups;
        if (inPerGroup > WinogradPhaseMaxInChannels || outPerGroup < 1)
            return false;
        return machine.Preferred switch
        {
            >= SimdLevel.Vector512 => inPerGroup >= WinogradPhaseMinInChannels512 && outPerGroup >= WinogradPhaseMinOutChannels512,
            // 64 / Cin + 64 / Cout <= cost / 256, in integers.
            SimdLevel.Vector256 => 256L * 64 * ((long)inPerGroup + outPerGroup) <= (long)WinogradPhaseChannelCost256 * inPerGroup * outPerGroup,
            _ => inPerGroup >= WinogradPhaseMinInChannels && outPerGroup >= WinogradPhaseMinOutChannels,
        };
    }

    /// <summary>Whether OneTap may win for some input size with these channels on <paramref name="machine"/>: Auto then prepares it.
    /// One input and one output channel per group lose below Vector512.</summary>
    public static bool MayPreferOneTap(ConvTranspose2dOptions options, int inChannels, int outChannels, MachineDescription machine) =>
        machine.MaySelect(ConvTranspose2dAlgorithm.OneTap) && OneTapPrepared.Supports(options)
        && (machine.WidthOf(ConvTranspose2dAlgorithm.OneTap) == SimdLevel.Vector512 || ChannelPairs(options, inChannels, outChannels) >= 2);

    /// <summary>Whether OneTap wins for this problem on <paramref name="machine"/>.</summary>
    public static bool PrefersOneTap(ConvTranspose2dProblem problem, MachineDescription machine)
    {
        var o = problem.Options;
        if (!MayPreferOneTap(o, problem.InChannels, problem.OutChannels, machine))
            return false;
        int phaseLength = (problem.OutputWidth + 1) / 2;
        return phaseLength >= (HasWideOutChannels(o, problem.InChannels, problem.OutChannels, machine) ? OneTapWideRows : OneTapRows);
    }

    /// <summary>The phase length below which the GEMM beats PhaseDirect on wide channels: PhaseDirect's narrowest tile at the
    /// width it runs (below it the tile runs partly empty), and at least <see cref="MinNarrowPhase"/>.</summary>
    internal static int NarrowPhase(ConvTranspose2dOptions options, MachineDescription machine) =>
        Math.Max(MinNarrowPhase, DirectTile(options, machine).Narrow);

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
        if (PrefersWinograd(problem, machine))
            return ConvTranspose2dAlgorithm.Winograd;
        if (PrefersChannelVectorized(problem, machine))
            return ConvTranspose2dAlgorithm.ChannelVectorized;
        return HasWideChannelPairs(o, problem.InChannels, problem.OutChannels) && ReducesOver(o, problem.InChannels, WideReduction)
            && ColumnPhaseLength(problem) < NarrowPhase(o, machine) && !DirectFillsRowsAtVector128(problem, machine)
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
    /// <item>a layer of horizontal stride above 2 that Auto runs with ChannelVectorized: the bodies store such phases lane by
    /// lane, ChannelVectorized stores whole vectors along the channels (quick three-width run, 1 / 2 threads, generated vs
    /// dynamic time: HiFi-GAN's 512->256 1x86 k1x16 s1x8 p0x4 2.44 vs 1.88 ms / 1.13 vs 1.02 ms at Vector512, 5.57 vs 4.32 /
    /// 2.83 vs 2.17 ms at Vector256; 256->128 1x688 4.32 vs 4.25 / 2.54 vs 2.45 ms at Vector512, 9.32 vs 8.33 / 5.49 vs 4.59 ms
    /// at Vector256);</item>
    /// <item>a layer Auto runs with Winograd (<see cref="PrefersWinograd"/>), which does fewer multiplications than any direct
    /// body can: 64->64 56x56 k3s1p1 (Winograd 0.60x the direct kernels' time at Vector512, 0.51x at Vector256); on the
    /// phases of k4 s2 p1 the same reasoning (e 128->64 32x32: Winograd 0.81-0.87x PhaseDirect's time at Vector512, 0.58x at
    /// Vector256, 0.46x at Vector128), not measured against the generated bodies. Generated k3 s1 and k4 s2 p1 kernels run
    /// those with the runtime's Winograd driver and their own unrolled transforms (<c>GeneratedKernelDispatch.UsesWinograd</c>),
    /// ahead of this rule;</item>
    /// <item>the layers <see cref="UnfusedVector128Loses"/> lists (x64 without AVX2).</item>
    /// </list>
    /// The weights' and the geometry's exact path is the caller's (it needs the weights).
    /// </summary>
    public static bool GeneratedHandsOff(ConvTranspose2dProblem problem, MachineDescription machine, int blockColumns)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(machine);
        var o = problem.Options;
        bool wideStrideOne = o.StrideHeight == 1 && o.StrideWidth == 1
            && HasWideOutChannels(o, problem.InChannels, problem.OutChannels, machine) && PrefersChannelVectorized(problem, machine);
        bool wideOneTap = machine.WidthOf(ConvTranspose2dAlgorithm.OneTap) == SimdLevel.Vector512
            && HasWideChannelPairs(o, problem.InChannels, problem.OutChannels) && PrefersOneTap(problem, machine);
        var auto = Choose(problem, machine);
        bool wideStrideChannelVectorized = o.StrideWidth > 2 && auto == ConvTranspose2dAlgorithm.ChannelVectorized;
        return ColumnPhaseLength(problem) < blockColumns || wideStrideOne || wideOneTap || wideStrideChannelVectorized
            || PrefersWinograd(problem, machine) || UnfusedVector128Loses(problem, machine, auto);
    }

    /// <summary>Positions per column phase below which the dynamic kernel wins where the bodies run unfused Vector128.</summary>
    private const int NarrowUnfusedPhaseLength = 16;

    /// <summary>Where the generated bodies run Vector128 without fused multiply-add (x64 without AVX2), a layer with fewer than
    /// 16 positions per column phase, or one Auto runs with ChannelVectorized or OneTap: the dynamic Vector128 code measured
    /// faster there (DOTNET_EnableAVX2=0, 1 thread, generated vs dynamic: 512->256 8x8 k4s2p1 7.34 vs 7.16 ms; quick
    /// three-width run, 1 / 2 threads, with ChannelVectorized: 128->64 32x32 k4s2p1 7.25 vs 5.84 ms / 4.59 vs 3.68 ms, batch 8
    /// 73.4 vs 63.9 / 37.9 vs 30.2 ms, HiFi-GAN's 128->64 1x5504 k1x4 s1x2 p0x1 13.3 vs 11.5 / 7.88 vs 7.21 ms and 64->32
    /// 1x11008 5.37 vs 4.57 / 4.82 vs 3.78 ms; with OneTap, U-Net's 128->64 64x64 k2s2p0 7.79 vs 6.65 / 4.46 vs 3.88 ms, and
    /// since the one-instruction broadcast below 128->64 64x64 k2s2p0 a tie, 1.00-1.03x).
    /// Strides 1 and 4+ were handed off too while the bodies broadcast a weight with two instructions there (vmovss,
    /// vpermilps: 16->16 64x64 k5s1p2 1.36 vs 1.07 ms, 21->21 16x16 k16s8p4 1.89 vs 1.51 ms). With one (vbroadcastss from
    /// memory, <see cref="TConvGen.CompilerServices.GeneratedKernelSimd128.Broadcast"/>), on Zen 3 with AVX2 off, dynamic over
    /// generated time, paired, two runs: at stride 1 16->16 64x64 k5s1p2 1.10-1.11x, 4->4 64x64 k3s1p1 1.31-1.35x, 32->16 64x64
    /// k3s1p1 1.04-1.05x, 8->8 64x64 k7s1p3 1.10-1.17x, 64->3 64x64 k3s1p1 1.15-1.41x; at strides 4 and 8 16->16 32x32 k8s4p2
    /// 1.16x, 21->21 16x16 k16s8p4 1.05-1.15x; at 2 and 3 fsrcnn 1.03-1.05x (0.88-0.90x before), 16->1 64x64 k9s3p4 1.10-1.12x,
    /// 8->8 64x64 k3s3p0 1.41-1.46x, 16->16 32x32 k8s2p3 1.37-1.40x, 21->21 64x64 k4s2p1 1.26-1.31x, 16->16 32x32 k12s3p4
    /// 0.94-1.03x, but 56->4 64x64 k9s3p4 0.87-0.90x. ARM64's Vector128 has both (fmla, ld1r), so this does not apply there.</summary>
    private static bool UnfusedVector128Loses(ConvTranspose2dProblem problem, MachineDescription machine, ConvTranspose2dAlgorithm auto)
    {
        if (machine.Preferred != SimdLevel.Vector128 || machine.FusedMultiplyAdd)
            return false;
        return ColumnPhaseLength(problem) < NarrowUnfusedPhaseLength
            || auto is ConvTranspose2dAlgorithm.ChannelVectorized or ConvTranspose2dAlgorithm.OneTap;
    }
}
