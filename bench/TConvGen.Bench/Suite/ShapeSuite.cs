using System.Collections.Generic;
using TConvGen;

namespace TConvGen.Bench.Suite;

/// <summary>The shapes of the benchmark issue (a to j), a few more that teach something, and an audio decoder's layers.</summary>
internal static class ShapeSuite
{
    public static IReadOnlyList<BenchShape> All { get; } =
    [
        new("a", "ENet-style image upsampler", 1, 1, 1, 64, 64, new ConvTranspose2dOptions(3, 2, 1) { OutputPadding = 1 }),
        new("b", "large single-channel image", 1, 1, 1, 512, 512, new ConvTranspose2dOptions(4, 2, 1)),
        new("c", "FCN-8s score upsampling", 1, 21, 21, 64, 64, new ConvTranspose2dOptions(4, 2, 1)),
        new("c'", "FCN-8s, depthwise", 1, 21, 21, 64, 64, new ConvTranspose2dOptions(4, 2, 1) { Groups = 21 }),
        new("d", "DCGAN 512->256", 1, 512, 256, 8, 8, new ConvTranspose2dOptions(4, 2, 1)),
        new("e", "DCGAN 128->64", 1, 128, 64, 32, 32, new ConvTranspose2dOptions(4, 2, 1)),
        new("f", "DCGAN to RGB", 1, 64, 3, 64, 64, new ConvTranspose2dOptions(4, 2, 1)),
        new("g", "U-Net up-conv", 1, 128, 64, 64, 64, new ConvTranspose2dOptions(2, 2, 0)),
        new("h", "stride-1 decoder", 1, 64, 64, 56, 56, new ConvTranspose2dOptions(3, 1, 1)),
        new("i", "DCGAN 128->64, batch 8", 8, 128, 64, 32, 32, new ConvTranspose2dOptions(4, 2, 1)),
        new("j", "dilated", 1, 32, 32, 32, 32, new ConvTranspose2dOptions(3, 2, 2) { Dilation = 2 }),
        new("fsrcnn", "FSRCNN 56->1 x3", 1, 56, 1, 64, 64, new ConvTranspose2dOptions(9, 3, 4) { OutputPadding = 2 }),
        new("fcn32", "FCN k16 s8", 1, 21, 21, 16, 16, new ConvTranspose2dOptions(16, 8, 4)),
        new("dcgan0", "DCGAN 100->512 on 1x1", 1, 100, 512, 1, 1, new ConvTranspose2dOptions(4, 1, 0)),
        // SimpleBaseline-style pose decoder (ResNet backbone, three 256->256 k4s2p1 deconvolutions): the middle one.
        new("xpose", "pose decoder 256->256", 1, 256, 256, 16, 16, new ConvTranspose2dOptions(4, 2, 1)),
        // HiFi-GAN V1's upsampling layers (ConvTranspose1d) on 86 mel frames (1 s of 22 kHz audio), run as 2-D with height 1.
        new("hifi1", "HiFi-GAN V1 upsample 1", 1, 512, 256, 1, 86, Audio(16, 8, 4)),
        new("hifi2", "HiFi-GAN V1 upsample 2", 1, 256, 128, 1, 688, Audio(16, 8, 4)),
        new("hifi3", "HiFi-GAN V1 upsample 3", 1, 128, 64, 1, 5504, Audio(4, 2, 1)),
        new("hifi4", "HiFi-GAN V1 upsample 4", 1, 64, 32, 1, 11008, Audio(4, 2, 1)),
        // The layers with their activation fused (TConvGen) or applied by the peer after the convolution (libtorch's functional
        // call, ONNX Runtime's node): the fused activation's cost is the time over the plain shape's (the report's last table).
        new("d+relu", "DCGAN 512->256 + ReLU", 1, 512, 256, 8, 8, new ConvTranspose2dOptions(4, 2, 1) { Activation = ConvTransposeActivation.Relu }),
        new("e+relu", "DCGAN 128->64 + ReLU", 1, 128, 64, 32, 32, new ConvTranspose2dOptions(4, 2, 1) { Activation = ConvTransposeActivation.Relu }),
        new("g+relu", "U-Net up-conv + ReLU", 1, 128, 64, 64, 64, new ConvTranspose2dOptions(2, 2, 0) { Activation = ConvTransposeActivation.Relu }),
        new("h+relu", "stride-1 decoder + ReLU", 1, 64, 64, 56, 56, new ConvTranspose2dOptions(3, 1, 1) { Activation = ConvTransposeActivation.Relu }),
        new("e+silu", "DCGAN 128->64 + SiLU", 1, 128, 64, 32, 32, new ConvTranspose2dOptions(4, 2, 1) { Activation = ConvTransposeActivation.Silu }),
        new("f+tanh", "DCGAN to RGB + Tanh", 1, 64, 3, 64, 64, new ConvTranspose2dOptions(4, 2, 1) { Activation = ConvTransposeActivation.Tanh }),
    ];

    /// <summary>A ConvTranspose1d as 2-D: kernel 1 x <paramref name="kernel"/>, stride 1 x <paramref name="stride"/>, padding 0 x <paramref name="padding"/>.</summary>
    private static ConvTranspose2dOptions Audio(int kernel, int stride, int padding) =>
        new(1, 1, 0) { KernelWidth = kernel, StrideWidth = stride, PaddingWidth = padding };
}
