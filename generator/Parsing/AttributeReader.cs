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
    public static AttributeValues? ReadValues(AttributeData attribute)
    {
        if (attribute.AttributeConstructor is null)
            return null;
        var values = new Dictionary<string, int>();
        float slope = ConvTranspose2dRules.DefaultActivationSlope;
        var parameters = attribute.AttributeConstructor.Parameters;
        var arguments = new List<(string Name, TypedConstant Value)>();
        for (int i = 0; i < attribute.ConstructorArguments.Length && i < parameters.Length; i++)
            arguments.Add((parameters[i].Name, attribute.ConstructorArguments[i]));
        foreach (var named in attribute.NamedArguments)
            arguments.Add((named.Key, named.Value));
        foreach (var (written, constant) in arguments)
        {
            var name = ArgumentNames.Canonical(written);
            if (name == ArgumentNames.ActivationSlope)
            {
                if (!TryFloat(constant, out slope))
                    return null;
            }
            else if (!TryInt(constant, out int value))
            {
                return null;
            }
            else if (name is not null)
            {
                values[name] = value;
            }
        }
        return new AttributeValues(values, slope);
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

    private static bool TryFloat(TypedConstant constant, out float value)
    {
        value = 0;
        if (constant.Kind == TypedConstantKind.Error || constant.Value is not float number)
            return false;
        value = number;
        return true;
    }

    /// <summary>An <c>int</c>, or an enum whose underlying type is <c>int</c> (its number).</summary>
    private static bool TryInt(TypedConstant constant, out int value)
    {
        value = 0;
        if (constant.Kind == TypedConstantKind.Error || constant.Value is not int number)
            return false;
        value = number;
        return true;
    }
}
