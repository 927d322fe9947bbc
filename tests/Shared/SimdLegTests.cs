using Xunit;

namespace TConvGen.Tests.Shared;

/// <summary>The tests of the project this file is compiled into, once more at each narrower SIMD width (see
/// <see cref="SimdLeg"/>). (Linked into each kernel test project.)</summary>
public sealed class SimdLegTests
{
    /// <summary>Every other test of this project passes in a child run held to the leg's width.</summary>
    [Theory]
    [Trait("Category", SimdLeg.Category)]
    [InlineData(SimdLeg.Vector256)]
    [InlineData(SimdLeg.Vector128)]
    [InlineData(SimdLeg.Scalar)]
    public void EveryTestPassesAtANarrowerWidth(string leg) => SimdLeg.RunAssembly(typeof(SimdLegTests).Assembly, leg);

    /// <summary>A child run really runs at its width.</summary>
    [Fact]
    public void TheChildRunHasItsWidth() => SimdLeg.CheckChild();
}
