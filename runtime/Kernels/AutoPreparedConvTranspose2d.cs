using System;
using System.Threading;

namespace TConvGen;

/// <summary>
/// The prepared form of <see cref="AutoConvTranspose2d"/>: holds the ChannelVectorized packing when the channel counts make it
/// the winner for every input size, else the PhaseDirect packing and, when the channel counts make GemmCol2Im a candidate, a
/// copy of the weights from which the GEMM packing is made on the first run that picks it.
/// </summary>
internal sealed class AutoPreparedConvTranspose2d : PreparedConvTranspose2d
{
    private readonly AutoConvTranspose2d _auto;
    private readonly PreparedConvTranspose2d _default;
    private readonly float[]? _weight;
    private readonly float[]? _bias;
    private PreparedConvTranspose2d? _gemm;

    public AutoPreparedConvTranspose2d(AutoConvTranspose2d kernel, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels)
        : base(kernel, inChannels, outChannels)
    {
        _auto = kernel;
        if (AlgorithmSelector.PrefersChannelVectorized(kernel.Options, inChannels, outChannels))
        {
            _default = kernel.Wide.Prepare(weight, bias, inChannels, outChannels);
            return;
        }
        _default = kernel.Direct.Prepare(weight, bias, inChannels, outChannels);
        if (AlgorithmSelector.MayPreferGemm(kernel.Options, inChannels, outChannels))
        {
            _weight = weight.ToArray();
            _bias = bias.ToArray();
        }
    }

    /// <summary>The prepared kernel a run of <paramref name="problem"/> uses.</summary>
    internal PreparedConvTranspose2d Select(ConvTranspose2dProblem problem)
    {
        if (_weight is null || AlgorithmSelector.Choose(problem) != ConvTranspose2dAlgorithm.GemmCol2Im)
            return _default;
        var gemm = Volatile.Read(ref _gemm);
        if (gemm is null)
        {
            // Racing runs may both pack; one result is kept, and both are equivalent.
            Interlocked.CompareExchange(ref _gemm, _auto.Gemm.Prepare(_weight, _bias, InChannels, OutChannels), null);
            gemm = Volatile.Read(ref _gemm)!;
        }
        return gemm;
    }

    protected internal override void RunCore(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, int maxDegreeOfParallelism)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Select(problem).RunCore(input, output, problem, maxDegreeOfParallelism);
    }
}
