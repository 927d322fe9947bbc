using System;

namespace TConvGen;

/// <summary>
/// A 2-D transposed convolution (PyTorch's <c>nn.ConvTranspose2d</c>) for one configuration of
/// <see cref="ConvTranspose2dOptions"/>, on contiguous float32 NCHW tensors.
/// </summary>
/// <remarks>
/// <para>Layouts are PyTorch's: input <c>(N, Cin, Hin, Win)</c>, weight <c>(Cin, Cout/groups, kH, kW)</c>,
/// bias <c>(Cout)</c>, output <c>(N, Cout, Hout, Wout)</c>.</para>
/// <para><see cref="Create(ConvTranspose2dOptions)"/> gives the dynamic kernel for any configuration; methods marked
/// <c>[ConvTranspose]</c> return a generated kernel specialised for one configuration. Both are this type.
/// Instances are immutable and safe to use from many threads at once.</para>
/// </remarks>
public abstract class ConvTranspose2d
{
    /// <summary>Validates <paramref name="options"/> and keeps them.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its legal range.</exception>
    protected ConvTranspose2d(ConvTranspose2dOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The hyper-parameters this kernel computes.</summary>
    public ConvTranspose2dOptions Options { get; }

    /// <summary>A short name of the algorithm behind this kernel, for logs and benchmarks.</summary>
    public abstract string Algorithm { get; }

    /// <summary>The dynamic kernel for <paramref name="options"/>: the fastest algorithm this library has for it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its legal range.</exception>
    public static ConvTranspose2d Create(ConvTranspose2dOptions options) =>
        Create(options, ConvTranspose2dAlgorithm.Auto);

    /// <summary>A kernel for <paramref name="options"/> that uses the given algorithm.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its legal range, or the algorithm is unknown.</exception>
    public static ConvTranspose2d Create(ConvTranspose2dOptions options, ConvTranspose2dAlgorithm algorithm) =>
        KernelFactory.Create(options, algorithm);

    /// <summary>The output size for an input of <paramref name="height"/> x <paramref name="width"/>:
    /// <c>(in - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1</c> per axis.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The input is smaller than 1x1, or the output would be.</exception>
    public (int Height, int Width) GetOutputSize(int height, int width) =>
        ConvTranspose2dProblem.OutputSize(Options, height, width);

    /// <summary>
    /// The output padding that makes the output exactly <paramref name="outputHeight"/> x <paramref name="outputWidth"/>
    /// for an input of <paramref name="height"/> x <paramref name="width"/> (PyTorch's <c>output_size=</c>).
    /// The options' own output padding is ignored, as in PyTorch.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The requested size is outside <c>[max(1, min), min + stride - 1]</c>,
    /// where <c>min</c> is the output size with no output padding; the message gives that range. Also when the input is
    /// smaller than 1x1, or even the largest output is smaller than 1x1.</exception>
    public (int Height, int Width) GetOutputPadding(int height, int width, int outputHeight, int outputWidth)
    {
        // The largest output (op = stride - 1) must be at least 1x1; the smallest (op = 0) may be below it, as in PyTorch,
        // where a size reachable only through the output padding (e.g. min = -1, requested 1, op = 2 < stride 3) is legal.
        var largest = Options with { OutputPaddingHeight = Options.StrideHeight - 1, OutputPaddingWidth = Options.StrideWidth - 1 };
        var (maxHeight, maxWidth) = ConvTranspose2dProblem.OutputSize(largest, height, width);
        long rawMinHeight = (long)maxHeight - (Options.StrideHeight - 1);
        long rawMinWidth = (long)maxWidth - (Options.StrideWidth - 1);
        long minHeight = Math.Max(1, rawMinHeight), minWidth = Math.Max(1, rawMinWidth);
        if (outputHeight < minHeight || outputHeight > maxHeight || outputWidth < minWidth || outputWidth > maxWidth)
        {
            string name = outputHeight < minHeight || outputHeight > maxHeight ? nameof(outputHeight) : nameof(outputWidth);
            throw new ArgumentOutOfRangeException(name, name == nameof(outputHeight) ? outputHeight : outputWidth,
                $"requested an output size of [{outputHeight}, {outputWidth}], but valid sizes range from [{minHeight}, {minWidth}] " +
                $"to [{maxHeight}, {maxWidth}] (for an input of [{height}, {width}]).");
        }
        return ((int)(outputHeight - rawMinHeight), (int)(outputWidth - rawMinWidth));
    }

    /// <summary>Computes <c>output = conv_transpose2d(input, weight, bias)</c>.</summary>
    /// <param name="input">The input, <c>(N, Cin, Hin, Win)</c>.</param>
    /// <param name="weight">The weights, <c>(Cin, Cout/groups, kH, kW)</c>.</param>
    /// <param name="bias">The bias, <c>(Cout)</c>, or empty for none.</param>
    /// <param name="output">The output, <c>(N, Cout, Hout, Wout)</c>; overwritten. It must not overlap the other spans.</param>
    /// <param name="shape">The problem size.</param>
    /// <param name="maxDegreeOfParallelism">How many threads the call may use: -1 for all cores, or at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length, or the output overlaps an input.</exception>
    public void Run(ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> output,
        ConvTranspose2dShape shape, int maxDegreeOfParallelism = -1)
    {
        var problem = ConvTranspose2dProblem.Create(Options, shape);
        CheckWeightAndBias(weight, bias, problem.InChannels, problem.OutChannels);
        ConvTranspose2dProblem.CheckSpanLength(input.Length, problem.InputLength, nameof(input), problem.InputFormula);
        ConvTranspose2dProblem.CheckSpanLength(output.Length, problem.OutputLength, nameof(output), problem.OutputFormula);
        CheckNoOverlap(output, input, nameof(input));
        CheckNoOverlap(output, weight, nameof(weight));
        CheckNoOverlap(output, bias, nameof(bias));
        int threads = ResolveThreads(maxDegreeOfParallelism);
        if (problem.Batch == 0)
            return;
        RunCore(input, weight, bias, output, problem, threads);
    }

    /// <summary>Packs <paramref name="weight"/> and <paramref name="bias"/> once into this kernel's preferred layout, for repeated runs.</summary>
    /// <param name="weight">The weights, <c>(inChannels, outChannels/groups, kH, kW)</c>; copied.</param>
    /// <param name="bias">The bias, <c>(outChannels)</c>, or empty for none; copied.</param>
    /// <param name="inChannels">Cin, divisible by the groups.</param>
    /// <param name="outChannels">Cout, divisible by the groups.</param>
    /// <exception cref="ArgumentOutOfRangeException">A channel count is out of range.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public PreparedConvTranspose2d Prepare(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels)
    {
        CheckWeightAndBias(weight, bias, inChannels, outChannels);
        return PrepareCore(weight, bias, inChannels, outChannels);
    }

    /// <summary>Folds a BatchNorm that follows this convolution into <paramref name="weight"/> and <paramref name="bias"/>,
    /// then packs them as <see cref="Prepare(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int)"/> does: the prepared
    /// kernel computes the convolution, then <c>batch_norm</c> in inference mode, then the options' activation.</summary>
    /// <remarks>Per output channel <c>oc</c>, <c>scale = gamma / sqrt(var + eps)</c>; the weights of <c>oc</c> are multiplied
    /// by it and the bias becomes <c>(bias - mean) * scale + beta</c>, in double and rounded to float once. The spans are
    /// only read.</remarks>
    /// <param name="weight">The weights, <c>(inChannels, outChannels/groups, kH, kW)</c>; not modified.</param>
    /// <param name="bias">The bias, <c>(outChannels)</c>, or empty for none (zero); not modified.</param>
    /// <param name="inChannels">Cin, divisible by the groups.</param>
    /// <param name="outChannels">Cout, divisible by the groups.</param>
    /// <param name="batchNorm">The BatchNorm's parameters, one per output channel.</param>
    /// <exception cref="ArgumentOutOfRangeException">A channel count is out of range, or the epsilon is negative, NaN or infinite.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length, or a running variance is negative or NaN
    /// (or zero with a zero epsilon).</exception>
    public PreparedConvTranspose2d Prepare(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels,
        BatchNormParameters batchNorm)
    {
        CheckWeightAndBias(weight, bias, inChannels, outChannels);
        BatchNormFolding.Check(batchNorm, outChannels);
        var (foldedWeight, foldedBias) = BatchNormFolding.Fold(weight, bias, batchNorm, inChannels, outChannels, Options.Groups,
            Options.KernelHeight * Options.KernelWidth);
        return PrepareCore(foldedWeight, foldedBias, inChannels, outChannels);
    }

    /// <summary>Packs validated weights. <paramref name="bias"/> is empty or holds <paramref name="outChannels"/> values.</summary>
    protected abstract PreparedConvTranspose2d PrepareCore(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels);

    /// <summary>Runs a validated problem with unpacked weights. By default packs them and runs the prepared kernel;
    /// kernels that read PyTorch's layout directly override it to skip the copy.</summary>
    protected virtual void RunCore(ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> output,
        ConvTranspose2dProblem problem, int maxDegreeOfParallelism)
    {
        ArgumentNullException.ThrowIfNull(problem);
        PrepareCore(weight, bias, problem.InChannels, problem.OutChannels).RunCore(input, output, problem, maxDegreeOfParallelism);
    }

    /// <summary>Resolves <c>-1</c> to the number of cores and rejects anything below 1.</summary>
    internal static int ResolveThreads(int maxDegreeOfParallelism)
    {
        if (maxDegreeOfParallelism == -1)
            return Environment.ProcessorCount;
        if (maxDegreeOfParallelism < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism,
                $"maxDegreeOfParallelism must be -1 (all cores) or >= 1, but got {maxDegreeOfParallelism}.");
        }
        return maxDegreeOfParallelism;
    }

