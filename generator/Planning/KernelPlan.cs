using System.Linq;
using TConvGen.Generator.Model;

namespace TConvGen.Generator.Planning;

/// <summary>One kernel column <c>kx</c>: it feeds output columns <c>ox = Phase + sW * j</c> and reads input column <c>j + Offset</c>.</summary>
internal sealed record ColumnTap(int Kx, int Phase, int Offset);

/// <summary>One kernel row <c>ky</c> of a row phase: output row <c>oy = phase + sH * j</c> reads input row <c>j + Offset</c>.</summary>
internal sealed record RowTap(int Ky, int Offset);

/// <summary>The output rows with <c>oy % sH == Phase</c>: a dense stride-1 correlation over these kernel rows.</summary>
/// <param name="Phase">The row phase.</param>
/// <param name="Taps">The kernel rows that meet these output rows (may be empty when kH * dH &lt; sH).</param>
internal sealed record RowPhase(int Phase, EquatableArray<RowTap> Taps)
{
    /// <summary>The smallest row offset (the tap reaching furthest up), 0 without taps.</summary>
    public int MinOffset => Taps.Count == 0 ? 0 : Taps.Min(tap => tap.Offset);
}

/// <summary>A machine the bodies are blocked for.</summary>
/// <param name="Lanes">Floats per vector: 16 (Vector512), 8 (Vector256), 4 (Vector128).</param>
/// <param name="Registers">The vector registers the JIT has: 32 on ARM64 and with AVX-512, else 16.</param>
/// <param name="Fused">Whether multiply-adds are fused (one instruction, no temporary register).</param>
internal sealed record BodyTarget(int Lanes, int Registers, bool Fused);

/// <summary>How a body blocks its registers, and the machines that run it (the same bodies serve every width: they are
/// generic over it).</summary>
/// <param name="ChannelBlock">Output channels computed together by one body.</param>
/// <param name="BlockSizes">The block sizes that get a body: the register block, then its halves for a group's remaining channels.</param>
/// <param name="Vectors">Vectors per column phase and channel one body computes.</param>
/// <param name="Targets">The machines this blocking was chosen for.</param>
internal sealed record RegisterBlocking(int ChannelBlock, EquatableArray<int> BlockSizes, int Vectors, EquatableArray<BodyTarget> Targets);

/// <summary>Everything the emitter needs for one configuration, computed once from the spec.</summary>
/// <param name="Spec">The configuration.</param>
/// <param name="RowPhases">One entry per row phase, <c>sH</c> of them.</param>
/// <param name="ColumnTaps">Every kernel column, with its output phase and input offset.</param>
/// <param name="Blockings">The distinct register blockings, the one of the widest target first; every target is in one.</param>
/// <param name="FallbackReason">Why the configuration is not unrolled (the dynamic kernel runs it), or null.</param>
/// <param name="Winograd">The Winograd transforms the kernel emits for the runs Auto gives to Winograd, or null.</param>
internal sealed record KernelPlan(
    ConvSpec Spec,
    EquatableArray<RowPhase> RowPhases,
    EquatableArray<ColumnTap> ColumnTaps,
    EquatableArray<RegisterBlocking> Blockings,
    string? FallbackReason,
    WinogradPlan? Winograd = null)
{
    /// <summary>The smallest row offset over every phase (0 without taps).</summary>
    public int MinRowOffset => RowPhases.SelectMany(phase => phase.Taps).Select(tap => tap.Offset).DefaultIfEmpty(0).Min();

    /// <summary>The largest row offset over every phase (0 without taps).</summary>
    public int MaxRowOffset => RowPhases.SelectMany(phase => phase.Taps).Select(tap => tap.Offset).DefaultIfEmpty(0).Max();

    /// <summary>The smallest column offset.</summary>
    public int MinColumnOffset => ColumnTaps.Select(tap => tap.Offset).DefaultIfEmpty(0).Min();

    /// <summary>The largest column offset.</summary>
    public int MaxColumnOffset => ColumnTaps.Select(tap => tap.Offset).DefaultIfEmpty(0).Max();

    /// <summary>Zeros left of input column 0 in a packed row, so that the leftmost read is at index 0 or later.</summary>
    public int LeftPadding => System.Math.Max(0, -MinColumnOffset);

    /// <summary>The blocking that <paramref name="target"/> runs.</summary>
    public RegisterBlocking For(BodyTarget target) => Blockings.First(blocking => blocking.Targets.Contains(target));
}
