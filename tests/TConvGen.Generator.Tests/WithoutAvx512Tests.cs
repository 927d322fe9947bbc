using TConvGen.Tests.Shared;
using Xunit;

namespace TConvGen.Generator.Tests;

/// <summary>This project's tests once more with AVX-512 switched off in the JIT: the code paths of an AVX2-only machine.</summary>
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
