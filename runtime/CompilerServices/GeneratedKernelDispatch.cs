using System;
using System.ComponentModel;
using System.Threading;

namespace TConvGen.CompilerServices;

/// <summary>
/// Building block for generated kernels: the prepared form a generated kernel returns. It runs the generated bodies, or
/// the dynamic kernel (<see cref="ConvTranspose2d.Create(ConvTranspose2dOptions)"/>) where that is measured faster on the
/// machine that runs it (the rules and their measurements are <c>AlgorithmSelector.GeneratedHandsOff</c>'s: rows shorter
/// than one column block, wide stride-1 layers ChannelVectorized takes, wide one-tap layers, and, on x64 without AVX2,
/// the layers the dynamic Vector128 code wins), and on every run when the weights hold a NaN or an infinity or the geometry is one the
/// phase kernels do not run in bounded memory: the bodies read zero-padded bands (<c>0 * Inf</c> is NaN), and the dynamic
/// kernel then takes its exact path (the rule is <c>ExactPath</c>'s, decided here once).
/// Not meant to be called by user code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GeneratedKernelDispatch : PreparedConvTranspose2d
{
    private readonly PreparedConvTranspose2d _generated;
    private readonly float[] _weight;
    private readonly float[] _bias;
    private readonly int _blockColumns;
    private readonly bool _exact;

    private PreparedConvTranspose2d? _dynamic;

    /// <summary>Wraps the generated prepared kernel and keeps a copy of the weights, from which the dynamic kernel is
    /// prepared on the first run that needs it.</summary>
    /// <param name="kernel">The generated kernel.</param>
    /// <param name="generated">Its prepared form, with the same channels.</param>
    /// <param name="weight">The weights in PyTorch's layout.</param>
    /// <param name="bias">The bias, or empty.</param>
    /// <param name="inChannels">Cin.</param>
    /// <param name="outChannels">Cout.</param>
    /// <param name="blockColumns">Positions of one column phase the generated bodies compute at a time.</param>
    /// <exception cref="ArgumentException"><paramref name="generated"/> was not prepared by <paramref name="kernel"/> for these channels.</exception>
    public GeneratedKernelDispatch(ConvTranspose2d kernel, PreparedConvTranspose2d generated, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias,
        int inChannels, int outChannels, int blockColumns)
        : base(kernel, inChannels, outChannels)
    {
        ArgumentNullException.ThrowIfNull(generated);
        if (generated.Kernel != kernel || generated.InChannels != inChannels || generated.OutChannels != outChannels)
            throw new ArgumentException("The generated prepared kernel does not match.", nameof(generated));
        _generated = generated;
        _weight = weight.ToArray();
        _bias = bias.ToArray();
        _blockColumns = Math.Max(1, blockColumns);
        _exact = ExactPath.IsRequired(kernel.Options, weight);
    }

    /// <summary>Whether a run of <paramref name="problem"/> goes to the dynamic kernel on this machine: the weights or the
    /// geometry take the exact path, or the selection rules hand it over (<c>AlgorithmSelector.GeneratedHandsOff</c>).</summary>
    public bool UsesDynamicKernel(ConvTranspose2dProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return _exact || AlgorithmSelector.GeneratedHandsOff(problem, MachineDescription.Current, _blockColumns);
    }

    /// <inheritdoc />
    protected internal override void RunCore(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, int maxDegreeOfParallelism) =>
        (UsesDynamicKernel(problem) ? Dynamic() : _generated).RunCore(input, output, problem, maxDegreeOfParallelism);

    private PreparedConvTranspose2d Dynamic()
    {
        var dynamic = Volatile.Read(ref _dynamic);
        if (dynamic is null)
        {
            // Racing runs may both prepare; one result is kept, and both are equivalent.
            Interlocked.CompareExchange(ref _dynamic, ConvTranspose2d.Create(Kernel.Options).Prepare(_weight, _bias, InChannels, OutChannels), null);
            dynamic = Volatile.Read(ref _dynamic)!;
        }
        return dynamic;
    }
}
