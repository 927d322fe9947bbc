using System.Linq;
using Microsoft.CodeAnalysis;
using TConvGen.Generator.Diagnostics;
using TConvGen.Generator.Tests.Infrastructure;
using Xunit;

namespace TConvGen.Generator.Tests;

/// <summary>One test per diagnostic ID: the ID, the severity and the location of the offending code.</summary>
public sealed class DiagnosticTests
{
    [Theory]
    [InlineData("TCG0001", "[ConvTranspose([|0|], stride: 2)]", "Kernel is 0")]
    [InlineData("TCG0001", "[ConvTranspose(3, [|KernelWidth = -2|])]", "KernelWidth is -2")]
    [InlineData("TCG0002", "[ConvTranspose(3, [|stride: 0|])]", "Stride is 0")]
    [InlineData("TCG0003", "[ConvTranspose(3, 2, [|-1|])]", "Padding is -1")]
    [InlineData("TCG0003", "[ConvTranspose(3, 2, 1, [|PaddingWidth = -3|])]", "PaddingWidth is -3")]
    [InlineData("TCG0004", "[ConvTranspose(3, 2, [|Dilation = 0|])]", "Dilation is 0")]
    [InlineData("TCG0005", "[ConvTranspose(3, 2, 1, [|OutputPadding = 2|])]", "[0, 1]")]
    [InlineData("TCG0005", "[ConvTranspose(3, 2, 1, StrideWidth = 1, [|OutputPaddingWidth = 1|])]", "OutputPaddingWidth is 1")]
    [InlineData("TCG0006", "[ConvTranspose(3, 2, [|Groups = 0|])]", "Groups is 0")]
    [InlineData("TCG0007", "[ConvTranspose(3, 2, Groups = 2, [|InChannels = 3|])]", "InChannels is 3")]
    [InlineData("TCG0007", "[ConvTranspose(3, 2, [|OutChannels = -1|])]", "OutChannels is -1")]
    [InlineData("TCG0008", "[ConvTranspose(1, 1, [|padding: 1|])]", "at least 3x3")]
    [InlineData("TCG0014", "[[|ConvTranspose(13, 1, 6)|]]", "unroll limit of 144")]
    [InlineData("TCG0014", "[[|ConvTranspose(3, 9)|]]", "horizontal stride 9")]
    [InlineData("TCG0015", "[ConvTranspose(4, 2, 1, [|Activation = (ConvTransposeActivation)9|])]", "Activation must be one of None, Relu, LeakyRelu, Relu6, Sigmoid, Tanh or Silu (0 to 6), but got 9.")]
    [InlineData("TCG0015", "[ConvTranspose(4, 2, 1, OutChannels = 2, [|Activation = (ConvTransposeActivation)(-1)|])]", "but got -1.")]
    [InlineData("TCG0016", "[ConvTranspose(4, 2, 1, Activation = ConvTransposeActivation.LeakyRelu, [|ActivationSlope = float.NaN|])]", "ActivationSlope must be a finite number")]
    [InlineData("TCG0016", "[ConvTranspose(4, 2, 1, [|ActivationSlope = float.PositiveInfinity|])]", "ActivationSlope must be a finite number")]
    [InlineData("TCG0016", "[ConvTranspose(4, 2, 1, Activation = ConvTransposeActivation.LeakyRelu, [|ActivationSlope = -1f / 0f|])]", "ActivationSlope must be a finite number")]
    public void AttributeValues(string id, string attribute, string messagePart)
    {
        var (text, start, length) = MarkedSource.Parse(
            "using TConvGen;\nnamespace N;\npublic static partial class C\n{\n    " + attribute + "\n    public static partial ConvTranspose2d M();\n}\n");
        AssertSingle(text, id, start, length, messagePart);
    }

