using System;
using TConvGen.Runtime.Tests.Support;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>Each rule on the problem's shape: channels >= 1 and divisible by the groups, batch >= 0, input >= 1x1 and
/// output >= 1x1; through Run, Prepare and PreparedConvTranspose2d.Run, for every algorithm.</summary>
public sealed class ShapeValidationTests
{
    private static readonly ConvTranspose2dOptions Grouped = new ConvTranspose2dOptions(kernel: 2, stride: 2) { Groups = 3 };

    [Theory]
    [MemberData(nameof(AllAlgorithms.Data), MemberType = typeof(AllAlgorithms))]
    public void InChannelsNotDivisibleByGroupsAreRefused(ConvTranspose2dAlgorithm algorithm)
    {
        var kernel = ConvTranspose2d.Create(Grouped, algorithm);
        var shape = new ConvTranspose2dShape(1, 4, 6, 2, 2);

        ExceptionAssert.OutOfRange(() => kernel.Run(new float[16], new float[32], [], new float[6 * 16], shape), "inChannels", 4, "Groups (3)");
        ExceptionAssert.OutOfRange(() => kernel.Prepare(new float[32], [], 4, 6), "inChannels", 4, "Groups (3)");
    }

    [Theory]
    [MemberData(nameof(AllAlgorithms.Data), MemberType = typeof(AllAlgorithms))]
    public void OutChannelsNotDivisibleByGroupsAreRefused(ConvTranspose2dAlgorithm algorithm)
    {
        var kernel = ConvTranspose2d.Create(Grouped, algorithm);
        var shape = new ConvTranspose2dShape(1, 3, 5, 2, 2);

        ExceptionAssert.OutOfRange(() => kernel.Run(new float[12], new float[12], [], new float[5 * 16], shape), "outChannels", 5, "Groups (3)");
        ExceptionAssert.OutOfRange(() => kernel.Prepare(new float[12], [], 3, 5), "outChannels", 5, "Groups (3)");
    }

    [Theory]
    [InlineData(0, 3, "inChannels", 0)]
    [InlineData(-3, 3, "inChannels", -3)]
    [InlineData(3, 0, "outChannels", 0)]
    public void ChannelsBelowOneAreRefused(int inChannels, int outChannels, string parameter, int value)
    {
        var kernel = ConvTranspose2d.Create(new ConvTranspose2dOptions(2));

        ExceptionAssert.OutOfRange(() => kernel.Run([], [], [], [], new ConvTranspose2dShape(1, inChannels, outChannels, 2, 2)), parameter, value, ">= 1");
        ExceptionAssert.OutOfRange(() => kernel.Prepare([], [], inChannels, outChannels), parameter, value, ">= 1");
    }

    [Fact]
    public void NegativeBatchIsRefused()
    {
        var kernel = ConvTranspose2d.Create(new ConvTranspose2dOptions(2));
        var prepared = kernel.Prepare(new float[4], [], 1, 1);

        ExceptionAssert.OutOfRange(() => kernel.Run([], new float[4], [], [], new ConvTranspose2dShape(-1, 1, 1, 2, 2)), "batch", -1, ">= 0");
        ExceptionAssert.OutOfRange(() => prepared.Run([], [], -2, 2, 2), "batch", -2, ">= 0");
    }

    /// <summary>N = 0 is legal, as in PyTorch: empty spans, nothing to do.</summary>
    [Theory]
    [MemberData(nameof(AllAlgorithms.Data), MemberType = typeof(AllAlgorithms))]
    public void EmptyBatchIsAccepted(ConvTranspose2dAlgorithm algorithm)
    {
        var kernel = ConvTranspose2d.Create(new ConvTranspose2dOptions(2), algorithm);

        kernel.Run([], new float[4], [], [], new ConvTranspose2dShape(0, 1, 1, 2, 2));
        kernel.Prepare(new float[4], [], 1, 1).Run([], [], 0, 2, 2);
    }

    [Theory]
    [InlineData(0, 2, "height", 0)]
    [InlineData(2, 0, "width", 0)]
    [InlineData(-5, 2, "height", -5)]
    public void InputSmallerThanOneByOneIsRefused(int height, int width, string parameter, int value)
    {
        var kernel = ConvTranspose2d.Create(new ConvTranspose2dOptions(2));

        ExceptionAssert.OutOfRange(() => kernel.Run([], new float[4], [], [], new ConvTranspose2dShape(1, 1, 1, height, width)), parameter, value, ">= 1");
        ExceptionAssert.OutOfRange(() => kernel.GetOutputSize(height, width), parameter, value, ">= 1");
        ExceptionAssert.OutOfRange(() => kernel.Prepare(new float[4], [], 1, 1).Run([], [], 1, height, width), parameter, value, ">= 1");
    }

    /// <summary>Kernel 1, padding 1 on a 1x1 input: (1-1)*1 - 2 + 0 + 0 + 1 = -1 rows. The message gives both sizes.</summary>
    [Theory]
    [InlineData(1, 5, "height", 1, "(-1 x 3)")]
    [InlineData(5, 1, "width", 1, "(3 x -1)")]
    public void OutputSmallerThanOneByOneIsRefused(int height, int width, string parameter, int value, string computed)
    {
        var kernel = ConvTranspose2d.Create(new ConvTranspose2dOptions(kernel: 1, padding: 1));

        ExceptionAssert.OutOfRange(() => kernel.GetOutputSize(height, width), parameter, value, computed, "too small");
        ExceptionAssert.OutOfRange(() => kernel.Run(new float[height * width], [1f], [], [], new ConvTranspose2dShape(1, 1, 1, height, width)),
            parameter, value, computed);
    }

    /// <summary>Small legal outputs: kernel 1, stride 3, padding 1 on 2x2 gives 3 - 2 + 1 = 2; kernel 3, padding 1 on 1x1 gives exactly 1x1.</summary>
    [Fact]
    public void OutputOfOneByOneIsAccepted()
    {
        var kernel = ConvTranspose2d.Create(new ConvTranspose2dOptions(kernel: 1, stride: 3, padding: 1));

        Assert.Equal((2, 2), kernel.GetOutputSize(2, 2));
        Assert.Equal((1, 1), ConvTranspose2d.Create(new ConvTranspose2dOptions(kernel: 3, padding: 1)).GetOutputSize(1, 1));
    }
}
