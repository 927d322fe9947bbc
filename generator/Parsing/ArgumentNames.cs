using System.Collections.Generic;

namespace TConvGen.Generator.Parsing;

/// <summary>The attribute's argument names, as the user writes them (properties) and as the diagnostics name them.</summary>
internal static class ArgumentNames
{
    public const string Kernel = "Kernel";
    public const string Stride = "Stride";
    public const string Padding = "Padding";
    public const string OutputPadding = "OutputPadding";
    public const string Dilation = "Dilation";
    public const string Groups = "Groups";
    public const string KernelWidth = "KernelWidth";
    public const string StrideWidth = "StrideWidth";
    public const string PaddingWidth = "PaddingWidth";
    public const string OutputPaddingWidth = "OutputPaddingWidth";
    public const string DilationWidth = "DilationWidth";
    public const string InChannels = "InChannels";
    public const string OutChannels = "OutChannels";
    public const string Activation = "Activation";
    /// <summary>The one argument that is not an integer (a float), read apart from the others.</summary>
    public const string ActivationSlope = "ActivationSlope";

    /// <summary>The constructor's parameters in order (kernel, stride, padding), mapped to the names above.</summary>
    public static readonly string[] ConstructorOrder = { Kernel, Stride, Padding };

    /// <summary>The value of every integer argument the user leaves out (the attribute's defaults; an enum's is its number).</summary>
    public static IReadOnlyDictionary<string, int> Defaults { get; } = new Dictionary<string, int>
    {
        [Stride] = 1, [Padding] = 0, [OutputPadding] = 0, [Dilation] = 1, [Groups] = 1,
        [KernelWidth] = 0, [StrideWidth] = 0, [PaddingWidth] = -1, [OutputPaddingWidth] = -1, [DilationWidth] = 0,
        [InChannels] = 0, [OutChannels] = 0, [Activation] = 0,
    };

    /// <summary>Maps a constructor parameter name (<c>kernel:</c>) or a property name to the canonical name, or null.</summary>
    public static string? Canonical(string name)
    {
        foreach (var known in ConstructorOrder)
        {
            if (string.Equals(known, name, System.StringComparison.OrdinalIgnoreCase))
                return known;
        }
        return Defaults.ContainsKey(name) || name == ActivationSlope ? name : null;
    }
}
