using System;

namespace TConvGen;

/// <summary>
/// A 1-D transposed convolution (PyTorch's <c>nn.ConvTranspose1d</c>) for one configuration of
/// <see cref="ConvTranspose1dOptions"/>, on contiguous float32 NCL tensors.
/// </summary>
/// <remarks>
/// <para>Layouts are PyTorch's: input <c>(N, Cin, Lin)</c>, weight <c>(Cin, Cout/groups, k)</c>, bias <c>(Cout)</c>,
/// output <c>(N, Cout, Lout)</c>.</para>
/// <para>It runs a <see cref="ConvTranspose2d"/> kernel on inputs of height 1 (the same memory layout), so it is as fast
/// as that kernel; every size is checked first, with messages in 1-D terms.
/// Instances are immutable and safe to use from many threads at once.</para>
/// </remarks>
public sealed class ConvTranspose1d
{
    private readonly ConvTranspose2d _planar;

    /// <summary>Wraps <paramref name="planar"/>, whose options are <c>options.ToPlanar()</c>.</summary>
    internal ConvTranspose1d(ConvTranspose1dOptions options, ConvTranspose2d planar)
    {
        Options = options;
        _planar = planar;
    }

    /// <summary>The hyper-parameters this kernel computes.</summary>
    public ConvTranspose1dOptions Options { get; }

    /// <summary>A short name of the algorithm behind this kernel (that of the 2-D kernel it runs), for logs and benchmarks.</summary>
    public string Algorithm => _planar.Algorithm;

    /// <summary>The dynamic kernel for <paramref name="options"/>: the fastest algorithm this library has for it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its legal range.</exception>
    /// <exception cref="ArgumentException"><see cref="ConvTranspose1dOptions.ActivationSlope"/> is not finite.</exception>
    public static ConvTranspose1d Create(ConvTranspose1dOptions options) =>
        Create(options, ConvTranspose2dAlgorithm.Auto);

    /// <summary>A kernel for <paramref name="options"/> that uses the given algorithm (run on inputs of height 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its legal range, or the algorithm is unknown.</exception>
    /// <exception cref="ArgumentException"><see cref="ConvTranspose1dOptions.ActivationSlope"/> is not finite.</exception>
    public static ConvTranspose1d Create(ConvTranspose1dOptions options, ConvTranspose2dAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new ConvTranspose1d(options, ConvTranspose2d.Create(options.ToPlanar(), algorithm));
    }

    /// <summary>The output length for an input of <paramref name="length"/>:
    /// <c>(length - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The input is shorter than 1, or the output would be.</exception>
    public int GetOutputLength(int length) => ConvTranspose1dProblem.ComputeOutputLength(Options.Axis, length);

    /// <summary>
    /// The output padding that makes the output exactly <paramref name="outputLength"/> long for an input of
    /// <paramref name="length"/> (PyTorch's <c>output_size=</c>). The options' own output padding is ignored, as in PyTorch.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The requested length is outside <c>[max(1, min), min + stride - 1]</c>,
    /// where <c>min</c> is the output length with no output padding; the message gives that range. Also when the input is
    /// shorter than 1, or even the longest output is shorter than 1.</exception>
    public int GetOutputPadding(int length, int outputLength)
    {
        // As in 2-D: the longest output (op = stride - 1) must be at least 1; the shortest (op = 0) may be below it.
        int max = ConvTranspose1dProblem.ComputeOutputLength(Options.Axis with { OutputPadding = Options.Stride - 1 }, length);
        long rawMin = (long)max - (Options.Stride - 1);
        long min = Math.Max(1, rawMin);
        if (outputLength < min || outputLength > max)
        {
            throw new ArgumentOutOfRangeException(nameof(outputLength), outputLength,
                $"requested an output size of [{outputLength}], but valid sizes range from [{min}] to [{max}] (for an input of [{length}]).");
        }
        return (int)(outputLength - rawMin);
    }

