using System.Globalization;

namespace TConvGen.Generator.Emitting;

/// <summary>Culture-invariant text for numbers in generated code.</summary>
internal static class Literals
{
    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(string format, params object[] arguments) => string.Format(CultureInfo.InvariantCulture, format, arguments);
}
