using System;
using TConvGen.Runtime.Tests.Support;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary><see cref="ConvTranspose2dProblem.Create"/> (public, and what generated kernels build on) checks every rule by
/// itself, not only through <see cref="ConvTranspose2d.Run"/>, and computes the sizes it promises.</summary>
public sealed class ProblemValidationTests
{
    private static readonly ConvTranspose2dOptions Grouped = new ConvTranspose2dOptions(kernel: 3, stride: 2, padding: 1) { Groups = 2, OutputPadding = 1 };

    [Fact]
    public void ValidProblemHasTheFormulasSizes()
    {
        var problem = ConvTranspose2dProblem.Create(Grouped, new ConvTranspose2dShape(3, 4, 6, 5, 7));

        Assert.Equal((10, 14), (problem.OutputHeight, problem.OutputWidth)); // (5-1)*2 - 2 + 2 + 1 + 1, (7-1)*2 - 2 + 2 + 1 + 1
        Assert.Equal((2, 3), (problem.InChannelsPerGroup, problem.OutChannelsPerGroup));
        Assert.Equal(3 * 4 * 5 * 7, problem.InputLength);
        Assert.Equal(3 * 6 * 10 * 14, problem.OutputLength);
        Assert.Equal(4 * 3 * 3 * 3, problem.WeightLength);
        Assert.Equal(3L * 4 * 3 * 9 * 35, problem.MultiplyAdds);
    }

    [Fact]
    public void InvalidOptionsAreRefused() =>
        ExceptionAssert.OutOfRange(() => ConvTranspose2dProblem.Create(Grouped with { StrideWidth = 0 }, new ConvTranspose2dShape(1, 2, 2, 2, 2)),
            nameof(ConvTranspose2dOptions.StrideWidth), 0);

    [Fact]
    public void InChannelsNotDivisibleByGroupsAreRefused() =>
        ExceptionAssert.OutOfRange(() => ConvTranspose2dProblem.Create(Grouped, new ConvTranspose2dShape(1, 3, 6, 5, 5)), "inChannels", 3, "Groups (2)");

    [Fact]
    public void OutChannelsNotDivisibleByGroupsAreRefused() =>
        ExceptionAssert.OutOfRange(() => ConvTranspose2dProblem.Create(Grouped, new ConvTranspose2dShape(1, 4, 5, 5, 5)), "outChannels", 5, "Groups (2)");

    [Fact]
    public void NegativeBatchIsRefused() =>
        ExceptionAssert.OutOfRange(() => ConvTranspose2dProblem.Create(Grouped, new ConvTranspose2dShape(-1, 4, 6, 5, 5)), "batch", -1);

    [Fact]
    public void OutputTooSmallIsRefused() =>
        ExceptionAssert.OutOfRange(() => ConvTranspose2dProblem.Create(new ConvTranspose2dOptions(kernel: 1, padding: 2), new ConvTranspose2dShape(1, 1, 1, 3, 9)),
            "height", 3, "too small");

    [Fact]
    public void OverflowingOutputIsRefused()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() =>
            ConvTranspose2dProblem.Create(new ConvTranspose2dOptions(kernel: 2, stride: 2), new ConvTranspose2dShape(1, 1, 1, 30000, 30000)));

        Assert.Equal("output", exception.ParamName);
    }

    [Fact]
    public void NullOptionsAreRefused() =>
        Assert.Throws<ArgumentNullException>(() => ConvTranspose2dProblem.Create(null!, new ConvTranspose2dShape(1, 1, 1, 1, 1)));
}
