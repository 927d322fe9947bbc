using System;

namespace TConvGen;

/// <summary>
/// A validated problem: options and shape checked against every rule, the output size computed and every
/// tensor length known to fit in an <see cref="int"/>. Kernels receive it instead of raw sizes.
/// </summary>
public sealed class ConvTranspose2dProblem
{
    private ConvTranspose2dProblem(ConvTranspose2dOptions options, ConvTranspose2dShape shape, int outputHeight, int outputWidth)
    {
        Options = options;
        Batch = shape.Batch;
        InChannels = shape.InChannels;
        OutChannels = shape.OutChannels;
        InputHeight = shape.Height;
        InputWidth = shape.Width;
        OutputHeight = outputHeight;
        OutputWidth = outputWidth;
        Groups = options.Groups;
        InChannelsPerGroup = InChannels / Groups;
        OutChannelsPerGroup = OutChannels / Groups;
        InputPlaneLength = InputHeight * InputWidth;
        OutputPlaneLength = OutputHeight * OutputWidth;
        InputImageLength = InChannels * InputPlaneLength;
        OutputImageLength = OutChannels * OutputPlaneLength;
        KernelPlaneLength = options.KernelHeight * options.KernelWidth;
        WeightLength = InChannels * OutChannelsPerGroup * KernelPlaneLength;
        InputLength = Batch * InputImageLength;
        OutputLength = Batch * OutputImageLength;
    }

    /// <summary>The hyper-parameters.</summary>
    public ConvTranspose2dOptions Options { get; }

    /// <summary>N.</summary>
    public int Batch { get; }

    /// <summary>Cin.</summary>
    public int InChannels { get; }

    /// <summary>Cout.</summary>
    public int OutChannels { get; }

    /// <summary>The number of channel groups.</summary>
    public int Groups { get; }

    /// <summary>Cin / groups.</summary>
    public int InChannelsPerGroup { get; }

    /// <summary>Cout / groups.</summary>
    public int OutChannelsPerGroup { get; }

    /// <summary>Hin.</summary>
    public int InputHeight { get; }

    /// <summary>Win.</summary>
    public int InputWidth { get; }

    /// <summary>Hout.</summary>
    public int OutputHeight { get; }

    /// <summary>Wout.</summary>
    public int OutputWidth { get; }

    /// <summary>Hin * Win.</summary>
    public int InputPlaneLength { get; }

    /// <summary>Hout * Wout.</summary>
    public int OutputPlaneLength { get; }

    /// <summary>kH * kW.</summary>
    public int KernelPlaneLength { get; }

    /// <summary>Cin * Hin * Win: the elements of one input image.</summary>
    public int InputImageLength { get; }

    /// <summary>Cout * Hout * Wout: the elements of one output image.</summary>
    public int OutputImageLength { get; }

    /// <summary>Cin * (Cout / groups) * kH * kW: the elements of the weight tensor.</summary>
    public int WeightLength { get; }

    /// <summary>N * Cin * Hin * Win.</summary>
    public int InputLength { get; }

    /// <summary>N * Cout * Hout * Wout.</summary>
    public int OutputLength { get; }

    /// <summary>The multiply-adds of the problem: N * Cin * (Cout / groups) * kH * kW * Hin * Win.</summary>
    public long MultiplyAdds => (long)Batch * InChannels * OutChannelsPerGroup * KernelPlaneLength * InputPlaneLength;

    /// <summary>Validates <paramref name="shape"/> against <paramref name="options"/> and computes the output size.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of its legal range, or a tensor would exceed <see cref="int.MaxValue"/> elements.</exception>
    public static ConvTranspose2dProblem Create(ConvTranspose2dOptions options, ConvTranspose2dShape shape)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (shape.Batch < 0)
            throw new ArgumentOutOfRangeException("batch", shape.Batch, $"batch must be >= 0, but got {shape.Batch}.");
        CheckChannels(shape.InChannels, options.Groups, "inChannels");
        CheckChannels(shape.OutChannels, options.Groups, "outChannels");
        var (outputHeight, outputWidth) = OutputSize(options, shape.Height, shape.Width);

