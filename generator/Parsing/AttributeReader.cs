using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TConvGen.Generator.Model;

namespace TConvGen.Generator.Parsing;

/// <summary>Reads the attribute's constant values and where each argument is written.</summary>
internal static class AttributeReader
{
    /// <summary>The values by canonical name, or null when the compiler could not bind the attribute (it reports that itself).</summary>
    public static Dictionary<string, int>? ReadValues(AttributeData attribute)
    {
        if (attribute.AttributeConstructor is null)
            return null;
        var values = new Dictionary<string, int>();
        var parameters = attribute.AttributeConstructor.Parameters;
        for (int i = 0; i < attribute.ConstructorArguments.Length && i < parameters.Length; i++)
        {
            if (!TryInt(attribute.ConstructorArguments[i], out int value))
                return null;
            var name = ArgumentNames.Canonical(parameters[i].Name);
            if (name is not null)
                values[name] = value;
        }
        foreach (var named in attribute.NamedArguments)
        {
            if (!TryInt(named.Value, out int value))
                return null;
            var name = ArgumentNames.Canonical(named.Key);
            if (name is not null)
                values[name] = value;
        }
        return values;
    }

    /// <summary>The location of every argument written in source, by canonical name, plus the whole attribute under "".</summary>
    public static Dictionary<string, LocationInfo> ReadLocations(AttributeData attribute, CancellationToken cancellationToken)
    {
        var locations = new Dictionary<string, LocationInfo>();
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
            return locations;
        if (LocationInfo.From(syntax.GetLocation()) is { } whole)
            locations[""] = whole;
        var arguments = syntax.ArgumentList?.Arguments ?? default;
        for (int i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            string? written = argument.NameEquals?.Name.Identifier.ValueText ?? argument.NameColon?.Name.Identifier.ValueText;
            string? name = written is not null ? ArgumentNames.Canonical(written)
                : i < ArgumentNames.ConstructorOrder.Length ? ArgumentNames.ConstructorOrder[i] : null;
            if (name is not null && LocationInfo.From(argument.GetLocation()) is { } location)
                locations[name] = location;
        }
        return locations;
    }

    private static bool TryInt(TypedConstant constant, out int value)
    {
        value = 0;
        if (constant.Kind == TypedConstantKind.Error || constant.Value is not int number)
            return false;
        value = number;
        return true;
    }
}