    /// <summary>Computes <c>output = conv_transpose1d(input, weight, bias)</c>.</summary>
    /// <param name="input">The input, <c>(N, Cin, Lin)</c>.</param>
    /// <param name="weight">The weights, <c>(Cin, Cout/groups, k)</c>.</param>
    /// <param name="bias">The bias, <c>(Cout)</c>, or empty for none.</param>
    /// <param name="output">The output, <c>(N, Cout, Lout)</c>; overwritten. It must not overlap the other spans.</param>
    /// <param name="shape">The problem size.</param>
    /// <param name="maxDegreeOfParallelism">How many threads the call may use: -1 for all cores, or at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length, or the output overlaps an input.</exception>
    public void Run(ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> output,
        ConvTranspose1dShape shape, int maxDegreeOfParallelism = -1)
    {
        var problem = ConvTranspose1dProblem.Create(Options, shape);
        ConvTranspose1dProblem.CheckWeightAndBias(Options, weight, bias, shape.InChannels, shape.OutChannels);
        problem.CheckInput(input.Length);
        problem.CheckOutput(output.Length);
        ConvTranspose2d.CheckNoOverlap(output, input, nameof(input));
        ConvTranspose2d.CheckNoOverlap(output, weight, nameof(weight));
        ConvTranspose2d.CheckNoOverlap(output, bias, nameof(bias));
        ConvTranspose2d.ResolveThreads(maxDegreeOfParallelism);
        _planar.Run(input, weight, bias, output, problem.Planar, maxDegreeOfParallelism);
    }

    /// <summary>Packs <paramref name="weight"/> and <paramref name="bias"/> once into this kernel's preferred layout, for repeated runs.</summary>
    /// <param name="weight">The weights, <c>(inChannels, outChannels/groups, k)</c>; copied.</param>
    /// <param name="bias">The bias, <c>(outChannels)</c>, or empty for none; copied.</param>
    /// <param name="inChannels">Cin, divisible by the groups.</param>
    /// <param name="outChannels">Cout, divisible by the groups.</param>
    /// <exception cref="ArgumentOutOfRangeException">A channel count is out of range.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public PreparedConvTranspose1d Prepare(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels)
    {
        ConvTranspose1dProblem.CheckWeightAndBias(Options, weight, bias, inChannels, outChannels);
        return new PreparedConvTranspose1d(this, _planar.Prepare(weight, bias, inChannels, outChannels));
    }

    /// <summary>Folds a BatchNorm that follows this convolution (PyTorch's <c>nn.BatchNorm1d</c> in <c>eval()</c> mode) into
    /// <paramref name="weight"/> and <paramref name="bias"/>, then packs them: the prepared kernel computes the convolution,
    /// then <c>batch_norm</c>, then the options' activation. See
    /// <see cref="ConvTranspose2d.Prepare(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, BatchNormParameters)"/>.</summary>
    /// <param name="weight">The weights, <c>(inChannels, outChannels/groups, k)</c>; not modified.</param>
    /// <param name="bias">The bias, <c>(outChannels)</c>, or empty for none (zero); not modified.</param>
    /// <param name="inChannels">Cin, divisible by the groups.</param>
    /// <param name="outChannels">Cout, divisible by the groups.</param>
    /// <param name="batchNorm">The BatchNorm's parameters, one per output channel.</param>
    /// <exception cref="ArgumentOutOfRangeException">A channel count is out of range, or the epsilon is negative, NaN or infinite.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length, or a running variance is negative or NaN
    /// (or zero with a zero epsilon).</exception>
    public PreparedConvTranspose1d Prepare(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels,
        BatchNormParameters batchNorm)
    {
        ConvTranspose1dProblem.CheckWeightAndBias(Options, weight, bias, inChannels, outChannels);
        return new PreparedConvTranspose1d(this, _planar.Prepare(weight, bias, inChannels, outChannels, batchNorm));
    }
}
