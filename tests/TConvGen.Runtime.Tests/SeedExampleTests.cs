using System.Linq;
using TConvGen.Runtime.Tests.Support;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>The worked examples of the seed notebook whose numbers can be reproduced exactly.</summary>
public sealed class SeedExampleTests
{
    /// <summary>In [17]: X = K = [[0, 1], [2, 3]], kernel 2, stride 1, no bias: Y = [[0, 0, 1], [0, 4, 6], [4, 12, 9]].</summary>
    [Theory]
    [MemberData(nameof(AllAlgorithms.Data), MemberType = typeof(AllAlgorithms))]
    public void TwoByTwoExampleMatchesTheNotebook(ConvTranspose2dAlgorithm algorithm)
    {
        float[] x = [0, 1, 2, 3];
        float[] k = [0, 1, 2, 3];
        var output = new float[9];
        var kernel = ConvTranspose2d.Create(new ConvTranspose2dOptions(kernel: 2), algorithm);

        kernel.Run(x, k, [], output, new ConvTranspose2dShape(1, 1, 1, 2, 2));

        Assert.Equal([0f, 0f, 1f, 0f, 4f, 6f, 4f, 12f, 9f], output);
    }

    /// <summary>The same example through <see cref="ConvTranspose2d.Prepare"/>, single- and multi-threaded.</summary>
    [Theory]
    [MemberData(nameof(AllAlgorithms.Data), MemberType = typeof(AllAlgorithms))]
    public void TwoByTwoExampleMatchesTheNotebookWhenPrepared(ConvTranspose2dAlgorithm algorithm)
    {
        var prepared = ConvTranspose2d.Create(new ConvTranspose2dOptions(kernel: 2), algorithm).Prepare([0, 1, 2, 3], [], 1, 1);
        var single = new float[9];
        var parallel = new float[9];

        prepared.Run([0, 1, 2, 3], single, 1, 2, 2, maxDegreeOfParallelism: 1);
        prepared.Run([0, 1, 2, 3], parallel, 1, 2, 2);

        Assert.Equal([0f, 0f, 1f, 0f, 4f, 6f, 4f, 12f, 9f], single);
        Assert.Equal(single, parallel);
    }

    /// <summary>In [74]/[70]: an 8x8 input, kernel 3, stride 5, padding 1 gives 36x36, and _output_padding(...) for that size is (0, 0).</summary>
    [Fact]
    public void StrideFiveExampleHasTheNotebooksSize()
    {
        var kernel = ConvTranspose2d.Create(new ConvTranspose2dOptions(kernel: 3, stride: 5, padding: 1));

        Assert.Equal((36, 36), kernel.GetOutputSize(8, 8));
        Assert.Equal((0, 0), kernel.GetOutputPadding(8, 8, 36, 36));
    }

    /// <summary>In [70] with the weights set to ones: every output is the sum of the inputs whose (stride 5, padding 1) windows cover it;
    /// with stride 5 > kernel 3 the windows never overlap, so each output is one input or zero.</summary>
    [Theory]
    [MemberData(nameof(AllAlgorithms.Data), MemberType = typeof(AllAlgorithms))]
    public void StrideFiveExampleWithOnesCopiesEachInputIntoItsWindow(ConvTranspose2dAlgorithm algorithm)
    {
        float[] x = Enumerable.Range(1, 64).Select(i => (float)i).ToArray();
        var output = new float[36 * 36];
        ConvTranspose2d.Create(new ConvTranspose2dOptions(kernel: 3, stride: 5, padding: 1), algorithm)
            .Run(x, Enumerable.Repeat(1f, 9).ToArray(), [], output, new ConvTranspose2dShape(1, 1, 1, 8, 8));

        for (int oy = 0; oy < 36; oy++)
        for (int ox = 0; ox < 36; ox++)
        {
            // Full-grid row oy + 1 lies in input row iy's window [5*iy, 5*iy + 2] iff (oy + 1) % 5 <= 2.
            int fy = oy + 1, fx = ox + 1;
            float expected = fy % 5 <= 2 && fx % 5 <= 2 ? x[fy / 5 * 8 + fx / 5] : 0f;
            Assert.Equal(expected, output[oy * 36 + ox]);
        }
    }

    /// <summary>In [56]: stride 4, padding 0, output padding 1, kernel 3, a 4x4 input: op_size = 4*3 + 3 - 0 + 1 = 16.</summary>
    [Fact]
    public void StrideFourOutputPaddingExampleHasTheNotebooksSize()
    {
        var kernel = ConvTranspose2d.Create(new ConvTranspose2dOptions(kernel: 3, stride: 4) { OutputPadding = 1 });

        Assert.Equal((16, 16), kernel.GetOutputSize(4, 4));
    }
}
