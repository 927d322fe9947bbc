using System;
using System.Linq;
using TConvGen.Parity.Tests.Support;
using TConvGen.Peers;
using Xunit;

namespace TConvGen.Parity.Tests;

/// <summary>
/// TConvGen refuses exactly what libtorch refuses: every call libtorch's conv_transpose2d rejects is rejected by every
/// TConvGen algorithm (with an ArgumentException), and a sample of valid calls is accepted by both.
/// </summary>
public sealed class RejectionParityTests
{
    private static readonly ConvTranspose2dShape Small = new(1, 4, 6, 5, 5);

    /// <summary>Invalid calls, each with the words of libtorch's refusal and the parameter TConvGen's exception must name,
    /// so that both refuse the call for the reason it is in the list for.</summary>
    private static readonly (RejectionCase Case, string LibTorchSays, string Parameter)[] Invalid =
    [
        (RejectionCase.Matching("output padding = stride (dilation 1)", new(3, 2, 1) { OutputPaddingHeight = 2 }, Small), "output padding must be smaller than either stride or dilation", "OutputPaddingHeight"),
        (RejectionCase.Matching("output padding = dilation > stride", new(3, 1, 1) { DilationWidth = 3, OutputPaddingWidth = 3 }, Small), "output padding must be smaller than either stride or dilation", "OutputPaddingWidth"),
        (RejectionCase.Matching("output padding far above both", new(3, 2, 0) { OutputPadding = 5 }, Small), "output padding must be smaller than either stride or dilation", "OutputPaddingHeight"),
        (RejectionCase.Matching("negative output padding", new(3, 2, 1) { OutputPaddingWidth = -1 }, Small), "negative output_padding is not supported", "OutputPaddingWidth"),
        (RejectionCase.Matching("negative padding", new(3, 2, 1) { PaddingHeight = -1 }, Small), "negative padding is not supported", "PaddingHeight"),
        (RejectionCase.Matching("stride 0", new(3, 1, 1) { StrideWidth = 0 }, Small), "non-positive stride is not supported", "StrideWidth"),
        (RejectionCase.Matching("negative stride", new(3, 1, 1) { StrideHeight = -2 }, Small), "non-positive stride is not supported", "StrideHeight"),
        (RejectionCase.Matching("dilation 0", new(3, 1, 1) { DilationHeight = 0 }, Small), "dilation should be greater than zero", "DilationHeight"),
        (RejectionCase.Matching("negative dilation", new(3, 1, 1) { DilationWidth = -1 }, Small), "dilation should be greater than zero", "DilationWidth"),
        (RejectionCase.Matching("groups 0", new(3, 1, 1) { Groups = 0 }, Small), "non-positive groups is not supported", "Groups"),
        (RejectionCase.Matching("negative groups", new(3, 1, 1) { Groups = -2 }, Small), "non-positive groups is not supported", "Groups"),
        (RejectionCase.Matching("input channels not divisible by groups", new(3, 1, 1) { Groups = 2 }, new ConvTranspose2dShape(1, 3, 4, 5, 5)), "expected weight to be divisible by 2", "inChannels"),
        (RejectionCase.Matching("output too small (both axes)", new(1, 1, 1), new ConvTranspose2dShape(1, 2, 2, 1, 1)), "Output size is too small", "height"),
        (RejectionCase.Matching("output too small (width)", new ConvTranspose2dOptions(1) { KernelHeight = 3, PaddingWidth = 1 }, new ConvTranspose2dShape(1, 2, 2, 3, 1)), "Output size is too small", "width"),
        (RejectionCase.Matching("output of zero rows", new(2, 1, 1), new ConvTranspose2dShape(1, 2, 2, 1, 4)), "Output size is too small", "height"),
        (RejectionCase.Matching("input of zero rows", new(3, 1, 1), new ConvTranspose2dShape(1, 2, 2, 0, 4)), "Only zero batch or zero channel inputs are supported", "height"),
        (RejectionCase.Matching("kernel height 0", new ConvTranspose2dOptions(3) { KernelHeight = 0 }, Small), "kernel size should be greater than zero", "KernelHeight"),
        (RejectionCase.Matching("no input channels", new(3, 2, 1), new ConvTranspose2dShape(1, 0, 2, 4, 4)), "expected weight to be at least 1 at dimension 0", "inChannels"),
        (RejectionCase.Matching("no output channels", new(3, 2, 1), new ConvTranspose2dShape(1, 2, 0, 4, 4), bias: false), "non-empty 2D or 4D weight tensor expected", "outChannels"),
        (new("bias of the wrong length", new(3, 2, 1), Small, Small.InChannels, Small.OutChannels + 1), "expected bias to be 1-dimensional with 6 elements", "bias"),
        (new("weight for fewer input channels than the input has", new(3, 2, 1), Small, Small.InChannels - 1, Small.OutChannels), "to have 3 channels, but got 4 channels", "weight"),
    ];

