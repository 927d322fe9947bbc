using System;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>Shapes whose tensors or sizes would not fit in an <see cref="int"/> are refused before anything is computed
/// (never wrapped round to a small or negative length).</summary>
public sealed class OverflowValidationTests
{
    private static readonly ConvTranspose2d Kernel = ConvTranspose2d.Create(new ConvTranspose2dOptions(kernel: 2, stride: 2));

    [Fact]
    public void InputLongerThanASpanIsRefused()
    {
        // 2 * 1 * 40000 * 40000 = 3.2e9 elements; with batch 2 the wrapped int product would even be negative.
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Kernel.Run([], new float[4], [], [], new ConvTranspose2dShape(2, 1, 1, 40000, 40000)));

        Assert.Equal("input", exception.ParamName);
        Assert.Contains("3200000000", exception.Message, StringComparison.Ordinal);
        Assert.Contains(int.MaxValue.ToString(), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OutputLongerThanASpanIsRefused()
    {
        // The input fits (1 * 1 * 30000 * 30000 = 9e8), the output does not (60000 * 60000 = 3.6e9).
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Kernel.Run([], new float[4], [], [], new ConvTranspose2dShape(1, 1, 1, 30000, 30000)));

        Assert.Equal("output", exception.ParamName);
        Assert.Contains("3600000000", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WeightLongerThanASpanIsRefused()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Kernel.Run([], [], [], [], new ConvTranspose2dShape(1, 40000, 40000, 1, 1)));

        Assert.Equal("weight", exception.ParamName);
        Assert.Contains("6400000000", exception.Message, StringComparison.Ordinal);
    }

    /// <summary>An output axis longer than int.MaxValue (stride 4 on a 1e9-row input) is refused, not wrapped.</summary>
    [Fact]
    public void OutputAxisLongerThanAnIntIsRefused()
    {
        var kernel = ConvTranspose2d.Create(new ConvTranspose2dOptions(kernel: 4, stride: 4));

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => kernel.GetOutputSize(1_000_000_000, 1));

        Assert.Equal("height", exception.ParamName);
        Assert.Contains("4000000000", exception.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => kernel.Run([], new float[16], [], [], new ConvTranspose2dShape(1, 1, 1, 1, 1_000_000_000)));
    }

    /// <summary>Sizes that wrap round in 32 bits to something positive and plausible are still refused:
    /// 65536 * 65537 = 2^32 + 65536, which wraps to 65536.</summary>
    [Fact]
    public void ProductThatWrapsToAPlausibleLengthIsRefused()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Kernel.Run(new float[65536], new float[4], [], [], new ConvTranspose2dShape(1, 1, 1, 65536, 65537)));

        Assert.Equal("input", exception.ParamName);
    }

    [Fact]
    public void PrepareRefusesAWeightCountThatOverflows()
    {
        var exception = Assert.Throws<ArgumentException>(() => Kernel.Prepare(new float[4], [], 65536, 65536));

        Assert.Equal("weight", exception.ParamName);
        Assert.Contains("17179869184", exception.Message, StringComparison.Ordinal); // 65536 * 65536 * 4, in 64 bits
    }
}
