using System;
using System.ComponentModel;
using System.Threading;

namespace TConvGen.CompilerServices;

/// <summary>
/// Building block for generated kernels: the prepared form a generated kernel returns. It runs the generated bodies, the
/// generated Winograd kernel (<see cref="GeneratedWinograd"/>, with the kernel's unrolled transforms) for the problems
/// <c>AlgorithmSelector.PrefersWinograd</c> gives to Winograd, or the dynamic kernel (<see cref="ConvTranspose2d.Create(ConvTranspose2dOptions)"/>) where that is measured faster on the
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
    private readonly PreparedConvTranspose2d? _winograd;
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
        : this(kernel, generated, null, weight, bias, inChannels, outChannels, blockColumns)
    {
    }

    /// <summary>Wraps the generated prepared kernel and the generated Winograd kernel, and keeps a copy of the weights, from
    /// which the dynamic kernel is prepared on the first run that needs it.</summary>
    /// <param name="kernel">The generated kernel.</param>
    /// <param name="generated">Its prepared form, with the same channels.</param>
    /// <param name="winograd">Its Winograd form (<see cref="GeneratedWinograd"/>), with the same channels, or null where
    /// Winograd never runs.</param>
    /// <param name="weight">The weights in PyTorch's layout.</param>
    /// <param name="bias">The bias, or empty.</param>
    /// <param name="inChannels">Cin.</param>
    /// <param name="outChannels">Cout.</param>
    /// <param name="blockColumns">Positions of one column phase the generated bodies compute at a time.</param>
    /// <exception cref="ArgumentException"><paramref name="generated"/> or <paramref name="winograd"/> was not prepared by
    /// <paramref name="kernel"/> for these channels.</exception>
    public GeneratedKernelDispatch(ConvTranspose2d kernel, PreparedConvTranspose2d generated, PreparedConvTranspose2d? winograd,
        ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels, int blockColumns)
        : base(kernel, inChannels, outChannels)
    {
        ArgumentNullException.ThrowIfNull(generated);
        if (!Matches(generated, kernel, inChannels, outChannels))
            throw new ArgumentException("The generated prepared kernel does not match.", nameof(generated));
        if (winograd is not null && !Matches(winograd, kernel, inChannels, outChannels))
            throw new ArgumentException("The generated Winograd kernel does not match.", nameof(winograd));
        _generated = generated;
        _winograd = winograd;
        _weight = weight.ToArray();
        _bias = bias.ToArray();
        _blockColumns = Math.Max(1, blockColumns);
        _exact = ExactPath.IsRequired(kernel.Options, weight);
    }

    private static bool Matches(PreparedConvTranspose2d prepared, ConvTranspose2d kernel, int inChannels, int outChannels) =>
        prepared.Kernel == kernel && prepared.InChannels == inChannels && prepared.OutChannels == outChannels;

    /// <summary>Whether a run of <paramref name="problem"/> goes to the generated Winograd kernel on this machine: there is one
    /// (the channels may win and the weights are finite) and the selection rules give the problem to Winograd
    /// (<c>AlgorithmSelector.PrefersWinograd</c>).</summary>
    public bool UsesWinograd(ConvTranspose2dProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return _winograd is not null && !_exact && AlgorithmSelector.PrefersWinograd(problem, MachineDescription.Current);
    }

    /// <summary>Whether a run of <paramref name="problem"/> goes to the dynamic kernel on this machine: the weights or the
    /// geometry take the exact path, or the selection rules hand it over (<c>AlgorithmSelector.GeneratedHandsOff</c>) and it
    /// does not go to the generated Winograd kernel (<see cref="UsesWinograd"/>).</summary>
    public bool UsesDynamicKernel(ConvTranspose2dProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return _exact || (!UsesWinograd(problem) && HandsOff(problem));
    }

    /// <inheritdoc />
    protected internal override void RunCore(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, int maxDegreeOfParallelism) =>
        Route(problem).RunCore(input, output, problem, maxDegreeOfParallelism);

    /// <summary>The kernel a run of <paramref name="problem"/> goes to, each rule evaluated once (as <see cref="UsesWinograd"/>
    /// and <see cref="UsesDynamicKernel"/> state them).</summary>
    private PreparedConvTranspose2d Route(ConvTranspose2dProblem problem) =>
        UsesWinograd(problem) ? _winograd! : _exact || HandsOff(problem) ? Dynamic() : _generated;

    private bool HandsOff(ConvTranspose2dProblem problem) =>
        AlgorithmSelector.GeneratedHandsOff(problem, MachineDescription.Current, _blockColumns);

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
