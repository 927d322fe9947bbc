using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TConvGen.Generator.Emitting;
using TConvGen.Generator.Model;
using TConvGen.Generator.Parsing;
using TConvGen.Generator.Planning;

namespace TConvGen.Generator;

/// <summary>Emits a specialised kernel for every <c>[ConvTranspose]</c> and <c>[ConvTranspose1d]</c> method.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class ConvTransposeGenerator : IIncrementalGenerator
{
    public const string AttributeName = "TConvGen.ConvTransposeAttribute";
    public const string AttributeName1d = "TConvGen.ConvTranspose1dAttribute";

    /// <summary>Tracking names of the pipeline steps, for incremental-caching tests.</summary>
    public static class StepNames
    {
        public const string Models = "Models";
        public const string Sources = "Sources";
        public const string Diagnostics = "Diagnostics";
    }

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        Register(context, context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeName, static (node, _) => node is MethodDeclarationSyntax, static (ctx, ct) => Parser.Parse(ctx, KernelApi.ConvTranspose2d, ct)));
        Register(context, context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeName1d, static (node, _) => node is MethodDeclarationSyntax, static (ctx, ct) => Parser.Parse(ctx, KernelApi.ConvTranspose1d, ct)));
    }

    /// <summary>The same steps for both attributes (under the same tracking names): plan and emit each valid model, report
    /// every model's diagnostics.</summary>
    private static void Register(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<GenerationModel> parsed)
    {
        var models = parsed.WithTrackingName(StepNames.Models);

        var sources = models
            .Where(static model => model.Target is not null && model.Spec is not null)
            .Select(static (model, _) => (Target: model.Target!, Plan: Planner.Plan(model.Spec!, model.Target!.Api)))
            .WithTrackingName(StepNames.Sources);
        context.RegisterSourceOutput(sources, static (output, item) =>
            output.AddSource(item.Target.HintName, SourceEmitter.Emit(item.Target, item.Plan, GeneratorVersion.Value)));

        var diagnostics = models
            .Select(static (model, _) => model.Diagnostics)
            .Where(static list => list.Count > 0)
            .WithTrackingName(StepNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (output, list) =>
        {
            foreach (var diagnostic in list)
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
        });
    }
}
