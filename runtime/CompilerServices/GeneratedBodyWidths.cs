namespace TConvGen.CompilerServices;

/// <summary>
/// Which vector widths a generated kernel's bodies can run, as a function of its horizontal stride alone, written once:
/// <c>GeneratedKernelVector</c> picks the width by it at run time, and the generator, which compiles this file too
/// (netstandard2.0), emits no body for a width that never runs (the stride is known at compile time).
/// </summary>
internal static class GeneratedBodyWidths
{
    /// <summary>The widest horizontal stride at which the Vector512 bodies run where Vector512 is preferred. Past it a body
    /// stores each phase lane by lane, 16 lanes a vector, and that costs more than the wider multiply-adds save, so the
    /// Vector256 bodies run (quick runs, 1 thread, AVX-512 host with full-width FMA, Vector512 bodies against Vector256 ones
    /// forced with <c>DOTNET_PreferredVectorBitWidth=256</c>: 21->21 16x16 k16s8p4 0.95-1.06 ms vs 0.62 ms; at stride 3
    /// Vector512 still wins, 56->1 64x64 k9s3p4 327 vs 385 us).</summary>
    public const int MaxVector512Stride = 3;

    /// <summary>Whether Vector512 bodies can run for horizontal stride <paramref name="strideWidth"/> on any machine.</summary>
    public static bool Vector512Runs(int strideWidth) => strideWidth <= MaxVector512Stride;
}
