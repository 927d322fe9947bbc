using System;
using System.Threading;

namespace TConvGen;

/// <summary>
/// The prepared form of <see cref="AutoConvTranspose2d"/>: holds the ChannelVectorized packing when the channel counts make it
/// the winner for most input sizes, else the PhaseDirect packing. When the channel counts make GemmCol2Im or PatchScatter a
/// candidate for some input size, it also holds the PatchScatter kernel, whose weights are PyTorch's layout; the GEMM packing
/// is made from them on the first run that picks it.
/// </summary>
internal sealed class AutoPreparedConvTranspose2d : PreparedConvTranspose2d
{
    private readonly AutoConvTranspose2d _auto;
    private readonly PreparedConvTranspose2d _default;
    private readonly PatchScatterPrepared? _scatter;
    private PreparedConvTranspose2d? _gemm;

    public AutoPreparedConvTranspose2d(AutoConvTranspose2d kernel, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels)
        : base(kernel, inChannels, outChannels)
    {
        _auto = kernel;
        _default = AlgorithmSelector.PrefersChannelVectorized(kernel.Options, inChannels, outChannels)
            ? kernel.Wide.Prepare(weight, bias, inChannels, outChannels)
            : kernel.Direct.Prepare(weight, bias, inChannels, outChannels);
        if (AlgorithmSelector.MayPreferGemm(kernel.Options, inChannels, outChannels))
            _scatter = (PatchScatterPrepared)kernel.Scatter.Prepare(weight, bias, inChannels, outChannels);
    }

    /// <summary>The prepared kernel a run of <paramref name="problem"/> uses.</summary>
    internal PreparedConvTranspose2d Select(ConvTranspose2dProblem problem)
    {
        if (_scatter is null)
            return _default;
        return AlgorithmSelector.Choose(problem) switch
        {
            ConvTranspose2dAlgorithm.PatchScatter => _scatter,
            ConvTranspose2dAlgorithm.GemmCol2Im => Gemm(),
            _ => _default,
        };
    }

    private PreparedConvTranspose2d Gemm()
    {
        var gemm = Volatile.Read(ref _gemm);
        if (gemm is null)
        {
            // Racing runs may both pack; one result is kept, and both are equivalent.
            Interlocked.CompareExchange(ref _gemm, _auto.Gemm.Prepare(_scatter!.Weights, _scatter.Bias, InChannels, OutChannels), null);
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
