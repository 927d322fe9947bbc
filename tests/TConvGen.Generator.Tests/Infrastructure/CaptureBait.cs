using System.Collections.Generic;
using System.Linq;

namespace TConvGen.Generator.Tests.Infrastructure;

/// <summary>
/// A user source declaring types named as the generated implementation's names, in the user's namespace (where the stub
/// goes), in the global namespace, and in a namespace every file imports (<c>global using</c>). Were any to capture a name
/// the generated code means as TConvGen's or the BCL's, the compilation would fail. <c>ConvTranspose2d</c>,
/// <c>ConvTranspose1d</c>, <c>ConvTransposeActivation</c> and the attributes are left out: the user's own code names them.
/// </summary>
internal static class CaptureBait
{
    /// <summary>The names, with their type parameter lists (lookup matches arity).</summary>
    public static readonly string[] Types =
    {
        "Vector128<T>", "Vector256<T>", "Vector512<T>", "Unsafe", "MemoryMarshal", "Math", "Span<T>", "ReadOnlySpan<T>",
        "MethodImplAttribute", "MethodImplOptions", "GeneratedCodeAttribute", "ConvTranspose2dOptions", "ConvTranspose2dProblem",
        "ConvTranspose2dTile", "PreparedConvTranspose2d", "TiledPreparedConvTranspose2d", "GeneratedKernelBand", "GeneratedKernelDispatch",
        "GeneratedKernelFallback", "GeneratedKernelChannels", "GeneratedKernelWeights", "GeneratedKernelVector", "IGeneratedKernelSimd<T>",
        "GeneratedKernelSimd128", "GeneratedKernelSimd256", "GeneratedKernelSimd512", "Identity", "Relu", "LeakyRelu", "Relu6", "Sigmoid", "Tanh", "Silu",
        "ConvTranspose1dOptions", "GeneratedConvTranspose1d",
    };

    /// <summary>The namespaces that hold them: the user's, the global one (empty), and one imported everywhere.</summary>
    public static readonly string[] Namespaces = { "Snapshots", "", "Snapshots.Bait" };

    public static string Source()
    {
        var lines = new List<string> { "global using Snapshots.Bait;" };
        foreach (string ns in Namespaces)
        {
            var declarations = Types.Select(type => "internal sealed class " + type + " { }");
            lines.AddRange(ns.Length == 0 ? declarations : new[] { "namespace " + ns + " {" }.Concat(declarations).Append("}"));
        }
        return string.Join("\n", lines) + "\n";
    }
}
