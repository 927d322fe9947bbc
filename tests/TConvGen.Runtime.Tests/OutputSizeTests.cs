using System;
using TConvGen.Runtime.Tests.Support;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary><see cref="ConvTranspose2d.GetOutputSize"/> against the formula
/// <c>(in - 1) * s - 2 * p + d * (k - 1) + op + 1</c>, per axis, asymmetric configurations included.</summary>
public sealed class OutputSizeTests
{
    [Theory]
    [InlineData(2, 1, 0, 1, 0, 2, 3)]      // the seed's 2x2 example
    [InlineData(4, 2, 1, 1, 0, 4, 8)]      // DCGAN
    [InlineData(4, 1, 0, 1, 0, 1, 4)]      // DCGAN's first layer on 1x1
    [InlineData(9, 3, 4, 1, 2, 10, 30)]    // FSRCNN x3
    [InlineData(3, 2, 1, 1, 1, 16, 32)]    // ENet
    [InlineData(3, 1, 2, 2, 0, 5, 5)]      // dilated, "same"
    [InlineData(3, 1, 0, 3, 2, 4, 12)]     // output padding allowed by dilation alone
    [InlineData(16, 8, 4, 1, 0, 28, 224)]  // FCN-32s-like
    public void SquareConfigurationsFollowTheFormula(int k, int s, int p, int d, int op, int input, int expected)
    {
        var kernel = ConvTranspose2d.Create(new ConvTranspose2dOptions(k, s, p) { Dilation = d, OutputPadding = op });

        Assert.Equal(expected, Formula(input, k, s, p, d, op));
        Assert.Equal((expected, expected), kernel.GetOutputSize(input, input));
    }

    /// <summary>Every per-axis parameter differs between the axes; each axis follows its own parameters only.</summary>
    [Fact]
    public void AsymmetricConfigurationsUseEachAxisOwnParameters()
    {
        var options = new ConvTranspose2dOptions(1)
        {
            KernelHeight = 5, KernelWidth = 2, StrideHeight = 3, StrideWidth = 1, PaddingHeight = 2, PaddingWidth = 0,
            DilationHeight = 1, DilationWidth = 4, OutputPaddingHeight = 2, OutputPaddingWidth = 3,
        };
        var kernel = ConvTranspose2d.Create(options);

        var (height, width) = kernel.GetOutputSize(7, 3);

        Assert.Equal(Formula(7, 5, 3, 2, 1, 2), height);
        Assert.Equal(Formula(3, 2, 1, 0, 4, 3), width);
        Assert.Equal((6 * 3 - 4 + 4 + 2 + 1, 2 * 1 - 0 + 4 + 3 + 1), (height, width));
    }

    /// <summary>The output a kernel writes has the size GetOutputSize reports: a longer or shorter span is refused.</summary>
    [Theory]
    [MemberData(nameof(AllAlgorithms.Data), MemberType = typeof(AllAlgorithms))]
    public void RunAcceptsExactlyTheReportedOutputSize(ConvTranspose2dAlgorithm algorithm)
    {
        var options = new ConvTranspose2dOptions(1) { KernelHeight = 3, KernelWidth = 4, StrideHeight = 2, StrideWidth = 3, PaddingWidth = 1, OutputPaddingHeight = 1 };
        var kernel = ConvTranspose2d.Create(options, algorithm);
        var (height, width) = kernel.GetOutputSize(3, 2);
        var shape = new ConvTranspose2dShape(1, 1, 1, 3, 2);

        kernel.Run(new float[6], new float[12], [], new float[height * width], shape);
        Assert.Throws<ArgumentException>(() => kernel.Run(new float[6], new float[12], [], new float[height * width + 1], shape));
        Assert.Throws<ArgumentException>(() => kernel.Run(new float[6], new float[12], [], new float[height * width - 1], shape));
    }

    /// <summary>A random sweep of configurations and input sizes against the formula.</summary>
    [Fact]
    public void RandomConfigurationsFollowTheFormula()
    {
        var random = new Random(42);
        for (int i = 0; i < 500; i++)
        {
            var problem = TestProblem.Random(random);
            var o = problem.Options;
            var size = ConvTranspose2d.Create(o).GetOutputSize(problem.Shape.Height, problem.Shape.Width);
            Assert.Equal((Formula(problem.Shape.Height, o.KernelHeight, o.StrideHeight, o.PaddingHeight, o.DilationHeight, o.OutputPaddingHeight),
                Formula(problem.Shape.Width, o.KernelWidth, o.StrideWidth, o.PaddingWidth, o.DilationWidth, o.OutputPaddingWidth)), size);
        }
    }

    private static int Formula(int input, int k, int s, int p, int d, int op) => (input - 1) * s - 2 * p + d * (k - 1) + op + 1;
}
