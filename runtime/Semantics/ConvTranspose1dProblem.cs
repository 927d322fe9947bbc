using System;

namespace TConvGen;

/// <summary>
/// A validated 1-D problem: options and shape checked against every rule in 1-D terms (Length, Kernel), the output length
/// computed and every tensor length known to fit in an <see cref="int"/>, so that the planar (height 1) 2-D problem it
/// becomes can no longer be refused.
/// </summary>
internal sealed class ConvTranspose1dProblem
{
    private ConvTranspose1dProblem(ConvTranspose1dShape shape, int outputLength)
    {
        Shape = shape;
        OutputLength = outputLength;
        InputElements = shape.Batch * shape.InChannels * shape.Length;
        OutputElements = shape.Batch * shape.OutChannels * outputLength;
    }

    /// <summary>The problem size.</summary>
    public ConvTranspose1dShape Shape { get; }

    /// <summary>Lout.</summary>
    public int OutputLength { get; }

    /// <summary>N * Cin * Lin.</summary>
    public int InputElements { get; }

    /// <summary>N * Cout * Lout.</summary>
    public int OutputElements { get; }

    /// <summary>The same problem as a 2-D one of height 1.</summary>
    public ConvTranspose2dShape Planar => new(Shape.Batch, Shape.InChannels, Shape.OutChannels, 1, Shape.Length);

    /// <summary>Validates <paramref name="shape"/> against <paramref name="options"/> (already validated) and computes the output length.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of its legal range, or a tensor would exceed <see cref="int.MaxValue"/> elements.</exception>
    public static ConvTranspose1dProblem Create(ConvTranspose1dOptions options, ConvTranspose1dShape shape)
    {
        if (shape.Batch < 0)
            throw new ArgumentOutOfRangeException("batch", shape.Batch, $"batch must be >= 0, but got {shape.Batch}.");
        ConvTranspose2dProblem.CheckChannels(shape.InChannels, options.Groups, "inChannels");
        ConvTranspose2dProblem.CheckChannels(shape.OutChannels, options.Groups, "outChannels");
        int outputLength = ComputeOutputLength(options.Axis, shape.Length);
        CheckElements("weight", WeightElements(options, shape.InChannels, shape.OutChannels), WeightFormula(options, shape.InChannels, shape.OutChannels));
        CheckElements("input", (long)Math.Max(shape.Batch, 1) * shape.InChannels * shape.Length,
            $"Batch*InChannels*Length = {shape.Batch}*{shape.InChannels}*{shape.Length}");
        CheckElements("output", (long)Math.Max(shape.Batch, 1) * shape.OutChannels * outputLength,
            $"Batch*OutChannels*OutputLength = {shape.Batch}*{shape.OutChannels}*{outputLength}");
        return new ConvTranspose1dProblem(shape, outputLength);
    }

    /// <summary>PyTorch's output length for an input length, checked: both must be at least 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The input or the output is shorter than 1, or the output longer than <see cref="int.MaxValue"/>.</exception>
    public static int ComputeOutputLength(ConvAxis axis, int length)
    {
        if (length < 1)
            throw new ArgumentOutOfRangeException(nameof(length), length, $"length must be >= 1, but got {length}.");
        long outputLength = axis.OutputLength(length);
        if (outputLength < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length,
                $"Given input length per channel: {length}. Calculated output length per channel: {outputLength}. " +
                "Output size is too small: it must be >= 1, where output = (length - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1. " +
                "Use a longer input, a smaller padding or a larger kernel.");
        }
        if (outputLength > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length,
                $"Given input length per channel: {length}. Calculated output length per channel: {outputLength} exceeds {int.MaxValue}.");
        }
        return (int)outputLength;
    }

    /// <summary>Checks the channel counts and that the weight is <c>(inChannels, outChannels/groups, kernel)</c> and the bias empty or <c>(outChannels)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A channel count is out of range.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public static void CheckWeightAndBias(ConvTranspose1dOptions options, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels)
    {
        ConvTranspose2dProblem.CheckChannels(inChannels, options.Groups, nameof(inChannels));
        ConvTranspose2dProblem.CheckChannels(outChannels, options.Groups, nameof(outChannels));
        long expected = WeightElements(options, inChannels, outChannels);
        if (weight.Length != expected)
        {
            throw new ArgumentException(
                $"weight must have {WeightFormula(options, inChannels, outChannels)} = {expected} elements, but has {weight.Length}.", nameof(weight));
        }
        if (bias.Length != 0 && bias.Length != outChannels)
            throw new ArgumentException($"bias must be empty (no bias) or have OutChannels = {outChannels} elements, but has {bias.Length}.", nameof(bias));
    }

    /// <summary>Throws unless the input span holds exactly N * Cin * Lin elements.</summary>
    public void CheckInput(int actual) =>
        ConvTranspose2dProblem.CheckSpanLength(actual, InputElements, "input",
            $"Batch*InChannels*Length = {Shape.Batch}*{Shape.InChannels}*{Shape.Length}");

    /// <summary>Throws unless the output span holds exactly N * Cout * Lout elements.</summary>
    public void CheckOutput(int actual) =>
        ConvTranspose2dProblem.CheckSpanLength(actual, OutputElements, "output",
            $"Batch*OutChannels*OutputLength = {Shape.Batch}*{Shape.OutChannels}*{OutputLength}");

    private static long WeightElements(ConvTranspose1dOptions options, int inChannels, int outChannels) =>
        (long)inChannels * (outChannels / options.Groups) * options.Kernel;

    private static string WeightFormula(ConvTranspose1dOptions options, int inChannels, int outChannels) =>
        $"InChannels*(OutChannels/Groups)*Kernel = {inChannels}*{outChannels / options.Groups}*{options.Kernel}";

    private static void CheckElements(string name, long length, string formula)
    {
        if (length > int.MaxValue)
            throw new ArgumentOutOfRangeException(name, $"{name} would have {formula} = {length} elements, more than a span can hold ({int.MaxValue}).");
    }
}
