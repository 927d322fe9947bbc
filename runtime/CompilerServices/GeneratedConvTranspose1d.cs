using System;
using System.ComponentModel;

namespace TConvGen.CompilerServices;

/// <summary>
/// Building block for generated kernels: what a <c>[ConvTranspose1d]</c> method returns, its generated 2-D kernel (for
/// inputs of height 1) behind the 1-D API. Not meant to be called by user code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedConvTranspose1d
{
    /// <summary>A 1-D kernel for <paramref name="options"/> that runs <paramref name="planar"/>.</summary>
    /// <param name="options">The attribute's configuration.</param>
    /// <param name="planar">The kernel generated for <c>options</c> as 2-D options of height 1: its options must equal them
    /// (height kernel 1, stride 1, padding 0, output padding 0, dilation 1; the width axis, groups and activation of <c>options</c>).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its legal range.</exception>
    /// <exception cref="ArgumentException">The slope is not finite, or <paramref name="planar"/> computes other options.</exception>
    public static ConvTranspose1d Create(ConvTranspose1dOptions options, ConvTranspose2d planar)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(planar);
        options.Validate();
        var expected = options.ToPlanar();
        if (planar.Options != expected)
        {
            throw new ArgumentException(
                $"planar must compute {expected} (the 2-D form of {options}), but computes {planar.Options}.", nameof(planar));
        }
        return new ConvTranspose1d(options, planar);
    }
}
