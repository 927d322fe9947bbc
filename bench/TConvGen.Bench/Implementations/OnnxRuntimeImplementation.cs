using System;
using Microsoft.ML.OnnxRuntime;
using TConvGen.Bench.Suite;
using TConvGen.Peers;

namespace TConvGen.Bench.Implementations;

/// <summary>
/// ONNX Runtime (CPU) running a one-node ConvTranspose model (opset 17, weights as initializers), at its best:
/// all graph optimisations, intra-op threads = the case's threads, input and output pre-bound with IOBinding so a
/// run allocates nothing.
/// </summary>
internal sealed class OnnxRuntimeImplementation : ConvImplementation
{
    private InferenceSession? _session;
    private OrtValue? _input;
    private OrtValue? _output;
    private OrtIoBinding? _binding;
    private RunOptions? _runOptions;
    private float[] _outputBuffer = [];

    public override string Name => "ONNX Runtime";

    public override bool IsPeer => true;

    /// <summary>MLAS picks its kernels from the CPU itself; there is no switch to name.</summary>
    public override PeerIsa? IsaFor(BenchShape shape) => new("MLAS, its own CPU dispatch");

    public override void Setup(BenchShape shape, BenchData data, int threads)
    {
        byte[] model = OnnxModelBuilder.ConvTranspose(shape.Options, shape.Shape, data.Weight, data.Bias);
        try
        {
            using var options = new SessionOptions
            {
                IntraOpNumThreads = threads,
                InterOpNumThreads = 1,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            };
            _session = new InferenceSession(model, options);
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            throw new PeerUnavailableException($"ONNX Runtime does not load: {e.Message}", e);
        }
        var (outputHeight, outputWidth) = shape.OutputSize;
        _outputBuffer = new float[shape.OutputLength];
        _input = OrtValue.CreateTensorValueFromMemory(data.Input, [shape.Batch, shape.InChannels, shape.Height, shape.Width]);
        _output = OrtValue.CreateTensorValueFromMemory(_outputBuffer, [shape.Batch, shape.OutChannels, outputHeight, outputWidth]);
        _binding = _session.CreateIoBinding();
        _binding.BindInput(OnnxModelBuilder.InputName, _input);
        _binding.BindOutput(OnnxModelBuilder.OutputName, _output);
        _runOptions = new RunOptions();
    }

    public override void Run() => _session!.RunWithBinding(_runOptions!, _binding!);

    public override ReadOnlySpan<float> Output => _outputBuffer;

    public override void Dispose()
    {
        _binding?.Dispose();
        _input?.Dispose();
        _output?.Dispose();
        _runOptions?.Dispose();
        _session?.Dispose();
    }
}
