namespace TConvGen.Bench.Implementations;

/// <summary>What oneDNN's verbose output said in one libtorch run: the ISA it runs at most (its cap, or the CPU's) and
/// the (de)convolution implementations it ran (e.g. <c>conv:any+jit:avx512_core</c>); each null if not printed.</summary>
internal sealed record OneDnnReport(string? Isa, string? Implementation);