    /// <summary>[ConvTranspose1d] gets the same rules, in the 1-D parameters' names, located on the argument.</summary>
    [Theory]
    [InlineData("TCG0001", "[ConvTranspose1d([|0|], stride: 2)]", "Kernel is 0, but the kernel size must be >= 1")]
    [InlineData("TCG0002", "[ConvTranspose1d(3, [|stride: -2|])]", "Stride is -2")]
    [InlineData("TCG0003", "[ConvTranspose1d(3, 2, [|-1|])]", "Padding is -1")]
    [InlineData("TCG0004", "[ConvTranspose1d(3, 2, [|Dilation = 0|])]", "Dilation is 0")]
    [InlineData("TCG0005", "[ConvTranspose1d(16, 8, 4, [|OutputPadding = 8|])]", "OutputPadding is 8, but it must be in [0, 7] (smaller than max(stride=8, dilation=1))")]
    [InlineData("TCG0006", "[ConvTranspose1d(3, 2, [|Groups = 0|])]", "Groups is 0")]
    [InlineData("TCG0007", "[ConvTranspose1d(3, 2, Groups = 2, [|OutChannels = 3|])]", "OutChannels is 3")]
    [InlineData("TCG0008", "[ConvTranspose1d(1, 1, [|padding: 1|])]", "an input of length 1 gives an output of length -1; inputs must be at least 3 long")]
    [InlineData("TCG0014", "[[|ConvTranspose1d(3, 9)|]]", "the stride 9 exceeds 8 (one accumulator per phase")]
    [InlineData("TCG0014", "[[|ConvTranspose1d(145, 1, 72)|]]", "the kernel size 145 exceeds the unroll limit of 144")]
    [InlineData("TCG0015", "[ConvTranspose1d(4, 2, 1, [|Activation = (ConvTransposeActivation)7|])]", "but got 7.")]
    [InlineData("TCG0016", "[ConvTranspose1d(4, 2, 1, [|ActivationSlope = float.NaN|])]", "ActivationSlope must be a finite number")]
    public void LineAttributeValues(string id, string attribute, string messagePart)
    {
        var (text, start, length) = MarkedSource.Parse(
            "using TConvGen;\nnamespace N;\npublic static partial class C\n{\n    " + attribute + "\n    public static partial ConvTranspose1d M();\n}\n");
        AssertSingle(text, id, start, length, messagePart);
    }

    [Theory]
    [InlineData("TCG0009", "[ConvTranspose1d(3)] public partial ConvTranspose1d [|M|]();", "static partial")]
    [InlineData("TCG0010", "[ConvTranspose1d(3)] public static partial [|ConvTranspose2d|] M();", "returns 'ConvTranspose2d', but it must return 'TConvGen.ConvTranspose1d'")]
    [InlineData("TCG0010", "[ConvTranspose(3)] public static partial [|ConvTranspose1d|] M();", "returns 'ConvTranspose1d', but it must return 'TConvGen.ConvTranspose2d'")]
    [InlineData("TCG0011", "[ConvTranspose1d(3)] public static partial ConvTranspose1d M[|(int length)|];", "1 parameter")]
    [InlineData("TCG0012", "[ConvTranspose1d(3)] public static partial ConvTranspose1d M[|<T>|]();", "1 type parameter")]
    [InlineData("TCG0009", "[ConvTranspose(3)] public partial ConvTranspose2d [|M|]();", "static partial")]
    [InlineData("TCG0009", "[ConvTranspose(3)] public static ConvTranspose2d [|M|]() => null!;", "static partial")]
    [InlineData("TCG0010", "[ConvTranspose(3)] public static partial [|object|] M();", "returns 'object'")]
    [InlineData("TCG0011", "[ConvTranspose(3)] public static partial ConvTranspose2d M[|(int x)|];", "1 parameter")]
    [InlineData("TCG0012", "[ConvTranspose(3)] public static partial ConvTranspose2d M[|<T>|]();", "1 type parameter")]
    public void MethodShape(string id, string method, string messagePart)
    {
        var (text, start, length) = MarkedSource.Parse("using TConvGen;\nnamespace N;\npublic partial class C\n{\n    " + method + "\n}\n");
        AssertSingle(text, id, start, length, messagePart);
    }

