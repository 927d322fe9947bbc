using System.Linq;
using TConvGen.Generator.Tests.Infrastructure;
using Xunit;

namespace TConvGen.Generator.Tests;

/// <summary>Whatever the user is in the middle of typing, the generator reports diagnostics or nothing, never an exception.</summary>
public sealed class MalformedAttributeTests
{
    private const string Attribute = "[ConvTranspose(3, stride: 2, padding: 1, OutputPadding = 1, Groups = 2, KernelWidth = 5, InChannels = 4, Activation = ConvTransposeActivation.LeakyRelu, ActivationSlope = -0.5f)]";

    [Fact]
    public void AttributeCutAtEveryPositionNeverCrashesTheGenerator()
    {
        for (int cut = 0; cut <= Attribute.Length; cut++)
        {
            string source = "using TConvGen;\nnamespace N;\npublic static partial class C\n{\n    " + Attribute[..cut] +
                "\n    public static partial ConvTranspose2d M();\n}\n";
            AssertNoCrash(source, cut);
        }
    }

    [Theory]
    [InlineData("[ConvTranspose]")]
    [InlineData("[ConvTranspose()]")]
    [InlineData("[ConvTranspose(\"3\")]")]
    [InlineData("[ConvTranspose(3.5)]")]
    [InlineData("[ConvTranspose(x)]")]
    [InlineData("[ConvTranspose(int.MaxValue, int.MaxValue, int.MaxValue, OutputPadding = int.MinValue)]")]
    [InlineData("[ConvTranspose(3, Unknown = 2)]")]
    [InlineData("[ConvTranspose(3, stride: 2, stride: 2)]")]
    [InlineData("[ConvTranspose(3, 2, 1, 0)]")]
    [InlineData("[ConvTranspose(3, padding: 1, kernel: 2)]")]
    [InlineData("[ConvTranspose(3)][ConvTranspose(4)]")]
    [InlineData("[ConvTranspose(3, Activation = 2)]")]
    [InlineData("[ConvTranspose(3, Activation = ConvTransposeActivation.Unknown)]")]
    [InlineData("[ConvTranspose(3, ActivationSlope = \"0.2\")]")]
    [InlineData("[ConvTranspose(3, ActivationSlope = 0.2)]")]
    [InlineData("[ConvTranspose(3, ActivationSlope = x)]")]
    [InlineData("[ConvTranspose1d]")]
    [InlineData("[ConvTranspose1d(3, KernelWidth = 2)]")]
    [InlineData("[ConvTranspose1d(3, 2, 1, 0)]")]
    [InlineData("[ConvTranspose1d(3)][ConvTranspose(3)]")]
    [InlineData("[ConvTranspose1d(int.MaxValue, int.MaxValue, int.MaxValue)]")]
    public void NonConstantMissingOrDuplicateArguments(string attribute)
    {
        AssertNoCrash("using TConvGen;\nnamespace N;\npublic static partial class C\n{\n    " + attribute + "\n    public static partial ConvTranspose2d M();\n}\n", 0);
    }

    [Fact]
    public void HugeValuesGiveDiagnosticsNotOverflow()
    {
        var (driver, _, diagnostics) = GeneratorHarness.Run(GeneratorHarness.Compile(
            "using TConvGen;\nnamespace N;\npublic static partial class C\n{\n    [ConvTranspose(int.MaxValue, int.MaxValue, int.MaxValue)]\n    public static partial ConvTranspose2d M();\n}\n"));
        Assert.Null(GeneratorHarness.Result(driver).Exception);
        Assert.Contains(diagnostics, d => d.Id == "TCG0014");
    }

    private static void AssertNoCrash(string source, int cut)
    {
        var (driver, _, diagnostics) = GeneratorHarness.Run(GeneratorHarness.Compile(source));
        var result = GeneratorHarness.Result(driver);
        Assert.True(result.Exception is null, $"cut {cut}: {result.Exception}");
        Assert.DoesNotContain(diagnostics, d => d.Id is "CS8785" or "AD0001");
        Assert.All(diagnostics.Where(d => !d.Id.StartsWith("TCG", System.StringComparison.Ordinal)), d => Assert.Fail($"cut {cut}: {d}"));
    }
}
