using System;
using TConvGen;
using TConvGen.Peers;

namespace TConvGen.Generator.Consumer.Tests;

/// <summary>Something that knows the right answer for a configuration.</summary>
public interface IConvOracle
{
    /// <summary>A short name for test output.</summary>
    string Name { get; }

    /// <summary>Computes the expected output.</summary>
    void Run(ConvTranspose2dOptions options, float[] input, float[] weight, float[] bias, float[] output, ConvTranspose2dShape shape);
}

/// <summary>The scalar reference kernel of the runtime.</summary>
public sealed class ReferenceOracle : IConvOracle
{
    /// <inheritdoc />
    public string Name => "Reference";

    /// <inheritdoc />
    public void Run(ConvTranspose2dOptions options, float[] input, float[] weight, float[] bias, float[] output, ConvTranspose2dShape shape) =>
        ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.Reference).Run(input, weight, bias, output, shape);
}

/// <summary>libtorch 2.10's <c>torch.nn.functional.conv_transpose2d</c> (TorchSharp-cpu): the seed notebook's gold.</summary>
public sealed class LibTorchOracle : IConvOracle
{
    /// <inheritdoc />
    public string Name => "libtorch";

    /// <inheritdoc />
    public void Run(ConvTranspose2dOptions options, float[] input, float[] weight, float[] bias, float[] output, ConvTranspose2dShape shape)
    {
        using var libtorch = new LibTorchConvTranspose2d(options, shape.InChannels, shape.OutChannels, weight, bias);
        var (result, _) = libtorch.Run(input, shape);
        if (result.Length != output.Length)
            throw new InvalidOperationException($"libtorch returned {result.Length} values, expected {output.Length}.");
        result.CopyTo(output, 0);
    }
}
