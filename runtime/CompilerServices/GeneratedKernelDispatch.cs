using System;
using System.ComponentModel;
using System.Runtime.Intrinsics.X86;
using System.Threading;

namespace TConvGen.CompilerServices;

/// <summary>
/// Building block for generated kernels: the prepared form a generated kernel returns. It runs the generated bodies, or
/// the dynamic kernel (<see cref="ConvTranspose2d.Create(ConvTranspose2dOptions)"/>) where that is measured faster
/// (2-core Zen 5, one thread unless said):
/// <list type="bullet">
/// <item>a run's output rows are shorter than one column block of the bodies, so most lanes would compute padding:
/// 512->256 8x8 k4s2p1, phase length 8 against a 32-position block, generated 10.9 ms vs dynamic 4.6 ms; 100->512 1x1
/// k4s1p0, 4 against 32, 1.9 ms vs 0.4 ms (and 0.05-0.07 ms since Auto runs PatchScatter there);</item>
/// <item>a stride-1 layer wide enough for the dynamic ChannelVectorized kernel (output channels in the vector lanes):
/// 64->64 56x56 k3s1p1 generated 2.38 ms vs 2.16 ms, and 1.30 vs 1.09 ms on two threads. At stride 2 the generated
/// bodies match or beat it (128->64 32x32 k4s2p1 batch 8: 20.1 vs 22.6 ms), so those stay generated;</item>
/// <item>a layer with at least 32x32 channel pairs per group that Auto runs with the dynamic OneTap kernel (kernel 2, stride
/// 2, dilation 1 on rows wide enough, where Vector512 runs): U-Net's 128->64 64x64 k2s2p0 generated 3.11 ms vs OneTap
/// 2.61 ms, and 1.40 vs 1.28 ms on two threads. Narrower layers have not been measured against the generated bodies and
/// stay generated, and so do layers on machines without Vector512, where OneTap's Vector256 body only ties with the
/// 16-register generated bodies (AVX-512 off in the JIT: 128->64 64x64 k2s2p0 OneTap 3.04-3.37 ms, generated 2.80-3.11 ms).</item>
/// <item>where the bodies run Vector128 on x64 (no AVX2, so neither fused multiply-adds nor a one-instruction broadcast
/// from memory), a layer with horizontal stride 1 or 4 and above, or with fewer than 16 positions per column phase: the
/// dynamic PhaseDirect Vector128 code measured faster there (DOTNET_EnableAVX2=0, 1 thread, generated vs dynamic: 64->64
/// 56x56 k3s1p1 10.4 vs 8.3 ms, 16->16 64x64 k5s1p2 1.36 vs 1.07 ms, 4->4 64x64 k3s1p1 32.5 vs 31.6 us, 21->21 16x16
/// k16s8p4 1.89 vs 1.51 ms, 512->256 8x8 k4s2p1 7.34 vs 7.16 ms). At strides 2 and 3 on wider rows the bodies tie or win
/// (21->21 64x64 k4s2p1 1.60 vs 1.64 ms, 8->8 64x64 k3s3p0 193 vs 285 us, 56->1 64x64 k9s3p4 1.17 vs 1.19 ms);</item>
/// <item>every run, when the weights hold a NaN or an infinity or the geometry is one the phase kernels do not run in bounded
/// memory: the bodies read zero-padded bands (<c>0 * Inf</c> is NaN), and the dynamic kernel then takes its exact path
/// (the rule is <c>ExactPath</c>'s, decided here once).</item>
/// </list>
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

    /// <summary>Positions per column phase below which the dynamic kernel wins where the bodies run Vector128 on x64.</summary>
    private const int NarrowVector128PhaseLength = 16;

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

    /// <summary>Whether a run of <paramref name="problem"/> goes to the dynamic kernel: the weights or the geometry take the
    /// exact path, a column phase is shorter than one block, the layer has stride 1 and is wide enough for the dynamic
    /// ChannelVectorized kernel, it has wide channels and Auto would run the dynamic OneTap kernel on it, or the bodies run
    /// Vector128 on x64 and the layer is one the dynamic Vector128 code runs faster.</summary>
    public bool UsesDynamicKernel(ConvTranspose2dProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (_exact)
            return true;
        var o = problem.Options;
        long phaseLength = ((long)problem.OutputWidth + o.StrideWidth - 1) / o.StrideWidth;
        bool wideStrideOne = o.StrideHeight == 1 && o.StrideWidth == 1
            && AlgorithmSelector.PrefersChannelVectorized(o, problem.InChannels, problem.OutChannels);
        bool wideOneTap = SimdPath.IsVector512Supported && AlgorithmSelector.HasWideChannelPairs(o, problem.InChannels, problem.OutChannels)
            && AlgorithmSelector.PrefersOneTap(problem);
        bool x64Vector128 = GeneratedKernelVector.Lanes == 4 && X86Base.IsSupported
            && (o.StrideWidth == 1 || o.StrideWidth > 3 || phaseLength < NarrowVector128PhaseLength);
        return phaseLength < _blockColumns || wideStrideOne || wideOneTap || x64Vector128;
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
