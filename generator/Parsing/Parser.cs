using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TConvGen.Generator.Diagnostics;
using TConvGen.Generator.Model;
using TConvGen.Generator.Planning;

namespace TConvGen.Generator.Parsing;

/// <summary>Attributed method -> <see cref="GenerationModel"/>: the only step that sees symbols and syntax.</summary>
internal static class Parser
{
    public static GenerationModel Parse(GeneratorAttributeSyntaxContext context, KernelApi api, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        if (context.TargetSymbol is not IMethodSymbol method || context.TargetNode is not MethodDeclarationSyntax syntax || context.Attributes.Length == 0)
            return new GenerationModel(null, null, EquatableArray<DiagnosticInfo>.Empty);

        var target = TargetReader.Read(method, syntax, api, diagnostics);
        var attribute = context.Attributes[0];
        var values = AttributeReader.ReadValues(attribute);
        ConvSpec? spec = null;
        if (values is not null)
        {
            var locations = AttributeReader.ReadLocations(attribute, cancellationToken);
            var (validated, problems) = api == KernelApi.ConvTranspose1d ? SpecValidator.ValidateLine(values) : SpecValidator.Validate(values);
            foreach (var problem in problems)
                diagnostics.Add(new DiagnosticInfo(problem.DiagnosticId, LocationFor(locations, problem.ArgumentName), problem.MessageArguments));
            spec = validated;
            if (spec is not null && target is not null && Planner.FallbackReason(spec, api) is { } reason)
                diagnostics.Add(new DiagnosticInfo(Descriptors.FallbackToDynamic.Id, LocationFor(locations, ""), EquatableArray.From(new[] { method.Name, reason })));
        }
        return new GenerationModel(spec is null ? null : target, spec, EquatableArray.From(diagnostics));
    }

    private static LocationInfo? LocationFor(Dictionary<string, LocationInfo> locations, string argument) =>
        locations.TryGetValue(argument, out var location) ? location : locations.TryGetValue("", out var whole) ? whole : null;
}