        long kernelPlane = (long)options.KernelHeight * options.KernelWidth;
        CheckLength("weight", (long)shape.InChannels * (shape.OutChannels / options.Groups) * kernelPlane,
            $"InChannels*(OutChannels/Groups)*KernelHeight*KernelWidth = {shape.InChannels}*{shape.OutChannels / options.Groups}*{options.KernelHeight}*{options.KernelWidth}");
        CheckLength("input", (long)Math.Max(shape.Batch, 1) * shape.InChannels * shape.Height * shape.Width,
            $"Batch*InChannels*Height*Width = {shape.Batch}*{shape.InChannels}*{shape.Height}*{shape.Width}");
        CheckLength("output", (long)Math.Max(shape.Batch, 1) * shape.OutChannels * outputHeight * outputWidth,
            $"Batch*OutChannels*OutputHeight*OutputWidth = {shape.Batch}*{shape.OutChannels}*{outputHeight}*{outputWidth}");
        return new ConvTranspose2dProblem(options, shape, outputHeight, outputWidth);
    }

    /// <summary>PyTorch's output size for an input size, checked: both inputs and both outputs must be at least 1.</summary>
    internal static (int Height, int Width) OutputSize(ConvTranspose2dOptions options, int height, int width)
    {
        if (height < 1)
            throw new ArgumentOutOfRangeException(nameof(height), height, $"height must be >= 1, but got {height}.");
        if (width < 1)
            throw new ArgumentOutOfRangeException(nameof(width), width, $"width must be >= 1, but got {width}.");
        long outputHeight = options.HeightAxis.OutputLength(height);
        long outputWidth = options.WidthAxis.OutputLength(width);
        if (outputHeight < 1 || outputWidth < 1)
        {
            string name = outputHeight < 1 ? nameof(height) : nameof(width);
            throw new ArgumentOutOfRangeException(name, name == nameof(height) ? height : width,
                $"Given input size per channel: ({height} x {width}). Calculated output size per channel: ({outputHeight} x {outputWidth}). " +
                "Output size is too small: it must be >= 1 along both axes, where output = (input - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1. " +
                "Use a larger input, a smaller padding or a larger kernel.");
        }
        if (outputHeight > int.MaxValue || outputWidth > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(outputHeight > int.MaxValue ? nameof(height) : nameof(width),
                $"Given input size per channel: ({height} x {width}). Calculated output size per channel: ({outputHeight} x {outputWidth}) exceeds {int.MaxValue}.");
        }
        return ((int)outputHeight, (int)outputWidth);
    }

    /// <summary>Throws unless a span of <paramref name="actual"/> elements holds exactly <paramref name="expected"/>.</summary>
    internal static void CheckSpanLength(int actual, int expected, string name, string formula)
    {
        if (actual != expected)
            throw new ArgumentException($"{name} must have {formula} = {expected} elements, but has {actual}.", name);
    }

    internal string InputFormula => $"Batch*InChannels*Height*Width = {Batch}*{InChannels}*{InputHeight}*{InputWidth}";

    internal string OutputFormula => $"Batch*OutChannels*OutputHeight*OutputWidth = {Batch}*{OutChannels}*{OutputHeight}*{OutputWidth}";

    internal static void CheckChannels(int channels, int groups, string name) =>
        ConvTranspose2dRules.ThrowIfViolated(ConvTranspose2dRules.ChannelCount(name, channels, groups, minimum: 1));

    private static void CheckLength(string name, long length, string formula)
    {
        if (length > int.MaxValue)
            throw new ArgumentOutOfRangeException(name, $"{name} would have {formula} = {length} elements, more than a span can hold ({int.MaxValue}).");
    }
}
