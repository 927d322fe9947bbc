using TConvGen;

namespace TConvGen.Generator.Consumer.Tests;

/// <summary>Layers with a fused activation, as decoders write them: DCGAN's upsamplers (ReLU, LeakyReLU 0.2) and its Tanh
/// image head, a SiLU stride-1 refinement, a Sigmoid mask head, a ReLU6 upsampler, and one past the unroll limits.</summary>
public static partial class ActivationLayers
{
    /// <summary>k4 s2 p1, then LeakyReLU(0.2).</summary>
    [ConvTranspose(4, stride: 2, padding: 1, Activation = ConvTransposeActivation.LeakyRelu, ActivationSlope = 0.2f)]
    public static partial ConvTranspose2d Up2xLeaky();

    /// <summary>k4 s2 p1, then ReLU.</summary>
    [ConvTranspose(4, stride: 2, padding: 1, Activation = ConvTransposeActivation.Relu)]
    public static partial ConvTranspose2d Up2xRelu();

    /// <summary>k4 s2 p1 to 3 channels, then Tanh.</summary>
    [ConvTranspose(4, stride: 2, padding: 1, OutChannels = 3, Activation = ConvTransposeActivation.Tanh)]
    public static partial ConvTranspose2d ImageTanh();

    /// <summary>k3 s1 p1, then SiLU.</summary>
    [ConvTranspose(3, stride: 1, padding: 1, Activation = ConvTransposeActivation.Silu)]
    public static partial ConvTranspose2d SameSilu();

    /// <summary>k2 s2, then Sigmoid.</summary>
    [ConvTranspose(2, stride: 2, Activation = ConvTransposeActivation.Sigmoid)]
    public static partial ConvTranspose2d PixelSigmoid();

    /// <summary>k3 s2 p1 op1, then ReLU6.</summary>
    [ConvTranspose(3, stride: 2, padding: 1, OutputPadding = 1, Activation = ConvTransposeActivation.Relu6)]
    public static partial ConvTranspose2d Up2xRelu6();

    /// <summary>Too large to unroll, then Tanh: the dynamic kernel applies it.</summary>
#pragma warning disable TCG0014 // the fallback is what this method is for
    [ConvTranspose(13, stride: 1, padding: 6, Activation = ConvTransposeActivation.Tanh)]
    public static partial ConvTranspose2d LargeTanh();
#pragma warning restore TCG0014
}
