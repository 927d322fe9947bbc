using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TConvGen.Generator.Diagnostics;
using TConvGen.Generator.Model;

namespace TConvGen.Generator.Parsing;

/// <summary>Checks the attributed method's shape and describes where the implementation goes.</summary>
internal static class TargetReader
{
    /// <summary>The type a method of <paramref name="api"/> must return, as the compiler displays it fully qualified.</summary>
    public static string ReturnTypeName(KernelApi api) => "global::" + ReturnTypeDisplay(api);

    /// <summary>The type a method of <paramref name="api"/> must return, as the diagnostics name it.</summary>
    public static string ReturnTypeDisplay(KernelApi api) => api == KernelApi.ConvTranspose1d ? "TConvGen.ConvTranspose1d" : "TConvGen.ConvTranspose2d";

    /// <summary>The attribute as the diagnostics name it: <c>ConvTranspose</c> or <c>ConvTranspose1d</c>.</summary>
    public static string AttributeDisplay(KernelApi api) => api == KernelApi.ConvTranspose1d ? "ConvTranspose1d" : "ConvTranspose";

    /// <summary>The target, or null with the reasons in <paramref name="diagnostics"/>.</summary>
    public static MethodTarget? Read(IMethodSymbol method, MethodDeclarationSyntax syntax, KernelApi api, List<DiagnosticInfo> diagnostics)
    {
        int before = diagnostics.Count;
        var nameLocation = LocationInfo.From(syntax.Identifier.GetLocation());
        if (!method.IsStatic || !syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
            diagnostics.Add(Info(Descriptors.MethodNotStaticPartial.Id, nameLocation, method.Name));
        string returnType = method.ReturnType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        if (returnType != ReturnTypeName(api))
            diagnostics.Add(Info(Descriptors.WrongReturnType.Id, LocationInfo.From(syntax.ReturnType.GetLocation()), method.Name,
                method.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), ReturnTypeDisplay(api)));
        if (method.Parameters.Length > 0)
            diagnostics.Add(Info(Descriptors.HasParameters.Id, LocationInfo.From(syntax.ParameterList.GetLocation()), method.Name,
                method.Parameters.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (method.TypeParameters.Length > 0)
            diagnostics.Add(Info(Descriptors.HasTypeParameters.Id, LocationInfo.From(syntax.TypeParameterList?.GetLocation() ?? syntax.Identifier.GetLocation()),
                method.Name, method.TypeParameters.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var types = new List<ContainingType>();
        foreach (var declaration in syntax.Ancestors().OfType<TypeDeclarationSyntax>().Reverse())
        {
            if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                diagnostics.Add(Info(Descriptors.ContainingTypeNotPartial.Id, LocationInfo.From(declaration.Identifier.GetLocation()),
                    declaration.Identifier.ValueText, method.Name, AttributeDisplay(api)));
            types.Add(new ContainingType(Keyword(declaration), declaration.Identifier.ValueText + (declaration.TypeParameterList?.ToString() ?? "")));
        }
        if (diagnostics.Count > before || types.Count == 0)
            return null;

        string ns = method.ContainingNamespace is { IsGlobalNamespace: false } containing ? containing.ToDisplayString() : "";
        string modifiers = string.Join(" ", syntax.Modifiers.Select(modifier => modifier.ValueText));
        return new MethodTarget(ns, EquatableArray.From(types), method.Name, modifiers, api);
    }

    /// <summary>The keywords a partial declaration of the type repeats: <c>class</c>, <c>record struct</c>, <c>ref struct</c>...</summary>
    private static string Keyword(TypeDeclarationSyntax declaration)
    {
        string refPrefix = declaration.Modifiers.Any(SyntaxKind.RefKeyword) ? "ref " : "";
        return declaration switch
        {
            RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
            RecordDeclarationSyntax => "record",
            StructDeclarationSyntax => refPrefix + "struct",
            InterfaceDeclarationSyntax => "interface",
            _ => "class",
        };
    }

    private static DiagnosticInfo Info(string id, LocationInfo? location, params string[] arguments) =>
        new(id, location, EquatableArray.From(arguments));
}
