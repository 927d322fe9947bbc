using System;
using TConvGen.Runtime.Tests.Support;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>Spans of the wrong length are refused with <see cref="ArgumentException"/> naming the span, the expected
/// count (with its formula) and the actual count; for every algorithm, through Run, Prepare and the prepared Run.</summary>
public sealed class SpanLengthValidationTests
{
    // 2 images, Cin 4, Cout 6, groups 2, kernel 3x2, stride 2, 3x5 input -> 7x10 output.
    private static readonly ConvTranspose2dOptions Options = new ConvTranspose2dOptions(1) { KernelHeight = 3, KernelWidth = 2, Stride = 2, Groups = 2 };
    private static readonly ConvTranspose2dShape Shape = new(2, 4, 6, 3, 5);
    private const int InputLength = 2 * 4 * 3 * 5;    // 120
    private const int WeightLength = 4 * 3 * 3 * 2;   // 72
    private const int OutputLength = 2 * 6 * 7 * 10;  // 840

    [Theory]
    [MemberData(nameof(AllAlgorithms.Data), MemberType = typeof(AllAlgorithms))]
    public void WrongInputLengthIsRefused(ConvTranspose2dAlgorithm algorithm)
    {
        var kernel = ConvTranspose2d.Create(Options, algorithm);
        var prepared = kernel.Prepare(new float[WeightLength], [], 4, 6);

        ExceptionAssert.Argument(() => kernel.Run(new float[InputLength - 1], new float[WeightLength], [], new float[OutputLength], Shape),
            "input", $"= {InputLength} elements", $"has {InputLength - 1}", "2*4*3*5");
        ExceptionAssert.Argument(() => prepared.Run(new float[InputLength + 1], new float[OutputLength], 2, 3, 5),
            "input", $"= {InputLength} elements", $"has {InputLength + 1}");
    }

    [Theory]
    [MemberData(nameof(AllAlgorithms.Data), MemberType = typeof(AllAlgorithms))]
    public void WrongWeightLengthIsRefused(ConvTranspose2dAlgorithm algorithm)
    {
        var kernel = ConvTranspose2d.Create(Options, algorithm);

        // A full (Cin, Cout, kH, kW) tensor instead of (Cin, Cout/groups, kH, kW): the classic mistake with groups.
        ExceptionAssert.Argument(() => kernel.Run(new float[InputLength], new float[WeightLength * 2], [], new float[OutputLength], Shape),
            "weight", $"= {WeightLength} elements", $"has {WeightLength * 2}", "4*3*3*2");
        ExceptionAssert.Argument(() => kernel.Prepare(new float[WeightLength - 1], [], 4, 6),
            "weight", $"= {WeightLength} elements", $"has {WeightLength - 1}");
    }

    [Theory]
    [MemberData(nameof(AllAlgorithms.Data), MemberType = typeof(AllAlgorithms))]
    public void WrongBiasLengthIsRefused(ConvTranspose2dAlgorithm algorithm)
    {
        var kernel = ConvTranspose2d.Create(Options, algorithm);

        ExceptionAssert.Argument(() => kernel.Run(new float[InputLength], new float[WeightLength], new float[4], new float[OutputLength], Shape),
            "bias", "OutChannels = 6", "has 4");
        ExceptionAssert.Argument(() => kernel.Prepare(new float[WeightLength], new float[7], 4, 6), "bias", "OutChannels = 6", "has 7");
    }

    [Theory]
    [MemberData(nameof(AllAlgorithms.Data), MemberType = typeof(AllAlgorithms))]
    public void WrongOutputLengthIsRefused(ConvTranspose2dAlgorithm algorithm)
    {
        var kernel = ConvTranspose2d.Create(Options, algorithm);
        var prepared = kernel.Prepare(new float[WeightLength], new float[6], 4, 6);

        ExceptionAssert.Argument(() => kernel.Run(new float[InputLength], new float[WeightLength], [], new float[OutputLength + 7], Shape),
            "output", $"= {OutputLength} elements", $"has {OutputLength + 7}", "2*6*7*10");
        ExceptionAssert.Argument(() => prepared.Run(new float[InputLength], new float[OutputLength / 2], 2, 3, 5),
            "output", $"= {OutputLength} elements", $"has {OutputLength / 2}");
    }

    /// <summary>The exact lengths are accepted (with and without bias), so the refusals above are about the lengths.</summary>
    [Theory]
    [MemberData(nameof(AllAlgorithms.Data), MemberType = typeof(AllAlgorithms))]
    public void ExactLengthsAreAccepted(ConvTranspose2dAlgorithm algorithm)
    {
        var kernel = ConvTranspose2d.Create(Options, algorithm);

        kernel.Run(new float[InputLength], new float[WeightLength], [], new float[OutputLength], Shape);
        kernel.Run(new float[InputLength], new float[WeightLength], new float[6], new float[OutputLength], Shape);
        kernel.Prepare(new float[WeightLength], new float[6], 4, 6).Run(new float[InputLength], new float[OutputLength], 2, 3, 5);
    }
}
