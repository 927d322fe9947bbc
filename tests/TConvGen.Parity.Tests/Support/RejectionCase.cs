using System;

namespace TConvGen.Parity.Tests.Support;

/// <summary>
/// A call that may be invalid: options and input shape as given (no validation), a weight tensor of
/// (<paramref name="WeightInChannels"/>, Cout/groups, kH, kW) and a bias of <paramref name="BiasLength"/> values.
/// Both libraries get the same tensors; the question is only whether each accepts the call.
/// </summary>
public sealed record RejectionCase(string Name, ConvTranspose2dOptions Options, ConvTranspose2dShape Shape, int WeightInChannels, int BiasLength)
{
    /// <summary>A call whose weight and bias match the shape.</summary>
    public static RejectionCase Matching(string name, ConvTranspose2dOptions options, ConvTranspose2dShape shape, bool bias = true) =>
        new(name, options, shape, shape.InChannels, bias ? shape.OutChannels : 0);

    private long OutPerGroup => Options.Groups > 0 ? Shape.OutChannels / Options.Groups : Shape.OutChannels;

    /// <summary>The weight's element count (at least 0).</summary>
    public int WeightLength => (int)Math.Max(0, WeightInChannels * OutPerGroup * Options.KernelHeight * Options.KernelWidth);

    /// <summary>The input's element count (at least 0).</summary>
    public int InputLength => Math.Max(0, Shape.Batch * Shape.InChannels * Shape.Height * Shape.Width);

    /// <summary>The output's element count by the formula, or 0 where the formula gives no output.</summary>
    public int OutputLength
    {
        get
        {
            long h = ParityCase.OutputLength(Options.KernelHeight, Options.StrideHeight, Options.PaddingHeight, Options.DilationHeight, Options.OutputPaddingHeight, Shape.Height);
            long w = ParityCase.OutputLength(Options.KernelWidth, Options.StrideWidth, Options.PaddingWidth, Options.DilationWidth, Options.OutputPaddingWidth, Shape.Width);
            return h < 1 || w < 1 ? 0 : (int)Math.Max(0, Shape.Batch * Shape.OutChannels * h * w);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Options} on {Shape}, weight ({WeightInChannels}, {OutPerGroup}, ..), bias {BiasLength}";
}
