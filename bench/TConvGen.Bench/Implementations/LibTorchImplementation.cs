using System;
using TConvGen.Bench.Suite;
using TorchSharp;
using static TorchSharp.torch;

namespace TConvGen.Bench.Implementations;

/// <summary>
/// libtorch 2.10 (TorchSharp-cpu 0.107) <c>torch.nn.functional.conv_transpose2d</c>, at its best: inference mode,
/// <c>torch.set_num_threads</c> = the case's threads, input and weights as tensors made once. libtorch allocates its
/// output on every call; <see cref="MallocTuning"/> keeps glibc from returning (and page-faulting) it each time. A shape's
/// activation follows as its functional call (relu, silu, ...).
/// </summary>
internal sealed class LibTorchImplementation : ConvImplementation
{
    private Tensor? _input;
    private Tensor? _weight;
    private Tensor? _bias;
    private Tensor? _last;
    private ConvTranspose2dOptions? _options;

    /// <summary>Its name in the catalogue and the results.</summary>
    public const string DisplayName = "libtorch";

    public override string Name => DisplayName;

    public override bool IsPeer => true;

    /// <summary>oneDNN's ISA cap (or its default) and, from a child process with oneDNN's verbose output on, the
    /// implementation it runs for the shape (e.g. <c>conv:any+jit:avx512_core</c>).</summary>
    public override PeerIsa? IsaFor(BenchShape shape) => new(
        (Environment.GetEnvironmentVariable(OneDnnVerbose.CapVariable) is { Length: > 0 } cap
            ? $"oneDNN {OneDnnVerbose.CapVariable}={cap}"
            : $"oneDNN default ISA ({OneDnnVerbose.CapVariable} unset)")
        + (Environment.GetEnvironmentVariable(AtenCapabilityVariable) is { Length: > 0 } aten ? $", {AtenCapabilityVariable}={aten}" : ""),
        OneDnnVerbose.ImplementationFor(shape) is { } implementation ? "oneDNN " + implementation : null);

    /// <summary>ATen's own CPU kernels' ISA cap (read when libtorch loads).</summary>
    public const string AtenCapabilityVariable = "ATEN_CPU_CAPABILITY";

    public override void Setup(BenchShape shape, BenchData data, int threads)
    {
        try
        {
            torch.set_num_threads(threads);
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or NotSupportedException or EntryPointNotFoundException)
        {
            throw new PeerUnavailableException($"libtorch does not load: {e.Message}", e);
        }
        _options = shape.Options;
        _input = torch.tensor(data.Input, [shape.Batch, shape.InChannels, shape.Height, shape.Width]);
        _weight = torch.tensor(data.Weight, [shape.InChannels, shape.OutChannels / shape.Options.Groups, shape.Options.KernelHeight, shape.Options.KernelWidth]);
        _bias = torch.tensor(data.Bias, [shape.OutChannels]);
    }

    public override void Run()
    {
        var o = _options!;
        using var mode = torch.inference_mode();
        var result = nn.functional.conv_transpose2d(_input!, _weight!, _bias,
            strides: [o.StrideHeight, o.StrideWidth],
            padding: [o.PaddingHeight, o.PaddingWidth],
            output_padding: [o.OutputPaddingHeight, o.OutputPaddingWidth],
            groups: o.Groups,
            dilation: [o.DilationHeight, o.DilationWidth]);
        // The activation as a user of libtorch writes it: its functional call on the convolution's output.
        if (o.Activation != ConvTransposeActivation.None)
        {
            using var convolution = result;
            result = TConvGen.Peers.LibTorchPostOps.Activate(convolution, o.Activation, o.ActivationSlope);
        }
        _last?.Dispose();
        _last = result;
    }

    public override ReadOnlySpan<float> Output => _last!.contiguous().data<float>().ToArray();

    public override void Dispose()
    {
        _last?.Dispose();
        _input?.Dispose();
        _weight?.Dispose();
        _bias?.Dispose();
    }
}
