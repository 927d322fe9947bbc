using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using TConvGen;

namespace TConvGen.Peers;

/// <summary>
/// ONNX Runtime's ConvTranspose (CPU execution provider) for one configuration, weights and input shape: a one-node
/// model written by <see cref="OnnxModelBuilder"/> and loaded once; <see cref="Run"/> may be called many times.
/// </summary>
public sealed class OnnxRuntimeConvTranspose2d : IDisposable
{
    private readonly InferenceSession _session;
    private readonly long[] _inputShape;

    /// <summary>Builds and loads the model.</summary>
    /// <param name="options">The hyper-parameters.</param>
    /// <param name="shape">The input shape every run uses.</param>
    /// <param name="weight">(Cin, Cout/groups, kH, kW).</param>
    /// <param name="bias">(Cout), or empty for none.</param>
    /// <param name="intraOpThreads">ONNX Runtime's intra-op threads; 0 lets it choose.</param>
    /// <param name="batchNorm">BatchNormalization after the convolution, or null; the options' activation follows.</param>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime rejects the model (for example an attribute out of its range).</exception>
    public OnnxRuntimeConvTranspose2d(ConvTranspose2dOptions options, ConvTranspose2dShape shape, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias,
        int intraOpThreads = 0, BatchNormData? batchNorm = null)
        : this(OnnxModelBuilder.ConvTranspose(options, shape, weight, bias, batchNorm), [shape.Batch, shape.InChannels, shape.Height, shape.Width], intraOpThreads)
    {
    }

    /// <summary>Loads a model built by <see cref="OnnxModelBuilder.Build"/> for inputs of <paramref name="inputShape"/> (any rank).</summary>
    /// <param name="model">The model's bytes.</param>
    /// <param name="inputShape">N, Cin and the spatial sizes.</param>
    /// <param name="intraOpThreads">ONNX Runtime's intra-op threads; 0 lets it choose.</param>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime rejects the model.</exception>
    public OnnxRuntimeConvTranspose2d(byte[] model, long[] inputShape, int intraOpThreads = 0)
    {
        using var sessionOptions = new SessionOptions { IntraOpNumThreads = intraOpThreads };
        _session = new InferenceSession(model, sessionOptions);
        _inputShape = inputShape;
        var output = _session.OutputMetadata[OnnxModelBuilder.OutputName];
        OutputShape = output.Dimensions.Select(d => (long)d).ToArray();
    }

    /// <summary>The output shape ONNX Runtime inferred when it loaded the model (N, Cout, Hout, Wout); -1 where unknown.</summary>
    public IReadOnlyList<long> OutputShape { get; }

    /// <summary>Runs the model on <paramref name="input"/> and returns the output and its shape.</summary>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime fails to run it.</exception>
    public (float[] Output, long[] Shape) Run(float[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var value = OrtValue.CreateTensorValueFromMemory(input, _inputShape);
        using var runOptions = new RunOptions();
        using var results = _session.Run(runOptions, [OnnxModelBuilder.InputName], [value], [OnnxModelBuilder.OutputName]);
        var result = results[0];
        long[] shape = result.GetTensorTypeAndShape().Shape;
        return (result.GetTensorDataAsSpan<float>().ToArray(), shape);
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
