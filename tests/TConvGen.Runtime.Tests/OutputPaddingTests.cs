using System;
using TConvGen.Runtime.Tests.Support;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary><see cref="ConvTranspose2d.GetOutputPadding"/> (PyTorch's <c>output_size=</c>): op = size - min, legal for
/// min &lt;= size &lt;= min + stride - 1 where min is the output with op = 0; the options' own output padding is ignored.</summary>
public sealed class OutputPaddingTests
{
    /// <summary>Every legal size of an asymmetric configuration gives back op = size - min, and that op reproduces the size.</summary>
    [Fact]
    public void EveryLegalSizeGivesTheOutputPaddingThatProducesIt()
    {
        var options = new ConvTranspose2dOptions(1)
        {
            KernelHeight = 3, KernelWidth = 4, StrideHeight = 3, StrideWidth = 2, PaddingHeight = 1, PaddingWidth = 2, DilationWidth = 2,
        };
        var kernel = ConvTranspose2d.Create(options);
        int minHeight = (5 - 1) * 3 - 2 + 2 + 1, minWidth = (4 - 1) * 2 - 4 + 6 + 1; // 13, 9

        for (int h = minHeight; h <= minHeight + 2; h++)
        for (int w = minWidth; w <= minWidth + 1; w++)
        {
            var (opH, opW) = kernel.GetOutputPadding(5, 4, h, w);
            Assert.Equal((h - minHeight, w - minWidth), (opH, opW));
            var padded = ConvTranspose2d.Create(options with { OutputPaddingHeight = opH, OutputPaddingWidth = opW });
            Assert.Equal((h, w), padded.GetOutputSize(5, 4));
        }
    }

    [Fact]
    public void TheOptionsOwnOutputPaddingIsIgnored()
    {
        var plain = ConvTranspose2d.Create(new ConvTranspose2dOptions(kernel: 4, stride: 2, padding: 1));
        var padded = ConvTranspose2d.Create(new ConvTranspose2dOptions(kernel: 4, stride: 2, padding: 1) { OutputPadding = 1 });

        Assert.Equal((1, 0), plain.GetOutputPadding(8, 8, 17, 16));
        Assert.Equal((1, 0), padded.GetOutputPadding(8, 8, 17, 16));
    }

    [Theory]
    [InlineData(15, 16, "outputHeight", 15)] // below min (16)
    [InlineData(18, 16, "outputHeight", 18)] // above min + stride - 1 (17)
    [InlineData(16, 15, "outputWidth", 15)]
    [InlineData(17, 18, "outputWidth", 18)]
    [InlineData(0, 16, "outputHeight", 0)]
    public void SizeOutsideTheLegalRangeIsRefusedWithTheRange(int outputHeight, int outputWidth, string parameter, int value)
    {
        var kernel = ConvTranspose2d.Create(new ConvTranspose2dOptions(kernel: 4, stride: 2, padding: 1));

        ExceptionAssert.OutOfRange(() => kernel.GetOutputPadding(8, 8, outputHeight, outputWidth), parameter, value, "[16, 16]", "[17, 17]");
    }

    /// <summary>With stride 1 the only legal size is the minimum, even when dilation would allow a larger output padding.</summary>
    [Fact]
    public void StrideOneAllowsOnlyTheMinimum()
    {
        var kernel = ConvTranspose2d.Create(new ConvTranspose2dOptions(kernel: 3) { Dilation = 3 });

        Assert.Equal((0, 0), kernel.GetOutputPadding(4, 4, 10, 10));
        ExceptionAssert.OutOfRange(() => kernel.GetOutputPadding(4, 4, 11, 10), "outputHeight", 11, "[10, 10]");
    }

    /// <summary>
    /// When the output with op = 0 is below 1x1 but a legal output padding lifts it to 1 or more, PyTorch's
    /// <c>_output_padding</c> accepts the size: kernel 1, stride 3, padding 1 on 1x1 gives min = -1, max = 1, so
    /// output_size 1 means op = 2 (legal: 2 &lt; stride 3), and conv_transpose2d then gives 1x1.
    /// </summary>
    [Fact]
    public void SizeReachableOnlyThroughOutputPaddingIsAccepted()
    {
        var options = new ConvTranspose2dOptions(kernel: 1, stride: 3, padding: 1);
        var kernel = ConvTranspose2d.Create(options);

        Assert.Equal((2, 2), kernel.GetOutputPadding(1, 1, 1, 1));
        Assert.Equal((1, 1), ConvTranspose2d.Create(options with { OutputPadding = 2 }).GetOutputSize(1, 1));
        ExceptionAssert.OutOfRange(() => kernel.GetOutputPadding(1, 1, 0, 1), "outputHeight", 0, "[1, 1]");
        ExceptionAssert.OutOfRange(() => kernel.GetOutputPadding(1, 1, 1, 2), "outputWidth", 2, "[1, 1]");
    }

    /// <summary>An input whose largest output (op = stride - 1) is still below 1x1 is refused like GetOutputSize refuses it.</summary>
    [Fact]
    public void InputWhoseOutputIsTooSmallIsRefused()
    {
        var kernel = ConvTranspose2d.Create(new ConvTranspose2dOptions(kernel: 1, stride: 2, padding: 2));

        ExceptionAssert.OutOfRange(() => kernel.GetOutputPadding(1, 3, 1, 3), "height", 1, "too small");
    }

    [Fact]
    public void InputSmallerThanOneByOneIsRefused()
    {
        var kernel = ConvTranspose2d.Create(new ConvTranspose2dOptions(kernel: 4, stride: 2));

        ExceptionAssert.OutOfRange(() => kernel.GetOutputPadding(3, 0, 8, 2), "width", 0, ">= 1");
    }
}
