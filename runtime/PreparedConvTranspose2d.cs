using System;

namespace TConvGen;

/// <summary>
/// A <see cref="ConvTranspose2d"/> with its weights and bias packed once (<see cref="ConvTranspose2d.Prepare(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int)"/>),
/// ready to run on many inputs. Immutable and safe to use from many threads at once.
/// </summary>
public abstract class PreparedConvTranspose2d
{
    /// <summary>Records what the weights were packed for.</summary>
    protected PreparedConvTranspose2d(ConvTranspose2d kernel, int inChannels, int outChannels)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ConvTranspose2dProblem.CheckChannels(inChannels, kernel.Options.Groups, nameof(inChannels));
        ConvTranspose2dProblem.CheckChannels(outChannels, kernel.Options.Groups, nameof(outChannels));
        Kernel = kernel;
        InChannels = inChannels;
        OutChannels = outChannels;
    }

    /// <summary>The kernel that packed the weights.</summary>
    public ConvTranspose2d Kernel { get; }

    /// <summary>The hyper-parameters.</summary>
    public ConvTranspose2dOptions Options => Kernel.Options;

    /// <summary>Cin.</summary>
    public int InChannels { get; }

    /// <summary>Cout.</summary>
    public int OutChannels { get; }

    /// <summary>Computes <c>output = conv_transpose2d(input, weight, bias)</c> with the packed weights.</summary>
    /// <param name="input">The input, <c>(batch, InChannels, height, width)</c>.</param>
    /// <param name="output">The output, <c>(batch, OutChannels, Hout, Wout)</c>; overwritten. It must not overlap the input.</param>
    /// <param name="batch">N, at least 0.</param>
    /// <param name="height">Hin, at least 1.</param>
    /// <param name="width">Win, at least 1.</param>
    /// <param name="maxDegreeOfParallelism">How many threads the call may use: -1 for all cores, or at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length, or the output overlaps the input.</exception>
    public void Run(ReadOnlySpan<float> input, Span<float> output, int batch, int height, int width, int maxDegreeOfParallelism = -1)
    {
        var problem = ConvTranspose2dProblem.Create(Options, new ConvTranspose2dShape(batch, InChannels, OutChannels, height, width));
        ConvTranspose2dProblem.CheckSpanLength(input.Length, problem.InputLength, nameof(input), problem.InputFormula);
        ConvTranspose2dProblem.CheckSpanLength(output.Length, problem.OutputLength, nameof(output), problem.OutputFormula);
        ConvTranspose2d.CheckNoOverlap(output, input, nameof(input));
        int threads = ConvTranspose2d.ResolveThreads(maxDegreeOfParallelism);
        if (problem.Batch == 0)
            return;
        RunCore(input, output, problem, threads);
    }

    /// <summary>Runs a validated problem: the spans have exactly the problem's lengths and do not overlap,
    /// the problem's channels are <see cref="InChannels"/> and <see cref="OutChannels"/>, and
    /// <paramref name="maxDegreeOfParallelism"/> is at least 1.</summary>
    protected internal abstract void RunCore(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, int maxDegreeOfParallelism);
}
