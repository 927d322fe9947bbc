using System;
using TConvGen;

namespace TConvGen.Peers;

/// <summary>
/// Writes the bytes of a one-node ONNX model (opset 17) computing ConvTranspose with the weights (and bias) as
/// initializers. Field numbers are those of onnx.proto (ModelProto, GraphProto, NodeProto, AttributeProto,
/// TensorProto, ValueInfoProto, TypeProto, TensorShapeProto, OperatorSetIdProto).
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
    private const int AttributeInt = 2;
    private const int AttributeInts = 7;

    /// <summary>The model for <paramref name="options"/> on inputs of <paramref name="shape"/>.</summary>
    /// <param name="options">Kernel, stride, padding (both borders), output padding, dilation and groups.</param>
    /// <param name="shape">The input's shape; the output's shape is left for ONNX Runtime to infer.</param>
    /// <param name="weight">(Cin, Cout/groups, kH, kW).</param>
    /// <param name="bias">(Cout), or empty for none.</param>
    public static byte[] ConvTranspose(ConvTranspose2dOptions options, ConvTranspose2dShape shape, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias)
    {
        ArgumentNullException.ThrowIfNull(options);
        var node = new ProtobufWriter()
            .String(1, InputName)       // input
            .String(1, "w")
            ;
        if (!bias.IsEmpty)
            node.String(1, "b");
        node.String(2, OutputName)      // output
            .String(3, "convtranspose") // name
            .String(4, "ConvTranspose") // op_type
            .Message(5, Ints("kernel_shape", options.KernelHeight, options.KernelWidth))
            .Message(5, Ints("strides", options.StrideHeight, options.StrideWidth))
            .Message(5, Ints("pads", options.PaddingHeight, options.PaddingWidth, options.PaddingHeight, options.PaddingWidth))
            .Message(5, Ints("output_padding", options.OutputPaddingHeight, options.OutputPaddingWidth))
            .Message(5, Ints("dilations", options.DilationHeight, options.DilationWidth))
            .Message(5, Int("group", options.Groups));

        var graph = new ProtobufWriter()
            .Message(1, node)           // node
            .String(2, "tconvgen_parity")
            .Message(5, Tensor("w", weight, shape.InChannels, shape.OutChannels / Math.Max(1, options.Groups), options.KernelHeight, options.KernelWidth));
        if (!bias.IsEmpty)
            graph.Message(5, Tensor("b", bias, bias.Length));
        graph.Message(11, Value(InputName, shape.Batch, shape.InChannels, shape.Height, shape.Width)) // input
             .Message(12, Value(OutputName, null));                                                  // output, shape inferred

        return new ProtobufWriter()
            .Int64(1, IrVersion)         // ir_version
            .String(2, "TConvGen.Peers") // producer_name
            .Message(7, graph)           // graph
            .Message(8, new ProtobufWriter().String(1, "").Int64(2, Opset)) // opset_import
            .ToArray();
    }

    private static ProtobufWriter Ints(string name, params long[] values) =>
        new ProtobufWriter().String(1, name).PackedInt64(8, values).Int64(20, AttributeInts);

    private static ProtobufWriter Int(string name, long value) =>
        new ProtobufWriter().String(1, name).Int64(3, value).Int64(20, AttributeInt);

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
