using System;

namespace TConvGen;

/// <summary>
/// A <see cref="ConvTranspose1d"/> with its weights and bias packed once (<see cref="ConvTranspose1d.Prepare(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int)"/>),
/// ready to run on many inputs. Immutable and safe to use from many threads at once.
/// </summary>
public sealed class PreparedConvTranspose1d
{
    private readonly PreparedConvTranspose2d _planar;

    /// <summary>Wraps the planar (height 1) weights <paramref name="kernel"/> packed.</summary>
    internal PreparedConvTranspose1d(ConvTranspose1d kernel, PreparedConvTranspose2d planar)
    {
        Kernel = kernel;
        _planar = planar;
    }

    /// <summary>The kernel that packed the weights.</summary>
    public ConvTranspose1d Kernel { get; }

    /// <summary>The hyper-parameters.</summary>
    public ConvTranspose1dOptions Options => Kernel.Options;

    /// <summary>Cin.</summary>
    public int InChannels => _planar.InChannels;

    /// <summary>Cout.</summary>
    public int OutChannels => _planar.OutChannels;

    /// <summary>Computes <c>output = conv_transpose1d(input, weight, bias)</c> with the packed weights.</summary>
    /// <param name="input">The input, <c>(batch, InChannels, length)</c>.</param>
    /// <param name="output">The output, <c>(batch, OutChannels, Lout)</c>; overwritten. It must not overlap the input.</param>
    /// <param name="batch">N, at least 0.</param>
    /// <param name="length">Lin, at least 1.</param>
    /// <param name="maxDegreeOfParallelism">How many threads the call may use: -1 for all cores, or at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length, or the output overlaps the input.</exception>
    public void Run(ReadOnlySpan<float> input, Span<float> output, int batch, int length, int maxDegreeOfParallelism = -1)
    {
        var problem = ConvTranspose1dProblem.Create(Options, new ConvTranspose1dShape(batch, InChannels, OutChannels, length));
        problem.CheckInput(input.Length);
        problem.CheckOutput(output.Length);
        ConvTranspose2d.CheckNoOverlap(output, input, nameof(input));
        ConvTranspose2d.ResolveThreads(maxDegreeOfParallelism);
        _planar.Run(input, output, batch, 1, length, maxDegreeOfParallelism);
    }
}
