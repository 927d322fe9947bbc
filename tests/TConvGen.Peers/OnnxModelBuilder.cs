using System;
using System.Collections.Generic;
using TConvGen;

namespace TConvGen.Peers;

/// <summary>
/// Writes the bytes of a small ONNX model (opset 17) computing ConvTranspose (1-D or 2-D) with the weights (and bias) as
/// initializers, followed, when asked, by BatchNormalization and by the node(s) of an activation. Field numbers are those of
/// onnx.proto (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto, TypeProto, TensorShapeProto,
/// OperatorSetIdProto).
/// </summary>
public static class OnnxModelBuilder
{
    /// <summary>The input tensor's name.</summary>
    public const string InputName = "x";

    /// <summary>The output tensor's name.</summary>
    public const string OutputName = "y";

    private const long IrVersion = 8; // the IR version that goes with opset 17
    private const long Opset = 17;
    private const int FloatType = 1;  // TensorProto.DataType.FLOAT
    private const int AttributeFloat = 1;
    private const int AttributeInt = 2;
    private const int AttributeInts = 7;

    /// <summary>The 2-D model for <paramref name="options"/> on inputs of <paramref name="shape"/>, with its activation.</summary>
    /// <param name="options">Kernel, stride, padding (both borders), output padding, dilation, groups and activation.</param>
    /// <param name="shape">The input's shape; the output's shape is left for ONNX Runtime to infer.</param>
    /// <param name="weight">(Cin, Cout/groups, kH, kW).</param>
    /// <param name="bias">(Cout), or empty for none.</param>
    /// <param name="batchNorm">BatchNormalization after the convolution, or null.</param>
    public static byte[] ConvTranspose(ConvTranspose2dOptions options, ConvTranspose2dShape shape, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias,
        BatchNormData? batchNorm = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var layer = new OnnxLayer(
            [options.KernelHeight, options.KernelWidth], [options.StrideHeight, options.StrideWidth], [options.PaddingHeight, options.PaddingWidth],
            [options.OutputPaddingHeight, options.OutputPaddingWidth], [options.DilationHeight, options.DilationWidth], options.Groups,
            options.Activation, options.ActivationSlope);
        return Build(layer, [shape.Batch, shape.InChannels, shape.Height, shape.Width], shape.OutChannels, weight, bias, batchNorm);
    }

    /// <summary>The 1-D model for <paramref name="options"/> on inputs of <paramref name="shape"/>, with its activation.</summary>
    /// <param name="options">Kernel, stride, padding (both ends), output padding, dilation, groups and activation.</param>
    /// <param name="shape">The input's shape (N, Cin, L).</param>
    /// <param name="weight">(Cin, Cout/groups, k).</param>
    /// <param name="bias">(Cout), or empty for none.</param>
    /// <param name="batchNorm">BatchNormalization after the convolution, or null.</param>
    public static byte[] ConvTranspose1d(ConvTranspose1dOptions options, ConvTranspose1dShape shape, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias,
        BatchNormData? batchNorm = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var layer = new OnnxLayer([options.Kernel], [options.Stride], [options.Padding], [options.OutputPadding], [options.Dilation], options.Groups,
            options.Activation, options.ActivationSlope);
        return Build(layer, [shape.Batch, shape.InChannels, shape.Length], shape.OutChannels, weight, bias, batchNorm);
    }

    /// <summary>The model for one layer of any rank on an input of <paramref name="inputShape"/> (N, Cin, spatial...).</summary>
    /// <param name="layer">The hyper-parameters, one value per spatial axis.</param>
    /// <param name="inputShape">N, Cin and the spatial sizes.</param>
    /// <param name="outChannels">Cout.</param>
    /// <param name="weight">(Cin, Cout/groups, kernel...).</param>
    /// <param name="bias">(Cout), or empty for none.</param>
    /// <param name="batchNorm">BatchNormalization after the convolution, or null.</param>
    public static byte[] Build(OnnxLayer layer, long[] inputShape, long outChannels, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, BatchNormData? batchNorm)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(inputShape);
        var nodes = new List<ProtobufWriter>();
        var initializers = new List<ProtobufWriter>();
        var pads = new long[2 * layer.Kernel.Length];
        layer.Padding.CopyTo(pads, 0);
        layer.Padding.CopyTo(pads, layer.Kernel.Length);

        string current = "conv";
        var conv = Node("ConvTranspose", bias.IsEmpty ? [InputName, "w"] : [InputName, "w", "b"], current)
            .Message(5, Ints("kernel_shape", layer.Kernel))
            .Message(5, Ints("strides", layer.Stride))
            .Message(5, Ints("pads", pads))
            .Message(5, Ints("output_padding", layer.OutputPadding))
            .Message(5, Ints("dilations", layer.Dilation))
            .Message(5, Int("group", layer.Groups));
        nodes.Add(conv);
        var weightDims = new long[2 + layer.Kernel.Length];
        weightDims[0] = inputShape[1];
        weightDims[1] = outChannels / Math.Max(1, layer.Groups);
        layer.Kernel.CopyTo(weightDims, 2);
        initializers.Add(Tensor("w", weight, weightDims));
        if (!bias.IsEmpty)
            initializers.Add(Tensor("b", bias, bias.Length));