    public static TheoryData<int> InvalidCases => new(Enumerable.Range(0, Invalid.Length));

    /// <summary>Valid boundary calls, and 30 random valid configurations.</summary>
    private static readonly RejectionCase[] Valid =
    [
        RejectionCase.Matching("largest output padding allowed by stride", new(3, 3, 1) { OutputPadding = 2 }, Small),
        RejectionCase.Matching("largest output padding allowed by dilation", new(3, 1, 1) { Dilation = 4, OutputPadding = 3 }, Small),
        RejectionCase.Matching("output of exactly 1x1", new(3, 1, 1), new ConvTranspose2dShape(1, 2, 2, 1, 1)),
        RejectionCase.Matching("empty batch", new(3, 2, 1), new ConvTranspose2dShape(0, 4, 6, 5, 5)),
        RejectionCase.Matching("per-axis output padding: height by stride, width by dilation", new ConvTranspose2dOptions(3)
            { StrideHeight = 3, DilationWidth = 3, OutputPaddingHeight = 2, OutputPaddingWidth = 2 }, Small),
        RejectionCase.Matching("groups = channels", new(3, 2, 1) { Groups = 4 }, new ConvTranspose2dShape(2, 4, 8, 3, 3)),
        RejectionCase.Matching("kernel larger than the input", new(7, 1, 0), new ConvTranspose2dShape(1, 1, 1, 2, 2), bias: false),
        RejectionCase.Matching("stride larger than the kernel", new(2, 5, 0), new ConvTranspose2dShape(1, 1, 1, 3, 3)),
        RejectionCase.Matching("padding larger than the kernel", new(3, 4, 4), new ConvTranspose2dShape(1, 1, 1, 4, 4)),
        .. Enumerable.Range(5000, 30).Select(s => ParityCase.Random(s)).Select(c => RejectionCase.Matching(c.Name, c.Options, c.Shape, c.Bias.Length > 0)),
    ];

    public static TheoryData<int> ValidCases => new(Enumerable.Range(0, Valid.Length));

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void CallLibTorchRejectsIsRejectedByEveryAlgorithm(int index)
    {
        var (c, libTorchSays, parameter) = Invalid[index];

        var torch = Assert.ThrowsAny<System.Runtime.InteropServices.ExternalException>(() => RunLibTorch(c));
        Assert.Contains(libTorchSays, torch.Message, StringComparison.Ordinal);
        foreach (var algorithm in Enum.GetValues<ConvTranspose2dAlgorithm>())
        {
            var refusal = Assert.ThrowsAny<ArgumentException>(() => RunTConvGen(c, algorithm));
            Assert.Equal(parameter, refusal.ParamName);
        }
    }

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void CallLibTorchAcceptsIsAcceptedByEveryAlgorithm(int index)
    {
        var c = Valid[index];

        RunLibTorch(c);
        foreach (var algorithm in Enum.GetValues<ConvTranspose2dAlgorithm>())
            RunTConvGen(c, algorithm);
    }

    private static void RunLibTorch(RejectionCase c)
    {
        using var peer = new LibTorchConvTranspose2d(c.Options, c.WeightInChannels, c.Shape.OutChannels, new float[c.WeightLength], new float[c.BiasLength]);
        peer.Run(new float[c.InputLength], c.Shape);
    }

    private static void RunTConvGen(RejectionCase c, ConvTranspose2dAlgorithm algorithm) =>
        ConvTranspose2d.Create(c.Options, algorithm).Run(new float[c.InputLength], new float[c.WeightLength], new float[c.BiasLength], new float[c.OutputLength], c.Shape);
}
