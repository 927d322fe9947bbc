using System;

namespace TConvGen.Generator.Tests.Infrastructure;

/// <summary>
/// Values of the runtime's <c>TConvGen.ConvTransposeActivation</c>, which this project cannot name: the generator compiles
/// the same public enum from the runtime's source (linked), so the name is ambiguous here. The type is inferred from a
/// value of it (e.g. <c>options.Activation</c>).
/// </summary>
internal static class RuntimeEnum
{
    /// <summary>The value of <paramref name="like"/>'s enum named <paramref name="name"/>.</summary>
    public static T Named<T>(T like, string name) where T : struct, Enum => Enum.Parse<T>(name);

    /// <summary>The value of <paramref name="like"/>'s enum numbered <paramref name="value"/> (named or not).</summary>
    public static T Numbered<T>(T like, int value) where T : struct, Enum => (T)(object)value;
}
