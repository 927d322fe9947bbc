using System;
using System.Collections.Generic;
using TConvGen;
using TConvGen.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace TConvGen.Generator.Consumer.Tests;

/// <summary>Every generated method of this project on random data and awkward sizes, judged by the reference with the peers
/// as witnesses.</summary>
public sealed class GeneratedKernelTests(ITestOutputHelper output)
{
    /// <summary>The witnesses: where one agrees with the reference, the generated kernels must agree with it too.</summary>
    private static IEnumerable<IPeerOracle> Peers => [new LibTorchOracle()];

    /// <summary>(name, kernel, channel counts to try) for every generated method.</summary>
    public static TheoryData<string> Methods => new(Kernels.Keys);

    private static readonly Dictionary<string, (Func<ConvTranspose2d> Get, int[] Channels)> Kernels = new()
    {
        ["Decoder.Up2x"] = (Decoder.Up2x, [1, 3, 5, 8]),
        ["Decoder.ImageUp"] = (Decoder.ImageUp, [1]),
        ["MoreLayers.Nested.Same"] = (() => MoreLayers.Nested.SameKernel, [1, 9]),
        ["MoreLayers.Dilated"] = (MoreLayers.Dilated, [2, 4]),
        ["MoreLayers.Depthwise"] = (MoreLayers.Depthwise, [21]),
        ["MoreLayers.Asymmetric"] = (MoreLayers.Asymmetric, [1, 3]),
        ["MoreLayers.Large"] = (MoreLayers.Large, [2]),
        ["GlobalLayers.Pixel"] = (GlobalLayers.Pixel, [1, 6]),
    };

    /// <summary>The generated method caches its kernel.</summary>
    [Theory]
    [MemberData(nameof(Methods))]
    public void ReturnsTheSameInstanceEveryCall(string method)
    {
        var get = Kernels[method].Get;
        Assert.Same(get(), get());
    }

    /// <summary>The kernel's options are the attribute's configuration.</summary>
    [Fact]
    public void OptionsMatchTheAttribute()
    {
        Assert.Equal(new ConvTranspose2dOptions(4, 2, 1), Decoder.Up2x().Options);
        Assert.Equal(new ConvTranspose2dOptions(3, 2, 1) { OutputPadding = 1 }, Decoder.ImageUp().Options);
        Assert.Equal(new ConvTranspose2dOptions(3, 1, 0) { KernelWidth = 5, StrideWidth = 3, PaddingWidth = 2, OutputPaddingWidth = 1 },
            MoreLayers.Asymmetric().Options);
        Assert.Equal(new ConvTranspose2dOptions(4, 2, 1) { Groups = 21 }, MoreLayers.Depthwise().Options);
    }

    /// <summary>Run and Prepare match the reference, and every peer that agrees with it.</summary>
    [Theory]
    [MemberData(nameof(Methods))]
    public void MatchesTheReferenceWitnessedByEveryPeer(string method)
    {
        var (get, channels) = Kernels[method];
        var kernel = get();
        var random = new Random(method.Length * 7919);
        var report = new PeerReport(output);
        foreach (int cin in channels)
        {
            foreach (var (height, width) in new[] { (1, 1), (2, 3), (7, 5), (16, 16), (19, 33), (40, 9) })
            {
                int cout = kernel.Options.Groups > 1 ? cin : channels[(cin + 1) % channels.Length];
                if (!Fits(kernel.Options, height, width))
                    continue;
                GeneratedKernelCheck.Run(kernel, new ConvTranspose2dShape(2, cin, cout, height, width), random, Peers, report);
            }
        }
    }

    /// <summary>Unrolled methods run the generated kernel on this machine; the one past the unroll limits runs the dynamic one.</summary>
    [Fact]
    public void UnrolledMethodsRunGeneratedCode()
    {
        string expected = TConvGen.CompilerServices.GeneratedKernelVector.IsSupported ? "Generated (" + TConvGen.CompilerServices.GeneratedKernelVector.WidthFor(2) + ")" : ConvTranspose2d.Create(Decoder.Up2x().Options).Algorithm;
        Assert.Equal(expected, Decoder.Up2x().Algorithm);
        Assert.Equal(expected, MoreLayers.Depthwise().Algorithm);
        Assert.DoesNotContain("Generated", MoreLayers.Large().Algorithm, StringComparison.Ordinal);
    }

    /// <summary>A kernel generated for fixed channel counts refuses others.</summary>
    [Fact]
    public void SpecialisedChannelCountsAreEnforced()
    {
        var kernel = Decoder.ImageUp();
        Assert.Throws<ArgumentOutOfRangeException>(() => kernel.Prepare(new float[2 * 9], [], 2, 1));
    }

    private static bool Fits(ConvTranspose2dOptions o, int height, int width) =>
        (height - 1) * o.StrideHeight - 2 * o.PaddingHeight + o.DilationHeight * (o.KernelHeight - 1) + o.OutputPaddingHeight + 1 >= 1 &&
        (width - 1) * o.StrideWidth - 2 * o.PaddingWidth + o.DilationWidth * (o.KernelWidth - 1) + o.OutputPaddingWidth + 1 >= 1;
}
