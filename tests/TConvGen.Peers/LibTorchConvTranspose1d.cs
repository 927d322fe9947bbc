using System;
using TConvGen;
using TorchSharp;
using static TorchSharp.torch;

namespace TConvGen.Peers;

/// <summary>
/// libtorch's <c>torch.nn.functional.conv_transpose1d</c> (CPU, float32) through TorchSharp, for one configuration and one set
/// of weights, followed by <c>batch_norm</c> when given and by the options' activation (<see cref="LibTorchPostOps"/>).
/// </summary>
public sealed class LibTorchConvTranspose1d : IDisposable
{
    private readonly ConvTranspose1dOptions _options;
    private readonly Tensor _weight;
    private readonly Tensor? _bias;
    private readonly BatchNormData? _batchNorm;

    /// <summary>Copies the weights and bias into libtorch tensors.</summary>
    /// <param name="options">The hyper-parameters.</param>
    /// <param name="inChannels">Cin.</param>
    /// <param name="outChannels">Cout.</param>
    /// <param name="weight">(Cin, Cout/groups, k).</param>
    /// <param name="bias">(Cout), or empty for none.</param>
    /// <param name="batchNorm">BatchNorm's inference parameters applied after the convolution, or null for none.</param>
    public LibTorchConvTranspose1d(ConvTranspose1dOptions options, int inChannels, int outChannels, float[] weight, float[] bias, BatchNormData? batchNorm = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(bias);
        _options = options;
        _weight = torch.tensor(weight, [inChannels, outChannels / options.Groups, options.Kernel]);
        _bias = bias.Length == 0 ? null : torch.tensor(bias, [bias.Length]);
        _batchNorm = batchNorm;
    }

    /// <summary>Runs <c>conv_transpose1d</c> on an input of <paramref name="shape"/> and returns the output and its shape (N, Cout, Lout).</summary>
    /// <exception cref="System.Runtime.InteropServices.ExternalException">libtorch rejects the configuration.</exception>
    public (float[] Output, long[] Shape) Run(float[] input, ConvTranspose1dShape shape)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(input, [shape.Batch, shape.InChannels, shape.Length]);
        var o = _options;
        var y = nn.functional.conv_transpose1d(x, _weight, _bias, stride: o.Stride, padding: o.Padding, output_padding: o.OutputPadding,
            dilation: o.Dilation, groups: o.Groups);
        y = LibTorchPostOps.Activate(LibTorchPostOps.BatchNorm(y, _batchNorm), o.Activation, o.ActivationSlope);
        return (y.numel() == 0 ? [] : y.contiguous().data<float>().ToArray(), y.shape);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _weight.Dispose();
        _bias?.Dispose();
    }
}
