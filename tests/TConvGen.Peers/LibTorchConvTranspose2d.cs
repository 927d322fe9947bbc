using System;
using TConvGen;
using TorchSharp;
using static TorchSharp.torch;

namespace TConvGen.Peers;

/// <summary>
/// libtorch's <c>torch.nn.functional.conv_transpose2d</c> (CPU, float32) through TorchSharp, for one configuration and
/// one set of weights, followed by <c>batch_norm</c> when given and by the options' activation (<see cref="LibTorchPostOps"/>);
/// <see cref="Run"/> may be called many times.
/// </summary>
/// <remarks>On Linux the executable must import <c>build/LibTorchSharpLoadFix.targets</c> so that libLibTorchSharp.so loads.</remarks>
public sealed class LibTorchConvTranspose2d : IDisposable
{
    private readonly ConvTranspose2dOptions _options;
    private readonly Tensor _weight;
    private readonly Tensor? _bias;
    private readonly BatchNormData? _batchNorm;

    /// <summary>Copies the weights and bias into libtorch tensors.</summary>
    /// <param name="options">The hyper-parameters (passed to libtorch as given, without TConvGen's validation).</param>
    /// <param name="inChannels">Cin.</param>
    /// <param name="outChannels">Cout.</param>
    /// <param name="weight">(Cin, Cout/groups, kH, kW).</param>
    /// <param name="bias">(Cout), or empty for none.</param>
    /// <param name="batchNorm">BatchNorm's inference parameters applied after the convolution, or null for none.</param>
    public LibTorchConvTranspose2d(ConvTranspose2dOptions options, int inChannels, int outChannels, float[] weight, float[] bias, BatchNormData? batchNorm = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(bias);
        _options = options;
        long perGroup = options.Groups > 0 ? outChannels / options.Groups : outChannels; // groups <= 0: let libtorch refuse the groups, not the shape
        _weight = torch.tensor(weight, [inChannels, perGroup, options.KernelHeight, options.KernelWidth]);
        _bias = bias.Length == 0 ? null : torch.tensor(bias, [bias.Length]);
        _batchNorm = batchNorm;
    }

    /// <summary>Runs <c>conv_transpose2d</c> on an input of <paramref name="shape"/> and returns the output and its shape.</summary>
    /// <exception cref="System.Runtime.InteropServices.ExternalException">libtorch rejects the configuration; the message is libtorch's.</exception>
    public (float[] Output, long[] Shape) Run(float[] input, ConvTranspose2dShape shape)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(input, [shape.Batch, shape.InChannels, shape.Height, shape.Width]);
        var o = _options;
        var y = nn.functional.conv_transpose2d(x, _weight, _bias,
            strides: [o.StrideHeight, o.StrideWidth],
            padding: [o.PaddingHeight, o.PaddingWidth],
            output_padding: [o.OutputPaddingHeight, o.OutputPaddingWidth],
            groups: o.Groups,
            dilation: [o.DilationHeight, o.DilationWidth]);
        y = LibTorchPostOps.Activate(LibTorchPostOps.BatchNorm(y, _batchNorm), o.Activation, o.ActivationSlope);
        // TorchSharp's data<float>().ToArray() throws on an empty tensor (batch 0), so that case is handled here.
        return (y.numel() == 0 ? [] : y.contiguous().data<float>().ToArray(), y.shape);
    }

    /// <summary>
    /// The output shape of TorchSharp's <c>nn.ConvTranspose2d</c> module asked for <c>output_size=</c>
    /// (<paramref name="outputHeight"/>, <paramref name="outputWidth"/>): TorchSharp's port of PyTorch's <c>_output_padding</c>
    /// picks the output padding, then libtorch runs the convolution (on zeros).
    /// </summary>
    /// <exception cref="ArgumentException">TorchSharp refuses the size (outside <c>[min, min + stride - 1]</c>).</exception>
    /// <exception cref="System.Runtime.InteropServices.ExternalException">libtorch refuses the resulting convolution.</exception>
    public static long[] OutputShapeFor(ConvTranspose2dOptions options, ConvTranspose2dShape shape, long outputHeight, long outputWidth)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var scope = torch.NewDisposeScope();
        using var module = nn.ConvTranspose2d(shape.InChannels, shape.OutChannels, (options.KernelHeight, options.KernelWidth),
            stride: (options.StrideHeight, options.StrideWidth), padding: (options.PaddingHeight, options.PaddingWidth),
            output_padding: (options.OutputPaddingHeight, options.OutputPaddingWidth), dilation: (options.DilationHeight, options.DilationWidth),
            groups: options.Groups);
        var x = torch.zeros(shape.Batch, shape.InChannels, shape.Height, shape.Width);
        return module.forward(x, [outputHeight, outputWidth]).shape;
    }

    /// <summary>Loads libtorch and checks it computes: <c>torch.ones(1)</c> must hold 1.</summary>
    /// <returns>The version of libtorch TorchSharp reports.</returns>
    public static string EnsureLoaded()
    {
        using var one = torch.ones(1);
        float value = one.item<float>();
        if (value != 1f)
            throw new InvalidOperationException($"libtorch computed torch.ones(1) = {value}.");
        return torch.__version__;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _weight.Dispose();
        _bias?.Dispose();
    }
}
