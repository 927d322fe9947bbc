using TConvGen.Peers;
using TConvGen.Tests.Shared;
using Xunit;

namespace TConvGen.Parity.Tests;

/// <summary>The peers themselves reproduce the seed notebook's gold (In [17]): X = K = [[0, 1], [2, 3]], kernel 2 gives
/// [[0, 0, 1], [0, 4, 6], [4, 12, 9]]. This checks the wrappers (tensor layouts, the hand-written ONNX model) before
/// they are used as oracles.</summary>
public sealed class PeerSeedExampleTests
{
    private static readonly ConvTranspose2dOptions Options = new(kernel: 2);
    private static readonly ConvTranspose2dShape Shape = new(1, 1, 1, 2, 2);
    private static readonly float[] Expected = [0, 0, 1, 0, 4, 6, 4, 12, 9];

    [Fact]
    public void LibTorchGivesTheNotebooksAnswer()
    {
        using var peer = new LibTorchConvTranspose2d(Options, 1, 1, [0, 1, 2, 3], []);

        var (output, shape) = peer.Run([0, 1, 2, 3], Shape);

        Assert.Equal([1L, 1, 3, 3], shape);
        Assert.Equal(Expected, output);
    }

    [Fact]
    public void OnnxRuntimeGivesTheNotebooksAnswer()
    {
        using var peer = new OnnxRuntimeConvTranspose2d(Options, Shape, [0, 1, 2, 3], []);

        var (output, shape) = peer.Run([0, 1, 2, 3]);

        Assert.Equal([1L, 1, 3, 3], shape);
        Assert.Equal([1L, 1, 3, 3], peer.OutputShape);
        Assert.Equal(Expected, output);
    }

    /// <summary>Every attribute of the ONNX model reaches ONNX Runtime: on an asymmetric configuration with bias and groups,
    /// the shape ONNX Runtime infers from the attributes is the formula's, and its output is the reference's.</summary>
    [Fact]
    public void OnnxModelCarriesEveryAttribute()
    {
        var options = new ConvTranspose2dOptions(1)
        {
            KernelHeight = 3, KernelWidth = 2, StrideHeight = 3, StrideWidth = 2, PaddingHeight = 1, PaddingWidth = 0,
            OutputPaddingHeight = 2, OutputPaddingWidth = 1, DilationHeight = 2, DilationWidth = 1, Groups = 2,
        };
        var shape = new ConvTranspose2dShape(2, 4, 6, 3, 4);
        var c = Support.ParityCase.Create("attributes", options, shape, 11);
        using var onnx = new OnnxRuntimeConvTranspose2d(options, shape, c.Weight, c.Bias);

        var (expected, _, expectedShape) = c.RunTConvGen(ConvTranspose2dAlgorithm.Reference);
        var (actual, actualShape) = onnx.Run(c.Input);

        Assert.Equal([2L, 6, (3 - 1) * 3 - 2 + 2 * 2 + 2 + 1, (4 - 1) * 2 + 1 + 1 + 1], expectedShape);
        Assert.Equal(expectedShape, actualShape);
        Assert.Equal(expectedShape, onnx.OutputShape);
        var difference = OutputDifference.Between(expected, actual);
        Assert.True(difference.IsClose, $"ONNX Runtime: {difference.Describe("reference")}");
    }
}
