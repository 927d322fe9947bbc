using System;
using System.Threading;

namespace TConvGen;

/// <summary>
/// The prepared form of <see cref="AutoConvTranspose2d"/>: holds the packing of the kernel the channel counts make the
/// likely winner on this machine (<see cref="MachineDescription.Current"/>: OneTap for its layers where it runs SIMD, else
/// Winograd for wide 3 x 3 stride-1 layers and for k4 s2 p1 layers where it may win, else ChannelVectorized where it fills its register block, else PhaseDirect) and, when another kernel may win for some input
/// sizes (OneTap's layers on narrow inputs; ChannelVectorized or PhaseDirect by row length; GemmCol2Im and PatchScatter for
/// wide channels on narrow or single-pixel inputs), a copy of the weights from which that kernel's packing is made on the
/// first run that picks it.
/// </summary>
internal sealed class AutoPreparedConvTranspose2d : PreparedConvTranspose2d
{
    private readonly AutoConvTranspose2d _auto;
    private readonly MachineDescription _machine = MachineDescription.Current;
    private readonly ConvTranspose2dAlgorithm _defaultAlgorithm;
    private readonly PreparedConvTranspose2d _default;
    private readonly float[]? _weight;
    private readonly float[]? _bias;
    private readonly PreparedConvTranspose2d?[] _others = new PreparedConvTranspose2d?[Enum.GetValues<ConvTranspose2dAlgorithm>().Length];

    public AutoPreparedConvTranspose2d(AutoConvTranspose2d kernel, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels)
        : base(kernel, inChannels, outChannels)
    {
        _auto = kernel;
        var options = kernel.Options;
        bool oneTap = AlgorithmSelector.MayPreferOneTap(options, inChannels, outChannels, _machine);
        bool winograd = AlgorithmSelector.MayPreferWinograd(options, inChannels, outChannels, _machine);
        _defaultAlgorithm = oneTap ? ConvTranspose2dAlgorithm.OneTap
            : winograd ? ConvTranspose2dAlgorithm.Winograd
            : AlgorithmSelector.FillsChannelVectorizedBlock(options, inChannels, outChannels, _machine) ? ConvTranspose2dAlgorithm.ChannelVectorized
            : ConvTranspose2dAlgorithm.PhaseDirect;
        _default = _auto.KernelFor(_defaultAlgorithm).Prepare(weight, bias, inChannels, outChannels);
        if (oneTap || winograd || AlgorithmSelector.HasWideChannelPairs(options, inChannels, outChannels)
            || AlgorithmSelector.MayPreferChannelVectorized(options, inChannels, outChannels, _machine))
        {
            _weight = weight.ToArray();
            _bias = bias.ToArray();
        }
    }

    /// <summary>The prepared kernel a run of <paramref name="problem"/> uses.</summary>
    internal PreparedConvTranspose2d Select(ConvTranspose2dProblem problem)
    {
        if (_weight is null)
            return _default;
        var algorithm = AlgorithmSelector.Choose(problem, _machine);
        if (algorithm == _defaultAlgorithm)
            return _default;
        ref var slot = ref _others[(int)algorithm];
        var other = Volatile.Read(ref slot);
        if (other is null)
        {
            // Racing runs may both pack; one result is kept, and both are equivalent.
            Interlocked.CompareExchange(ref slot, _auto.KernelFor(algorithm).Prepare(_weight, _bias, InChannels, OutChannels), null);
            other = Volatile.Read(ref slot)!;
        }
        return other;
    }

    protected internal override void RunCore(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, int maxDegreeOfParallelism)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Select(problem).RunCore(input, output, problem, maxDegreeOfParallelism);
    }
}
