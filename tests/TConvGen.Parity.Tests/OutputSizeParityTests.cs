using System;
using System.Collections.Generic;
using System.Linq;
using TConvGen.Parity.Tests.Support;
using TConvGen.Peers;
using Xunit;

namespace TConvGen.Parity.Tests;

/// <summary>
/// <see cref="ConvTranspose2d.GetOutputPadding"/> against <c>output_size=</c> of TorchSharp's <c>nn.ConvTranspose2d</c>
/// (its port of PyTorch's <c>_output_padding</c>, then libtorch): for every requested size from two below the legal range to
/// two above it, on each axis, TConvGen accepts exactly the sizes TorchSharp/libtorch accept, and the output padding it
/// returns gives the same output shape.
/// </summary>
public sealed class OutputSizeParityTests
{
    public static TheoryData<int> Seeds => new(Enumerable.Range(7000, 40));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RequestedSizesAreAcceptedAndPaddedLikeTorch(int seed)
    {
        var c = ParityCase.Random(seed);
        var o = c.Options;
        var kernel = ConvTranspose2d.Create(o);
        int minHeight = ParityCase.OutputLength(o.KernelHeight, o.StrideHeight, o.PaddingHeight, o.DilationHeight, 0, c.Shape.Height);
        int minWidth = ParityCase.OutputLength(o.KernelWidth, o.StrideWidth, o.PaddingWidth, o.DilationWidth, 0, c.Shape.Width);
        var requests = new List<(int Height, int Width)>();
        // Sizes below 1 are left out: libtorch's oneDNN path aborts the process (an uncaught dnnl::error) on them.
        // TConvGen's refusal of those is tested in the runtime tests.
        for (int h = Math.Max(1, minHeight - 2); h <= minHeight + o.StrideHeight + 1; h++)
            requests.Add((h, Math.Max(1, minWidth)));
        for (int w = Math.Max(1, minWidth - 2); w <= minWidth + o.StrideWidth + 1; w++)
            requests.Add((Math.Max(1, minHeight), w));

        int accepted = 0;
        foreach (var (h, w) in requests)
        {
            long[]? torchShape = null;
            try
            {
                torchShape = LibTorchConvTranspose2d.OutputShapeFor(o, c.Shape, h, w);
            }
            catch (Exception e) when (e is ArgumentException or System.Runtime.InteropServices.ExternalException)
            {
            }

            (int Height, int Width)? padding = null;
            try
            {
                padding = kernel.GetOutputPadding(c.Shape.Height, c.Shape.Width, h, w);
            }
            catch (ArgumentOutOfRangeException)
            {
            }

            Assert.True(torchShape is null == padding is null,
                $"{c}: output_size ({h}, {w}) is {(torchShape is null ? "refused" : "accepted")} by torch but {(padding is null ? "refused" : "accepted")} by TConvGen.");
            if (padding is { } op)
            {
                accepted++;
                var padded = ConvTranspose2d.Create(o with { OutputPaddingHeight = op.Height, OutputPaddingWidth = op.Width });
                var (height, width) = padded.GetOutputSize(c.Shape.Height, c.Shape.Width);
                Assert.Equal(new long[] { c.Shape.Batch, c.Shape.OutChannels, height, width }, torchShape);
                Assert.Equal((h, w), (height, width));
            }
        }
        Assert.True(accepted >= 1, $"{c}: no requested size was legal, so the case tests nothing.");
    }

    /// <summary>A size reachable only through the output padding (min = -1 with op = 0; 1 with op = 2 &lt; stride 3) is legal in torch and in TConvGen.</summary>
    [Fact]
    public void SizeReachableOnlyThroughOutputPaddingIsLegalInBoth()
    {
        var options = new ConvTranspose2dOptions(kernel: 1, stride: 3, padding: 1);
        var shape = new ConvTranspose2dShape(1, 2, 2, 1, 1);

        Assert.Equal(new long[] { 1, 2, 1, 1 }, LibTorchConvTranspose2d.OutputShapeFor(options, shape, 1, 1));
        Assert.Equal((2, 2), ConvTranspose2d.Create(options).GetOutputPadding(1, 1, 1, 1));
    }
}
