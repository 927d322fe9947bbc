using System;
using TConvGen.Runtime.Tests.Support;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>An output span that shares memory with the input, the weight or the bias is refused (naming "output" and the
/// other span), because a kernel that writes while it reads would compute garbage.</summary>
public sealed class OverlapValidationTests
{
    // Cin 1, Cout 2, kernel 2, 2x2 input -> 3x3 output: input 4, weight 8, bias 2, output 18 elements.
    private static readonly ConvTranspose2dShape Shape = new(1, 1, 2, 2, 2);

    [Theory]
    [MemberData(nameof(AllAlgorithms.Data), MemberType = typeof(AllAlgorithms))]
    public void OutputOverlappingInputIsRefused(ConvTranspose2dAlgorithm algorithm)
    {
        var kernel = ConvTranspose2d.Create(new ConvTranspose2dOptions(2), algorithm);
        var memory = new float[20];

        ExceptionAssert.Argument(() => kernel.Run(memory.AsSpan(16, 4), new float[8], [], memory.AsSpan(0, 18), Shape), "output", "input");
        ExceptionAssert.Argument(() => kernel.Prepare(new float[8], [], 1, 2).Run(memory.AsSpan(0, 4), memory.AsSpan(2, 18), 1, 2, 2), "output", "input");
    }

    [Theory]
    [MemberData(nameof(AllAlgorithms.Data), MemberType = typeof(AllAlgorithms))]
    public void OutputOverlappingWeightIsRefused(ConvTranspose2dAlgorithm algorithm)
    {
        var kernel = ConvTranspose2d.Create(new ConvTranspose2dOptions(2), algorithm);
        var memory = new float[18];

        ExceptionAssert.Argument(() => kernel.Run(new float[4], memory.AsSpan(10, 8), [], memory, Shape), "output", "weight");
    }

    [Theory]
    [MemberData(nameof(AllAlgorithms.Data), MemberType = typeof(AllAlgorithms))]
    public void OutputOverlappingBiasIsRefused(ConvTranspose2dAlgorithm algorithm)
    {
        var kernel = ConvTranspose2d.Create(new ConvTranspose2dOptions(2), algorithm);
        var memory = new float[19];

        ExceptionAssert.Argument(() => kernel.Run(new float[4], new float[8], memory.AsSpan(17, 2), memory.AsSpan(0, 18), Shape), "output", "bias");
    }

    /// <summary>Adjacent, non-overlapping slices of one array are fine.</summary>
    [Theory]
    [MemberData(nameof(AllAlgorithms.Data), MemberType = typeof(AllAlgorithms))]
    public void AdjacentSlicesOfOneArrayAreAccepted(ConvTranspose2dAlgorithm algorithm)
    {
        var kernel = ConvTranspose2d.Create(new ConvTranspose2dOptions(2), algorithm);
        var memory = new float[4 + 8 + 2 + 18];
        memory.AsSpan(0, 14).Fill(1f);

        kernel.Run(memory.AsSpan(0, 4), memory.AsSpan(4, 8), memory.AsSpan(12, 2), memory.AsSpan(14, 18), Shape);

        Assert.Equal(5f, memory[14 + 4]); // the centre of a 3x3 output: four taps of 1*1, plus bias 1
    }
}
