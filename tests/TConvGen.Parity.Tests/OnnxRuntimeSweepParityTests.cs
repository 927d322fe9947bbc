using System.Linq;
using Microsoft.ML.OnnxRuntime;
using TConvGen.Parity.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace TConvGen.Parity.Tests;

/// <summary>
/// Every algorithm on 300 seeded random configurations, drawn like libtorch's, judged by the reference with ONNX Runtime's
/// ConvTranspose as witness (see <see cref="ParityAssert"/>).
/// </summary>
/// <remarks>
/// ONNX Runtime 1.31 does not define ConvTranspose when an axis's output padding is not smaller than its stride:
/// PyTorch allows output padding up to max(stride, dilation) - 1, so with dilation > stride it accepts, say, stride 1,
/// dilation 3, output padding 2; ONNX Runtime refuses the run ("Computed output shape is inconsistent with input spatial
/// dimensions. output_padding (2) may be too large for stride (1)"). Those configurations are compared with libtorch
/// only; here they are skipped over when drawing the 300, and <see cref="OnnxRuntimeRefusesOutputPaddingNotBelowStride"/>
/// pins ONNX Runtime's refusal so that a release that starts to define them is noticed.
/// </remarks>
public sealed class OnnxRuntimeSweepParityTests(ITestOutputHelper output)
{
    /// <summary>The first 300 seeds of <see cref="ParityCase.Random"/> whose configuration ONNX Runtime defines.</summary>
    public static TheoryData<int> DefinedSeeds => new(DefinedSeedList());

    /// <summary>The seeds among libtorch's 300 that ONNX Runtime does not define.</summary>
    public static TheoryData<int> UndefinedSeeds => new(UndefinedSeedList());

    [Theory]
    [MemberData(nameof(DefinedSeeds))]
    public void RandomConfigurationMatchesTheReferenceWitnessedByOnnxRuntime(int seed) =>
        ParityAssert.AllAlgorithmsMatch(ParityCase.Random(seed), PeerRuns.OnnxRuntime, output);

    [Theory]
    [MemberData(nameof(UndefinedSeeds))]
    public void OnnxRuntimeRefusesOutputPaddingNotBelowStride(int seed)
    {
        var c = ParityCase.Random(seed);

        var exception = Assert.Throws<OnnxRuntimeException>(() => PeerRuns.OnnxRuntime(c));

        Assert.Contains("may be too large for stride", exception.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void TheSweepHasThreeHundredDefinedConfigurationsAndSomeUndefinedOnes()
    {
        Assert.Equal(300, DefinedSeedList().Distinct().Count());
        Assert.NotEmpty(UndefinedSeedList());
    }

    private static int[] DefinedSeedList() => Enumerable.Range(0, 1000).Where(s => IsDefined(ParityCase.Random(s))).Take(300).ToArray();

    private static int[] UndefinedSeedList() =>
        Enumerable.Range(0, LibTorchSweepParityTests.Configurations).Where(s => !IsDefined(ParityCase.Random(s))).ToArray();

    private static bool IsDefined(ParityCase c) =>
        c.Options.OutputPaddingHeight < c.Options.StrideHeight && c.Options.OutputPaddingWidth < c.Options.StrideWidth;
}
