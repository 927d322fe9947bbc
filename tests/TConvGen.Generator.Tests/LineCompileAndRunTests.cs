using System;
using System.Linq;
using System.Reflection;
using TConvGen.CompilerServices;
using TConvGen.Generator.Tests.Infrastructure;
using TConvGen.Tests.Shared;
using Xunit;

namespace TConvGen.Generator.Tests;

/// <summary>
/// <c>[ConvTranspose1d]</c> methods (<see cref="Configurations.Lines"/>, compiled with <see cref="CompileAndRunTests"/>'s
/// cases): each returns one cached <see cref="ConvTranspose1d"/> with the attribute's options, running the generated 2-D
/// kernel (or the dynamic one past the unroll limits), and its outputs equal the 1-D Reference with the same options, through
/// Run and Prepare, on lengths the unrolled bodies run and shorter ones they hand to the dynamic kernel, NaN included.
/// </summary>
public sealed class LineCompileAndRunTests
{
    public static TheoryData<string> Names => new(Configurations.Lines.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void ReturnsOneCachedKernelRunningTheGeneratedCode(string name)
    {
        var kernel = Kernel(name);
        Assert.Same(kernel, Kernel(name));
        bool unrolled = !name.Contains("Fallback", StringComparison.Ordinal) && GeneratedKernelVector.IsSupported;
        Assert.Equal(unrolled, kernel.Algorithm.StartsWith("Generated (", StringComparison.Ordinal));
    }

    [Fact]
    public void OptionsAreTheAttributes()
    {
        Assert.Equal(new ConvTranspose1dOptions(16, 8, 4), Kernel("Line1dK16S8P4").Options);
        var leaky = new ConvTranspose1dOptions(4, 2, 1) { ActivationSlope = 0.1f };
        Assert.Equal(leaky with { Activation = RuntimeEnum.Named(leaky.Activation, "LeakyRelu") }, Kernel("Line1dK4S2P1Fixed").Options);
        Assert.Equal(new ConvTranspose1dOptions(3, 3, 1) { OutputPadding = 2, Dilation = 2 }, Kernel("Line1dK3S3Op2Dilation2").Options);
        var silu = new ConvTranspose1dOptions(5, 1, 2) { Groups = 2 };
        Assert.Equal(silu with { Activation = RuntimeEnum.Named(silu.Activation, "Silu") }, Kernel("Line1dK5S1P2GroupsSilu").Options);
        Assert.Equal(new ConvTranspose1dOptions(3, 12, 1), Kernel("Line1dFallback").Options);
    }

    /// <summary>A kernel generated for fixed channels refuses others, naming them.</summary>
    [Fact]
    public void FixedChannelsAreEnforced()
    {
        var kernel = Kernel("Line1dK4S2P1Fixed");
        var exception = Assert.ThrowsAny<ArgumentException>(() => kernel.Prepare(new float[4 * 4 * 4], [], 4, 4));
        Assert.Contains("8", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void MatchesTheReference(string name)
    {
        var kernel = Kernel(name);
        var random = new Random(name.Length * 7 + 1);
        int fixedIn = name.Contains("Fixed", StringComparison.Ordinal) ? 8 : 0, fixedOut = fixedIn > 0 ? 4 : 0;
        int groups = kernel.Options.Groups;
        foreach (int length in new[] { 1, 3, 17, 64, 300 })
        {
            var shape = new ConvTranspose1dShape(random.Next(1, 3), fixedIn > 0 ? fixedIn : groups * random.Next(1, 4),
                fixedOut > 0 ? fixedOut : groups * random.Next(1, 7), length);
            Compare(kernel, shape, random, nan: false);
            Compare(kernel, shape, random, nan: true);
        }
    }

    private static void Compare(ConvTranspose1d kernel, ConvTranspose1dShape shape, Random random, bool nan)
    {
        var o = kernel.Options;
        var input = RandomData.Uniform(random, shape.Batch * shape.InChannels * shape.Length);
        if (nan)
            input[random.Next(input.Length)] = float.NaN;
        var weight = RandomData.Uniform(random, shape.InChannels * (shape.OutChannels / o.Groups) * o.Kernel);
        var bias = random.Next(3) == 0 ? Array.Empty<float>() : RandomData.Uniform(random, shape.OutChannels);
        int length = shape.Batch * shape.OutChannels * kernel.GetOutputLength(shape.Length);
        var expected = new float[length];
        ConvTranspose1d.Create(o, ConvTranspose2dAlgorithm.Reference).Run(input, weight, bias, expected, shape, 1);
        if (nan)
            Assert.True(OutputClassAssert.Count(expected).NaN > 0, $"{o} {shape}: a NaN input must give NaN outputs");

        var buffer = OutputAssert.GuardedBuffer(length);
        kernel.Run(input, weight, bias, buffer.AsSpan(0, length), shape, maxDegreeOfParallelism: 1);
        OutputClassAssert.SameClassesAndGuarded(expected, buffer, $"{o} {shape} Run nan={nan}");
        buffer = OutputAssert.GuardedBuffer(length);
        kernel.Prepare(weight, bias, shape.InChannels, shape.OutChannels).Run(input, buffer.AsSpan(0, length), shape.Batch, shape.Length, maxDegreeOfParallelism: 3);
        OutputClassAssert.SameClassesAndGuarded(expected, buffer, $"{o} {shape} Prepare nan={nan}");
    }

    private static ConvTranspose1d Kernel(string name) =>
        (ConvTranspose1d)CompileAndRunTests.Layers.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, null)!;
}
