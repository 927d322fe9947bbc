using System;
using System.Collections.Generic;

namespace TConvGen.Bench.Suite;

/// <summary>A generated kernel for every suite shape: what a user who knows the layer at compile time would write.</summary>
internal static partial class GeneratedKernels
{
    [ConvTranspose(3, stride: 2, padding: 1, OutputPadding = 1, InChannels = 1, OutChannels = 1)]
    private static partial ConvTranspose2d A();

    [ConvTranspose(4, stride: 2, padding: 1, InChannels = 1, OutChannels = 1)]
    private static partial ConvTranspose2d B();

    [ConvTranspose(4, stride: 2, padding: 1, InChannels = 21, OutChannels = 21)]
    private static partial ConvTranspose2d C();

    [ConvTranspose(4, stride: 2, padding: 1, Groups = 21, InChannels = 21, OutChannels = 21)]
    private static partial ConvTranspose2d CDepthwise();

    [ConvTranspose(4, stride: 2, padding: 1, InChannels = 512, OutChannels = 256)]
    private static partial ConvTranspose2d D();

    [ConvTranspose(4, stride: 2, padding: 1, InChannels = 128, OutChannels = 64)]
    private static partial ConvTranspose2d E();

    [ConvTranspose(4, stride: 2, padding: 1, InChannels = 64, OutChannels = 3)]
    private static partial ConvTranspose2d F();

    [ConvTranspose(4, stride: 2, padding: 1, InChannels = 256, OutChannels = 256)]
    private static partial ConvTranspose2d XPose();

    [ConvTranspose(2, stride: 2, padding: 0, InChannels = 128, OutChannels = 64)]
    private static partial ConvTranspose2d G();

    [ConvTranspose(3, stride: 1, padding: 1, InChannels = 64, OutChannels = 64)]
    private static partial ConvTranspose2d H();

    [ConvTranspose(3, stride: 2, padding: 2, Dilation = 2, InChannels = 32, OutChannels = 32)]
    private static partial ConvTranspose2d J();

    [ConvTranspose(9, stride: 3, padding: 4, OutputPadding = 2, InChannels = 56, OutChannels = 1)]
    private static partial ConvTranspose2d Fsrcnn();

    [ConvTranspose(16, stride: 8, padding: 4, InChannels = 21, OutChannels = 21)]
    private static partial ConvTranspose2d Fcn32();

    [ConvTranspose(4, stride: 1, padding: 0, InChannels = 100, OutChannels = 512)]
    private static partial ConvTranspose2d Dcgan0();

    // HiFi-GAN V1's upsampling (ConvTranspose1d as 2-D with height 1): the width-only properties give the 1 x k kernel.
    [ConvTranspose(1, stride: 1, padding: 0, KernelWidth = 16, StrideWidth = 8, PaddingWidth = 4, InChannels = 512, OutChannels = 256)]
    private static partial ConvTranspose2d Hifi1();

    [ConvTranspose(1, stride: 1, padding: 0, KernelWidth = 16, StrideWidth = 8, PaddingWidth = 4, InChannels = 256, OutChannels = 128)]
    private static partial ConvTranspose2d Hifi2();

    [ConvTranspose(1, stride: 1, padding: 0, KernelWidth = 4, StrideWidth = 2, PaddingWidth = 1, InChannels = 128, OutChannels = 64)]
    private static partial ConvTranspose2d Hifi3();

    [ConvTranspose(1, stride: 1, padding: 0, KernelWidth = 4, StrideWidth = 2, PaddingWidth = 1, InChannels = 64, OutChannels = 32)]
    private static partial ConvTranspose2d Hifi4();

    // The layers with a fused activation.
    [ConvTranspose(4, stride: 2, padding: 1, InChannels = 512, OutChannels = 256, Activation = ConvTransposeActivation.Relu)]
    private static partial ConvTranspose2d DRelu();