    /// <summary>Refuses an output span that shares memory with an input span.</summary>
    internal static void CheckNoOverlap(ReadOnlySpan<float> output, ReadOnlySpan<float> other, string otherName)
    {
        if (output.Overlaps(other))
            throw new ArgumentException($"output must not overlap {otherName}.", "output");
    }

    private void CheckWeightAndBias(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels)
    {
        ConvTranspose2dProblem.CheckChannels(inChannels, Options.Groups, nameof(inChannels));
        ConvTranspose2dProblem.CheckChannels(outChannels, Options.Groups, nameof(outChannels));
        long expected = (long)inChannels * (outChannels / Options.Groups) * Options.KernelHeight * Options.KernelWidth;
        if (weight.Length != expected)
        {
            throw new ArgumentException(
                $"weight must have InChannels*(OutChannels/Groups)*KernelHeight*KernelWidth = {inChannels}*{outChannels / Options.Groups}*" +
                $"{Options.KernelHeight}*{Options.KernelWidth} = {expected} elements, but has {weight.Length}.", nameof(weight));
        }
        if (bias.Length != 0 && bias.Length != outChannels)
            throw new ArgumentException($"bias must be empty (no bias) or have OutChannels = {outChannels} elements, but has {bias.Length}.", nameof(bias));
    }
}
