namespace TConvGen.Generator.Model;

/// <summary>A type that contains the method, as the partial declaration the generated file repeats.</summary>
/// <param name="Keyword">The declaration keyword(s): <c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c>, <c>interface</c>.</param>
/// <param name="Name">The name with its type parameter list, e.g. <c>Outer&lt;T&gt;</c>.</param>
internal sealed record ContainingType(string Keyword, string Name)
{
    /// <summary>The name without its type parameter list, e.g. <c>Outer</c>.</summary>
    public string SimpleName => Name.IndexOf('<') is int angle and >= 0 ? Name.Substring(0, angle) : Name;
}

/// <summary>Where the generated method goes and how it is declared.</summary>
/// <param name="Namespace">The containing namespace, empty for the global namespace.</param>
/// <param name="Types">The containing types, outermost first.</param>
/// <param name="MethodName">The method's name.</param>
/// <param name="Modifiers">The method's modifiers in source order, e.g. <c>public static partial</c>.</param>
/// <param name="Api">What the method returns.</param>
internal sealed record MethodTarget(string Namespace, EquatableArray<ContainingType> Types, string MethodName, string Modifiers,
    KernelApi Api = KernelApi.ConvTranspose2d)
{
    /// <summary>The stable hint name <c>{Namespace}.{Type}.{Method}.g.cs</c> (type parameters dropped).</summary>
    public string HintName
    {
        get
        {
            var parts = new System.Collections.Generic.List<string>();
            if (Namespace.Length > 0)
                parts.Add(Namespace);
            foreach (var type in Types)
            {
                parts.Add(type.SimpleName == type.Name ? type.Name : type.SimpleName + "`" + (type.Name.Split(',').Length));
            }
            parts.Add(MethodName);
            return string.Join(".", parts) + ".g.cs";
        }
    }
}
