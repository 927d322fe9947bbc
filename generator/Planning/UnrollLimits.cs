using System.Collections.Generic;
using System.Linq;
using TConvGen.CompilerServices;
using TConvGen.Generator.Model;

namespace TConvGen.Generator.Planning;

/// <summary>How far the generator unrolls. Past these, code size or register pressure would cost more than unrolling saves.</summary>
internal static class UnrollLimits
{
    /// <summary>The machines a plan is blocked for, widest first, as <c>GeneratedKernelVector</c> picks them at run time:
    /// Vector512 (x64 with AVX-512, 32 registers), Vector256 with 32 registers (AVX-512 present, Vector512 not preferred) and
    /// with 16 (AVX2), Vector128 with 32 (ARM64) and with 16 (x64 without AVX2, and so without FMA).</summary>
    public static readonly BodyTarget[] Targets =
    {
        new(16, 32, Fused: true), new(8, 32, Fused: true), new(8, 16, Fused: true), new(4, 32, Fused: true), new(4, 16, Fused: false),
    };

    /// <summary>The <see cref="Targets"/> whose bodies can run for <paramref name="spec"/>: past
    /// <see cref="GeneratedBodyWidths.MaxVector512Stride"/> the Vector256 bodies run where Vector512 is preferred, so no
    /// Vector512 body is planned (it would be compiled, by Native AOT too, and never run).</summary>
    public static IReadOnlyList<BodyTarget> TargetsFor(ConvSpec spec) =>
        Targets.Where(target => target.Lanes < 16 || GeneratedBodyWidths.Vector512Runs(spec.Width.Stride)).ToList();

    /// <summary>Most positions of one column phase a body computes (vectors x lanes): rows shorter than one block go to the
    /// dynamic kernel, so wider blocks lose short rows. 64 (8 vectors) up to Vector256, as before bodies per width; 32 (2
    /// vectors) at Vector512, whose 4-vector blocks handed the 32-position rows of 128->64 32x32 k4s2p1, its batch of 8 and
    /// 32->32 32x32 k3s2p2d2 to the dynamic kernel.</summary>
    public static int MaxPositions(int lanes) => lanes >= 16 ? 32 : 64;

    /// <summary>Most taps (kernel rows of a phase x kernel columns) one output channel of a body may have.</summary>
    public const int MaxTapsPerPhase = 144;

    /// <summary>Most fused multiply-adds per input channel in one unrolled body (taps x channel block x vectors).</summary>
    public const int MaxMultiplyAddsPerBody = 512;

    /// <summary>Most accumulator vectors (channel block x column phases with taps x vectors) a body keeps in 32 registers.</summary>
    public const int MaxAccumulators = 24;

    /// <summary>Vector registers a body's inner loop may keep live (accumulators, input vectors, a broadcast weight) of a
    /// register file: all but one. The bias and the addresses are reloaded outside the inner loop, so the JIT needs no
    /// other vector register there (checked in the disassembly of 21->21 k4s2p1's 16-register body: 12 accumulators, 2
    /// inputs and the weight in ymm0-ymm15, no spill in the loop). Measured with AVX-512 off: 21->21 64x64 k4s2p1 630-730
    /// -> 540 us with a 3-channel block instead of 2, 64->3 364 -> 279 us, 128->64 32x32 2.77 -> 2.44 ms.
    /// Without fused multiply-add a multiply-add is a multiply into a temporary, then an add: one register fewer.</summary>
    public static int UsableRegisters(BodyTarget target) => target.Registers - (target.Fused ? 1 : 2);

    /// <summary>Most input vectors per column phase a body loads at once (the column block is lanes x this).</summary>
    public const int MaxVectors = 8;

    /// <summary>Largest output-channel register block.</summary>
    public const int MaxChannelBlock = 8;

    /// <summary>Largest horizontal stride: one accumulator per column phase must fit in the register budget.</summary>
    public const int MaxStrideWidth = 8;

    /// <summary>Largest vertical stride: each row phase gets its own unrolled body.</summary>
    public const int MaxStrideHeight = 8;
}
