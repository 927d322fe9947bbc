using TConvGen;

namespace TConvGen.Generator.Consumer.Tests;

/// <summary>Something that knows the right answer for a configuration. Add libtorch here when the parity helper lands.</summary>
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
