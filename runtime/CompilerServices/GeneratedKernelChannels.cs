using System;
using System.ComponentModel;
using System.Globalization;

namespace TConvGen.CompilerServices;

/// <summary>
/// Building block for generated kernels: the check that a kernel generated for fixed channel counts (the attribute's
/// <c>InChannels</c> and <c>OutChannels</c>) is prepared only for those. Not meant to be called by user code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedKernelChannels
{
    /// <summary>Throws unless each count equals the specialised one, where that is set (0 means any count).</summary>
    /// <param name="inChannels">Cin asked for.</param>
    /// <param name="outChannels">Cout asked for.</param>
    /// <param name="specialisedInChannels">The attribute's <c>InChannels</c>, or 0.</param>
    /// <param name="specialisedOutChannels">The attribute's <c>OutChannels</c>, or 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count differs from the one the kernel was generated for.</exception>
    public static void Check(int inChannels, int outChannels, int specialisedInChannels, int specialisedOutChannels)
    {
        Check(inChannels, specialisedInChannels, nameof(inChannels), "InChannels");
        Check(outChannels, specialisedOutChannels, nameof(outChannels), "OutChannels");
    }

    private static void Check(int value, int specialised, string parameter, string property)
    {
        if (specialised != 0 && value != specialised)
        {
            throw new ArgumentOutOfRangeException(parameter, value, string.Create(CultureInfo.InvariantCulture,
                $"{parameter} must be {specialised} (the {property} this kernel was generated for), but got {value}."));
        }
    }
}
