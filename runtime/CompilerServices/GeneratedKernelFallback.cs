using System;
using System.ComponentModel;

namespace TConvGen.CompilerServices;

/// <summary>
/// Building block for generated kernels: what a <c>[ConvTranspose]</c> method returns where its unrolled bodies do not run
/// (a configuration too large to unroll, or a machine without the SIMD they need). It runs the dynamic kernel
/// (<see cref="ConvTranspose2d.Create(ConvTranspose2dOptions)"/>) and still accepts only the channel counts the kernel was
/// generated for. Not meant to be called by user code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GeneratedKernelFallback : ConvTranspose2d
{
    private readonly ConvTranspose2d _dynamic;
    private readonly int _inChannels;
    private readonly int _outChannels;

    /// <summary>The dynamic kernel for <paramref name="options"/>, restricted to the specialised channel counts.</summary>
    /// <param name="options">The attribute's configuration.</param>
    /// <param name="inChannels">The attribute's <c>InChannels</c>, or 0 for any.</param>
    /// <param name="outChannels">The attribute's <c>OutChannels</c>, or 0 for any.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its legal range, or a count is negative.</exception>
    public GeneratedKernelFallback(ConvTranspose2dOptions options, int inChannels, int outChannels) : base(options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inChannels);
        ArgumentOutOfRangeException.ThrowIfNegative(outChannels);
        _dynamic = Create(Options);
        _inChannels = inChannels;
        _outChannels = outChannels;
    }

    /// <inheritdoc />
    public override string Algorithm => _dynamic.Algorithm;

    /// <inheritdoc />
    protected override PreparedConvTranspose2d PrepareCore(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels)
    {
        GeneratedKernelChannels.Check(inChannels, outChannels, _inChannels, _outChannels);
        return _dynamic.Prepare(weight, bias, inChannels, outChannels);
    }
}
