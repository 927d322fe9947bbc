using System;
using System.Collections.Generic;
using System.Linq;

namespace TConvGen.Parity.Tests.Support;

/// <summary>Transposed-convolution layers of well-known networks.</summary>
public static class RealLayers
{
    private static readonly Dictionary<string, Func<ParityCase>> All = new()
    {
        // DCGAN generator (Radford et al.): bias-free, k4; the first layer projects a 100-d code on 1x1 to 4x4.
        ["DCGAN 100->512 k4 s1 p0 on 1x1"] = () => Layer("DCGAN 1", new(4, 1, 0), 100, 512, 1, bias: false),
        ["DCGAN 512->256 k4 s2 p1 on 4x4"] = () => Layer("DCGAN 2", new(4, 2, 1), 512, 256, 4, bias: false),
        ["DCGAN 256->128 k4 s2 p1 on 8x8"] = () => Layer("DCGAN 3", new(4, 2, 1), 256, 128, 8, bias: false),
        ["DCGAN 128->64 k4 s2 p1 on 16x16"] = () => Layer("DCGAN 4", new(4, 2, 1), 128, 64, 16, bias: false),
        ["DCGAN 64->3 k4 s2 p1 on 32x32"] = () => Layer("DCGAN 5", new(4, 2, 1), 64, 3, 32, bias: false),
        // U-Net up-convolution (Ronneberger et al.): k2 s2, with bias; the 128->64 level on a 32x32 map (scaled down from 196x196).
        ["U-Net 128->64 k2 s2 p0 on 32x32"] = () => Layer("U-Net", new(2, 2, 0), 128, 64, 32, bias: true),
        // FCN-8s (Long et al.): bias-free upscore2 (k4 s2) and upscore8 (k16 s8) over the 21 VOC classes.
        ["FCN-8s upscore2 21->21 k4 s2 p0 on 17x17"] = () => Layer("FCN-8s upscore2", new(4, 2, 0), 21, 21, 17, bias: false),
        ["FCN-8s upscore8 21->21 k16 s8 p0 on 16x16"] = () => Layer("FCN-8s upscore8", new(16, 8, 0), 21, 21, 16, bias: false),
        // FSRCNN x3 (Dong et al.): the deconvolution 56->1, k9 s3 p4 output padding 2, on a 32x32 patch.
        ["FSRCNN 56->1 k9 s3 p4 op2 on 32x32"] = () => Layer("FSRCNN", new(9, 3, 4) { OutputPadding = 2 }, 56, 1, 32, bias: true),
        // ENet (Paszke et al.): the upsampling bottleneck's k3 s2 p1 op1 and the final full convolution to 12 classes (scaled down).
        ["ENet bottleneck 16->16 k3 s2 p1 op1 on 32x32"] = () => Layer("ENet 5.0", new(3, 2, 1) { OutputPadding = 1 }, 16, 16, 32, bias: false),
        ["ENet fullconv 16->12 k3 s2 p1 op1 on 64x64"] = () => Layer("ENet fullconv", new(3, 2, 1) { OutputPadding = 1 }, 16, 12, 64, bias: true),
        // A dilated decoder layer (k3, dilation 2, stride 2, padding 2, output padding 1).
        ["dilated 32->32 k3 s2 p2 d2 op1 on 16x16"] = () => Layer("dilated", new(3, 2, 2) { Dilation = 2, OutputPadding = 1 }, 32, 32, 16, bias: true),
        // Bilinear-style per-class upsampling: groups = channels.
        ["depthwise 21->21 k4 s2 p1 groups 21 on 16x16"] = () => Layer("depthwise", new(4, 2, 1) { Groups = 21 }, 21, 21, 16, bias: false),
    };

    /// <summary>The layers' names.</summary>
    public static IEnumerable<string> Names => All.Keys.ToArray();

    /// <summary>The named layer with seeded random data, batch 1.</summary>
    public static ParityCase Case(string name) => All[name]();

    private static ParityCase Layer(string name, ConvTranspose2dOptions options, int inChannels, int outChannels, int size, bool bias) =>
        ParityCase.Create(name, options, new ConvTranspose2dShape(1, inChannels, outChannels, size, size), name.Length * 7919, bias);
}
