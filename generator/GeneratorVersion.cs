namespace TConvGen.Generator;

/// <summary>The version written into <c>[GeneratedCode]</c>: the generator assembly's, as major.minor.patch.</summary>
internal static class GeneratorVersion
{
    public static readonly string Value = typeof(GeneratorVersion).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
