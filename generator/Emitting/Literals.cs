using System.Globalization;

namespace TConvGen.Generator.Emitting;

/// <summary>Culture-invariant text for numbers in generated code.</summary>
internal static class Literals
{
    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A <c>float</c> literal that parses back to <paramref name="value"/>, e.g. <c>0.2f</c>.</summary>
    public static string Float(float value) => FloatText(value) + "f";

    /// <summary>The shortest text that parses back to <paramref name="value"/>, e.g. <c>0.2</c> (the round-trip format, checked,
    /// since .NET Framework's is not always shortest-exact).</summary>
    public static string FloatText(float value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return float.Parse(text, CultureInfo.InvariantCulture).Equals(value) ? text : value.ToString("G9", CultureInfo.InvariantCulture);
    }

    /// <summary>A <c>double</c> literal that parses back to <paramref name="value"/>, e.g. <c>0.5d</c> (checked as
    /// <see cref="FloatText"/> is).</summary>
    public static string Double(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return (double.Parse(text, CultureInfo.InvariantCulture).Equals(value) ? text : value.ToString("G17", CultureInfo.InvariantCulture)) + "d";
    }

    public static string Format(string format, params object[] arguments) => string.Format(CultureInfo.InvariantCulture, format, arguments);
}