    /// <summary>The activation's diagnostics carry the runtime's own message (the linked rules), as its exception states it.</summary>
    [Theory]
    [InlineData("Activation = (ConvTransposeActivation)7", 7, 0.01f)]
    [InlineData("ActivationSlope = float.NaN", 0, float.NaN)]
    [InlineData("ActivationSlope = float.NegativeInfinity", 2, float.NegativeInfinity)]
    public void ActivationMessagesAreTheRuntimes(string argument, int activation, float slope)
    {
        var (driver, _, diagnostics) = GeneratorHarness.Run(GeneratorHarness.Compile(
            "using TConvGen;\nnamespace N;\npublic static partial class C\n{\n    [ConvTranspose(4, 2, 1, " + argument + ")]\n    public static partial ConvTranspose2d M();\n}\n"));
        Assert.Null(GeneratorHarness.Result(driver).Exception);
        var diagnostic = Assert.Single(diagnostics, d => d.Id.StartsWith("TCG", System.StringComparison.Ordinal));
        var options = new ConvTranspose2dOptions(4, 2, 1) { ActivationSlope = slope };
        options = options with { Activation = RuntimeEnum.Numbered(options.Activation, activation) };
        var exception = Assert.ThrowsAny<System.ArgumentException>(options.Validate);
        Assert.StartsWith(diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), exception.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void ContainingTypeNotPartial()
    {
        var (text, start, length) = MarkedSource.Parse(
            "using TConvGen;\nnamespace N;\npublic partial class Outer\n{\n    public class [|Inner|]\n    {\n        [ConvTranspose(3)] public static partial ConvTranspose2d M();\n    }\n}\n");
        AssertSingle(text, "TCG0013", start, length, "'Inner' contains the [ConvTranspose] method 'M'");
    }

    [Fact]
    public void ContainingTypeOfALineMethodNotPartial()
    {
        var (text, start, length) = MarkedSource.Parse(
            "using TConvGen;\nnamespace N;\npublic partial class Outer\n{\n    public class [|Inner|]\n    {\n        [ConvTranspose1d(3)] public static partial ConvTranspose1d M();\n    }\n}\n");
        AssertSingle(text, "TCG0013", start, length, "'Inner' contains the [ConvTranspose1d] method 'M'");
    }

    [Fact]
    public void EveryDescriptorHasAHelpLinkToItsSectionAndADocSection()
    {
        string docs = System.IO.File.ReadAllText(System.IO.Path.Combine(RepositoryRoot(), "docs", "diagnostics.md"));
        foreach (var descriptor in Descriptors.All)
        {
            Assert.EndsWith("docs/diagnostics.md#" + descriptor.Id.ToLowerInvariant(), descriptor.HelpLinkUri);
            Assert.Contains("## " + descriptor.Id, docs);
        }
        Assert.Equal(16, Descriptors.All.Count());
    }

    [Fact]
    public void ValidLineMethodHasNoDiagnostics()
    {
        var (_, output, diagnostics) = GeneratorHarness.Run(GeneratorHarness.Compile(
            "using TConvGen;\nnamespace N;\n/// <summary>C.</summary>\npublic static partial class C\n{\n    /// <summary>M.</summary>\n    [ConvTranspose1d(16, 8, 4, Activation = ConvTransposeActivation.LeakyRelu, ActivationSlope = 0.1f)] public static partial ConvTranspose1d M();\n}\n"));
        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics());
    }

    [Fact]
    public void ValidMethodHasNoDiagnostics()
    {
        var (_, output, diagnostics) = GeneratorHarness.Run(GeneratorHarness.Compile(
            "using TConvGen;\nnamespace N;\n/// <summary>C.</summary>\npublic static partial class C\n{\n    /// <summary>M.</summary>\n    [ConvTranspose(4, 2, 1)] public static partial ConvTranspose2d M();\n}\n"));
        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics());
    }

    private static void AssertSingle(string text, string id, int start, int length, string messagePart)
    {
        var (driver, _, diagnostics) = GeneratorHarness.Run(GeneratorHarness.Compile(text));
        Assert.Null(GeneratorHarness.Result(driver).Exception);
        var diagnostic = Assert.Single(diagnostics, d => d.Id.StartsWith("TCG", System.StringComparison.Ordinal));
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(Descriptors.ById(id).DefaultSeverity, diagnostic.DefaultSeverity);
        Assert.Equal(text.Substring(start, length), text.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Equal(start, diagnostic.Location.SourceSpan.Start);
        Assert.Contains(messagePart, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string RepositoryRoot()
    {
        var directory = new System.IO.DirectoryInfo(System.AppContext.BaseDirectory);
        while (directory is not null && !System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "TConvGen.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new System.InvalidOperationException("TConvGen.sln not found above the test output.");
    }
}