        if (batchNorm is not null)
        {
            initializers.Add(Tensor("bn_scale", batchNorm.Weight, batchNorm.Weight.Length));
            initializers.Add(Tensor("bn_bias", batchNorm.Bias, batchNorm.Bias.Length));
            initializers.Add(Tensor("bn_mean", batchNorm.RunningMean, batchNorm.RunningMean.Length));
            initializers.Add(Tensor("bn_var", batchNorm.RunningVariance, batchNorm.RunningVariance.Length));
            nodes.Add(Node("BatchNormalization", [current, "bn_scale", "bn_bias", "bn_mean", "bn_var"], "bn").Message(5, Float("epsilon", batchNorm.Epsilon)));
            current = "bn";
        }

        switch (layer.Activation)
        {
            case ConvTransposeActivation.None: break;
            case ConvTransposeActivation.Relu: nodes.Add(Node("Relu", [current], "act")); current = "act"; break;
            case ConvTransposeActivation.LeakyRelu: nodes.Add(Node("LeakyRelu", [current], "act").Message(5, Float("alpha", layer.ActivationSlope))); current = "act"; break;
            case ConvTransposeActivation.Relu6:
                initializers.Add(Tensor("zero", [0f]));
                initializers.Add(Tensor("six", [6f]));
                nodes.Add(Node("Clip", [current, "zero", "six"], "act"));
                current = "act";
                break;
            case ConvTransposeActivation.Sigmoid: nodes.Add(Node("Sigmoid", [current], "act")); current = "act"; break;
            case ConvTransposeActivation.Tanh: nodes.Add(Node("Tanh", [current], "act")); current = "act"; break;
            case ConvTransposeActivation.Silu:
                nodes.Add(Node("Sigmoid", [current], "gate"));
                nodes.Add(Node("Mul", [current, "gate"], "act"));
                current = "act";
                break;
            default: throw new ArgumentOutOfRangeException(nameof(layer), layer.Activation, "unknown activation.");
        }
        nodes.Add(Node("Identity", [current], OutputName));

        var graph = new ProtobufWriter();
        foreach (var node in nodes)
            graph.Message(1, node);
        graph.String(2, "tconvgen_parity");
        foreach (var initializer in initializers)
            graph.Message(5, initializer);
        graph.Message(11, Value(InputName, inputShape)) // input
             .Message(12, Value(OutputName, null));    // output, shape inferred

        return new ProtobufWriter()
            .Int64(1, IrVersion)         // ir_version
            .String(2, "TConvGen.Peers") // producer_name
            .Message(7, graph)           // graph
            .Message(8, new ProtobufWriter().String(1, "").Int64(2, Opset)) // opset_import
            .ToArray();
    }

    private static ProtobufWriter Node(string op, string[] inputs, string output)
    {
        var node = new ProtobufWriter();
        foreach (string input in inputs)
            node.String(1, input);
        return node.String(2, output).String(3, output + "_node").String(4, op); // output, name, op_type
    }

    private static ProtobufWriter Ints(string name, params long[] values) =>
        new ProtobufWriter().String(1, name).PackedInt64(8, values).Int64(20, AttributeInts);

    private static ProtobufWriter Int(string name, long value) =>
        new ProtobufWriter().String(1, name).Int64(3, value).Int64(20, AttributeInt);

    private static ProtobufWriter Float(string name, float value) =>
        new ProtobufWriter().String(1, name).Float(2, value).Int64(20, AttributeFloat);

    private static ProtobufWriter Tensor(string name, ReadOnlySpan<float> data, params long[] dims) =>
        new ProtobufWriter().PackedInt64(1, dims).Int64(2, FloatType).PackedFloat(4, data).String(8, name);

    private static ProtobufWriter Value(string name, params long[]? dims)
    {
        var tensor = new ProtobufWriter().Int64(1, FloatType); // elem_type
        if (dims is not null)
        {
            var shape = new ProtobufWriter();
            foreach (long dim in dims)
                shape.Message(1, new ProtobufWriter().Int64(1, dim)); // dim { dim_value }
            tensor.Message(2, shape);
        }
        var type = new ProtobufWriter().Message(1, tensor); // tensor_type
        return new ProtobufWriter().String(1, name).Message(2, type);
    }
}

/// <summary>One ConvTranspose layer of any rank for <see cref="OnnxModelBuilder.Build"/>: one value per spatial axis.</summary>
public sealed record OnnxLayer(long[] Kernel, long[] Stride, long[] Padding, long[] OutputPadding, long[] Dilation, int Groups,
    ConvTransposeActivation Activation = ConvTransposeActivation.None, float ActivationSlope = 0.01f);
