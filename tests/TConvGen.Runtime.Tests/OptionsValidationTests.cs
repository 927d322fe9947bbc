using System;
using TConvGen.Runtime.Tests.Support;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>Each rule on the hyper-parameters alone: kernel, stride, dilation and groups >= 1, padding >= 0,
/// 0 &lt;= output padding &lt;= max(stride, dilation) - 1 per axis. Checked by Validate and by Create for every algorithm.</summary>
public sealed class OptionsValidationTests
{
    private static readonly ConvTranspose2dOptions Valid = new(kernel: 3, stride: 2, padding: 1);

    public static TheoryData<string, int, string> BelowMinimum => new()
    {
        { nameof(ConvTranspose2dOptions.KernelHeight), 0, ">= 1" },
        { nameof(ConvTranspose2dOptions.KernelWidth), -1, ">= 1" },
        { nameof(ConvTranspose2dOptions.StrideHeight), 0, ">= 1" },
        { nameof(ConvTranspose2dOptions.StrideWidth), -2, ">= 1" },
        { nameof(ConvTranspose2dOptions.DilationHeight), 0, ">= 1" },
        { nameof(ConvTranspose2dOptions.DilationWidth), -3, ">= 1" },
        { nameof(ConvTranspose2dOptions.PaddingHeight), -1, ">= 0" },
        { nameof(ConvTranspose2dOptions.PaddingWidth), -7, ">= 0" },
        { nameof(ConvTranspose2dOptions.Groups), 0, ">= 1" },
        { nameof(ConvTranspose2dOptions.OutputPaddingHeight), -1, "[0, 1]" },
        { nameof(ConvTranspose2dOptions.OutputPaddingWidth), -1, "[0, 1]" },
    };

    [Theory]
    [MemberData(nameof(BelowMinimum))]
    public void ValueBelowItsMinimumIsRefusedByValidate(string parameter, int value, string range)
    {
        var options = With(parameter, value);

        ExceptionAssert.OutOfRange(options.Validate, parameter, value, range);
    }

    [Theory]
    [MemberData(nameof(BelowMinimum))]
    public void ValueBelowItsMinimumIsRefusedByCreateForEveryAlgorithm(string parameter, int value, string range)
    {
        var options = With(parameter, value);
        foreach (var algorithm in Enum.GetValues<ConvTranspose2dAlgorithm>())
            ExceptionAssert.OutOfRange(() => ConvTranspose2d.Create(options, algorithm), parameter, value, range);
    }

    /// <summary>Output padding must be smaller than max(stride, dilation), whichever of the two is larger, per axis.</summary>
    [Theory]
    [InlineData(2, 1, 2, "[0, 1]")] // stride is the larger
    [InlineData(1, 3, 3, "[0, 2]")] // dilation is the larger
    [InlineData(4, 4, 9, "[0, 3]")]
    [InlineData(1, 1, 1, "[0, 0]")]
    public void OutputPaddingNotSmallerThanStrideOrDilationIsRefused(int stride, int dilation, int outputPadding, string range)
    {
        var height = new ConvTranspose2dOptions(3) { StrideHeight = stride, DilationHeight = dilation, OutputPaddingHeight = outputPadding };
        var width = new ConvTranspose2dOptions(3) { StrideWidth = stride, DilationWidth = dilation, OutputPaddingWidth = outputPadding };

        ExceptionAssert.OutOfRange(height.Validate, nameof(ConvTranspose2dOptions.OutputPaddingHeight), outputPadding, range);
        ExceptionAssert.OutOfRange(width.Validate, nameof(ConvTranspose2dOptions.OutputPaddingWidth), outputPadding, range);
        ExceptionAssert.OutOfRange(() => ConvTranspose2d.Create(height), nameof(ConvTranspose2dOptions.OutputPaddingHeight), outputPadding, range);
    }

    /// <summary>The largest legal values on each side of every rule are accepted, so the tests above do not pass by refusing everything.</summary>
    [Theory]
    [InlineData(2, 1, 1)]
    [InlineData(1, 3, 2)]
    [InlineData(1, 1, 0)]
    [InlineData(5, 2, 4)]
    public void LargestLegalOutputPaddingIsAccepted(int stride, int dilation, int outputPadding)
    {
        var options = new ConvTranspose2dOptions(1)
        {
            StrideHeight = stride, DilationHeight = dilation, OutputPaddingHeight = outputPadding,
            StrideWidth = stride, DilationWidth = dilation, OutputPaddingWidth = outputPadding,
        };

        options.Validate();
        foreach (var algorithm in Enum.GetValues<ConvTranspose2dAlgorithm>())
            Assert.Equal(options, ConvTranspose2d.Create(options, algorithm).Options);
    }

    [Fact]
    public void SmallestLegalValuesAreAccepted()
    {
        var options = new ConvTranspose2dOptions(kernel: 1, stride: 1, padding: 0) { Dilation = 1, Groups = 1, OutputPadding = 0 };

        options.Validate();
        Assert.NotNull(ConvTranspose2d.Create(options));
    }

    [Fact]
    public void NullOptionsAreRefused() =>
        Assert.Throws<ArgumentNullException>(() => ConvTranspose2d.Create(null!));

    [Fact]
    public void UnknownAlgorithmIsRefused() =>
        ExceptionAssert.OutOfRange(() => ConvTranspose2d.Create(Valid, (ConvTranspose2dAlgorithm)12345), "algorithm", (ConvTranspose2dAlgorithm)12345);

    private static ConvTranspose2dOptions With(string parameter, int value) => parameter switch
    {
        nameof(ConvTranspose2dOptions.KernelHeight) => Valid with { KernelHeight = value },
        nameof(ConvTranspose2dOptions.KernelWidth) => Valid with { KernelWidth = value },
        nameof(ConvTranspose2dOptions.StrideHeight) => Valid with { StrideHeight = value },
        nameof(ConvTranspose2dOptions.StrideWidth) => Valid with { StrideWidth = value },
        nameof(ConvTranspose2dOptions.DilationHeight) => Valid with { DilationHeight = value },
        nameof(ConvTranspose2dOptions.DilationWidth) => Valid with { DilationWidth = value },
        nameof(ConvTranspose2dOptions.PaddingHeight) => Valid with { PaddingHeight = value },
        nameof(ConvTranspose2dOptions.PaddingWidth) => Valid with { PaddingWidth = value },
        nameof(ConvTranspose2dOptions.Groups) => Valid with { Groups = value },
        nameof(ConvTranspose2dOptions.OutputPaddingHeight) => Valid with { OutputPaddingHeight = value },
        nameof(ConvTranspose2dOptions.OutputPaddingWidth) => Valid with { OutputPaddingWidth = value },
        _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "unknown parameter"),
    };
}
