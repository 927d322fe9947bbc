using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TConvGen.Generator.Tests.Infrastructure;
using Xunit;

namespace TConvGen.Generator.Tests;

/// <summary>The pipeline caches: unrelated edits redo nothing, an attribute edit redoes only its method.</summary>
public sealed class IncrementalCachingTests
{
    private const string Layers = """
        using TConvGen;
        namespace N;
        public static partial class Layers
        {
            [ConvTranspose(4, stride: 2, padding: 1)]
            public static partial ConvTranspose2d A();

            [ConvTranspose(3, stride: 1, padding: 1)]
            public static partial ConvTranspose2d B();

            [ConvTranspose(3, stride: 2, padding: -1)]
            public static partial ConvTranspose2d Invalid();

            [ConvTranspose1d(16, stride: 8, padding: 4)]
            public static partial ConvTranspose1d Line();

            [ConvTranspose1d(4, stride: 0)]
            public static partial ConvTranspose1d InvalidLine();
        }
        """;

    private static readonly string[] Steps = { ConvTransposeGenerator.StepNames.Models, ConvTransposeGenerator.StepNames.Sources, ConvTransposeGenerator.StepNames.Diagnostics };

    [Fact]
    public void UnrelatedEditLeavesEveryStepCachedOrUnchanged()
    {
        var compilation = GeneratorHarness.Compile(Layers, "namespace N; internal static class Other { }");
        var (driver, _, _) = GeneratorHarness.Run(compilation);
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Last(),
            CSharpSyntaxTree.ParseText("namespace N; internal static class Other { public static int X => 1; }", GeneratorHarness.ParseOptions, path: "Source1.cs"));
        (driver, _, _) = GeneratorHarness.Run(edited, driver);

        var result = GeneratorHarness.Result(driver);
        foreach (string step in Steps)
        {
            var outputs = result.TrackedSteps[step].SelectMany(run => run.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {output.Reason}"));
        }
        Assert.All(result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs),
            output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, output.Reason.ToString()));
    }

    [Fact]
    public void EditingOneAttributeRegeneratesOnlyThatFile()
    {
        var compilation = GeneratorHarness.Compile(Layers);
        var (driver, _, _) = GeneratorHarness.Run(compilation);
        string before = HintText(driver, "N.Layers.B.g.cs");
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(),
            CSharpSyntaxTree.ParseText(Layers.Replace("[ConvTranspose(4, stride: 2, padding: 1)]", "[ConvTranspose(4, stride: 2, padding: 0)]"),
                GeneratorHarness.ParseOptions, path: "Source0.cs"));
        (driver, _, _) = GeneratorHarness.Run(edited, driver);

        var sources = GeneratorHarness.Result(driver).TrackedSteps[ConvTransposeGenerator.StepNames.Sources].SelectMany(run => run.Outputs).ToList();
        Assert.Equal(3, sources.Count);
        Assert.Single(sources, output => output.Reason == IncrementalStepRunReason.Modified);
        Assert.Equal(2, sources.Count(output => output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.Contains("padding (0, 0)", HintText(driver, "N.Layers.A.g.cs"));
        Assert.Equal(before, HintText(driver, "N.Layers.B.g.cs"));
    }

    [Theory]
    [InlineData("Activation = ConvTransposeActivation.Relu", "default(Relu)")]
    [InlineData("Activation = ConvTransposeActivation.LeakyRelu, ActivationSlope = 0.25f", "new LeakyRelu(0.25f)")]
    public void EditingTheActivationRegeneratesOnlyThatFile(string arguments, string applied)
    {
        var compilation = GeneratorHarness.Compile(Layers);
        var (driver, _, _) = GeneratorHarness.Run(compilation);
        string before = HintText(driver, "N.Layers.B.g.cs");
        Assert.DoesNotContain("Activate(", HintText(driver, "N.Layers.A.g.cs"));
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(),
            CSharpSyntaxTree.ParseText(Layers.Replace("[ConvTranspose(4, stride: 2, padding: 1)]", "[ConvTranspose(4, stride: 2, padding: 1, " + arguments + ")]"),
                GeneratorHarness.ParseOptions, path: "Source0.cs"));
        (driver, _, _) = GeneratorHarness.Run(edited, driver);

        var sources = GeneratorHarness.Result(driver).TrackedSteps[ConvTransposeGenerator.StepNames.Sources].SelectMany(run => run.Outputs).ToList();
        Assert.Single(sources, output => output.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(applied + ".Apply<TSimd, TVector>(x)", HintText(driver, "N.Layers.A.g.cs"));
        Assert.Equal(before, HintText(driver, "N.Layers.B.g.cs"));
    }

    [Fact]
    public void EditingALineAttributeRegeneratesOnlyThatFile()
    {
        var compilation = GeneratorHarness.Compile(Layers);
        var (driver, _, _) = GeneratorHarness.Run(compilation);
        string before = HintText(driver, "N.Layers.A.g.cs");
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(),
            CSharpSyntaxTree.ParseText(Layers.Replace("[ConvTranspose1d(16, stride: 8, padding: 4)]", "[ConvTranspose1d(4, stride: 2, padding: 1)]"),
                GeneratorHarness.ParseOptions, path: "Source0.cs"));
        (driver, _, _) = GeneratorHarness.Run(edited, driver);

        var sources = GeneratorHarness.Result(driver).TrackedSteps[ConvTransposeGenerator.StepNames.Sources].SelectMany(run => run.Outputs).ToList();
        Assert.Single(sources, output => output.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("new ConvTranspose1dOptions(4, 2, 1)", HintText(driver, "N.Layers.Line.g.cs"));
        Assert.Equal(before, HintText(driver, "N.Layers.A.g.cs"));
    }

    [Fact]
    public void ModelsHoldNoSymbolSyntaxOrCompilation()
    {
        var (driver, _, _) = GeneratorHarness.Run(GeneratorHarness.Compile(Layers));
        var result = GeneratorHarness.Result(driver);
        var models = Steps.SelectMany(step => result.TrackedSteps[step]).SelectMany(run => run.Outputs).Select(output => output.Value).ToList();
        Assert.NotEmpty(models);
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var model in models)
            AssertNoCompilerObjects(model, "model", seen);
        Assert.True(seen.Count > 20, $"walked only {seen.Count} objects");
    }

    [Fact]
    public void OutputIsDeterministic()
    {
        var first = GeneratorHarness.Run(GeneratorHarness.Compile(Layers)).Driver.GetRunResult().GeneratedTrees.Select(tree => tree.ToString());
        var second = GeneratorHarness.Run(GeneratorHarness.Compile(Layers)).Driver.GetRunResult().GeneratedTrees.Select(tree => tree.ToString());
        Assert.Equal(first, second);
    }

    private static string HintText(GeneratorDriver driver, string hint) =>
        GeneratorHarness.Result(driver).GeneratedSources.Single(source => source.HintName == hint).SourceText.ToString();

    private static void AssertNoCompilerObjects(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
            return;
        Assert.False(value is ISymbol or SyntaxNode or Compilation or SemanticModel or SyntaxTree or Location or AttributeData,
            $"{path} holds a {value.GetType()}");
        if (!value.GetType().IsValueType && !seen.Add(value))
            return;
        if (value is IEnumerable sequence)
        {
            int index = 0;
            foreach (var item in sequence)
                AssertNoCompilerObjects(item, $"{path}[{index++}]", seen);
        }
        for (var type = value.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                AssertNoCompilerObjects(field.GetValue(value), path + "." + field.Name, seen);
        }
    }
}
