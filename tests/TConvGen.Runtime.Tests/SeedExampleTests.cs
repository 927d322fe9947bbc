using TConvGen;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>The worked examples of the seed notebook, exactly.</summary>
public sealed class SeedExampleTests
{
    [Theory]
    [InlineData(ConvTranspose2dAlgorithm.Auto)]
    [InlineData(ConvTranspose2dAlgorithm.Reference)]
    public void TwoByTwoExampleMatchesTheNotebook(ConvTranspose2dAlgorithm algorithm)
    {
        float[] x = [0, 1, 2, 3];
        float[] k = [0, 1, 2, 3];
        var output = new float[9];
        var kernel = ConvTranspose2d.Create(new ConvTranspose2dOptions(kernel: 2), algorithm);

        kernel.Run(x, k, [], output, new ConvTranspose2dShape(1, 1, 1, 2, 2));

        Assert.Equal([0f, 0f, 1f, 0f, 4f, 6f, 4f, 12f, 9f], output);
    }
}
