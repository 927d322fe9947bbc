using Xunit;

namespace TConvGen.Tests.Shared;

/// <summary>The tests of the project this file is compiled into, once more with AVX-512 switched off in the JIT: the code
/// paths of an AVX2-only machine. (Linked into each kernel test project.)</summary>
public sealed class WithoutAvx512Tests
{
    /// <summary>Every other test of this project passes in a child run without AVX-512.</summary>
    [Fact]
    [Trait("Category", WithoutAvx512.Category)]
    public void EveryTestPassesWithoutAvx512() => WithoutAvx512.RunAssembly(typeof(WithoutAvx512Tests).Assembly);

    /// <summary>The child run really runs without AVX-512.</summary>
    [Fact]
    public void TheChildRunHasAvx512SwitchedOff() => WithoutAvx512.CheckChild();
}