    [ConvTranspose(4, stride: 2, padding: 1, InChannels = 128, OutChannels = 64, Activation = ConvTransposeActivation.Relu)]
    private static partial ConvTranspose2d ERelu();

    [ConvTranspose(2, stride: 2, padding: 0, InChannels = 128, OutChannels = 64, Activation = ConvTransposeActivation.Relu)]
    private static partial ConvTranspose2d GRelu();

    [ConvTranspose(3, stride: 1, padding: 1, InChannels = 64, OutChannels = 64, Activation = ConvTransposeActivation.Relu)]
    private static partial ConvTranspose2d HRelu();

    [ConvTranspose(4, stride: 2, padding: 1, InChannels = 128, OutChannels = 64, Activation = ConvTransposeActivation.Silu)]
    private static partial ConvTranspose2d ESilu();

    [ConvTranspose(4, stride: 2, padding: 1, InChannels = 64, OutChannels = 3, Activation = ConvTransposeActivation.Tanh)]
    private static partial ConvTranspose2d FTanh();

    // HiFi-GAN V1's upsampling through the 1-D API ([ConvTranspose1d]), for the "Generated 1-D" column.
    [ConvTranspose1d(16, stride: 8, padding: 4, InChannels = 512, OutChannels = 256)]
    private static partial ConvTranspose1d Hifi1Line();

    [ConvTranspose1d(16, stride: 8, padding: 4, InChannels = 256, OutChannels = 128)]
    private static partial ConvTranspose1d Hifi2Line();

    [ConvTranspose1d(4, stride: 2, padding: 1, InChannels = 128, OutChannels = 64)]
    private static partial ConvTranspose1d Hifi3Line();

    [ConvTranspose1d(4, stride: 2, padding: 1, InChannels = 64, OutChannels = 32)]
    private static partial ConvTranspose1d Hifi4Line();

    private static readonly Dictionary<string, Func<ConvTranspose1d>> LineByShape = new()
    {
        ["hifi1"] = Hifi1Line, ["hifi2"] = Hifi2Line, ["hifi3"] = Hifi3Line, ["hifi4"] = Hifi4Line,
    };

    private static readonly Dictionary<string, Func<ConvTranspose2d>> ByShape = new()
    {
        ["a"] = A, ["b"] = B, ["c"] = C, ["c'"] = CDepthwise, ["d"] = D, ["e"] = E, ["f"] = F, ["g"] = G, ["h"] = H,
        ["i"] = E, ["j"] = J, ["fsrcnn"] = Fsrcnn, ["fcn32"] = Fcn32, ["dcgan0"] = Dcgan0, ["xpose"] = XPose,
        ["hifi1"] = Hifi1, ["hifi2"] = Hifi2, ["hifi3"] = Hifi3, ["hifi4"] = Hifi4,
        ["d+relu"] = DRelu, ["e+relu"] = ERelu, ["g+relu"] = GRelu, ["h+relu"] = HRelu, ["e+silu"] = ESilu, ["f+tanh"] = FTanh,
    };

    /// <summary>The generated ConvTranspose1d declared for the 1-D layer <paramref name="shape"/>; its options must be the shape's.</summary>
    public static ConvTranspose1d LineFor(BenchShape shape)
    {
        var kernel = LineByShape[shape.Id]();
        if (kernel.Options != shape.AsConvTranspose1d)
            throw new InvalidOperationException($"The generated 1-D kernel for {shape.Id} is {kernel.Options}, but the shape needs {shape.AsConvTranspose1d}.");
        return kernel;
    }

    /// <summary>The generated kernel declared for <paramref name="shape"/>; its options must be the shape's.</summary>
    public static ConvTranspose2d For(BenchShape shape)
    {
        var kernel = ByShape[shape.Id]();
        if (kernel.Options != shape.Options)
            throw new InvalidOperationException($"The generated kernel for {shape.Id} is {kernel.Options}, but the shape needs {shape.Options}.");
        return kernel;
    }
}
