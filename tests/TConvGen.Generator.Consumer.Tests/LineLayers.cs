using TConvGen;

namespace TConvGen.Generator.Consumer.Tests;

/// <summary>1-D layers as a vocoder writes them: HiFi-GAN V1's upsamplers (k16 s8 p4, k4 s2 p1, 512 -> 256 -> ... channels),
/// one with a fused LeakyReLU and fixed channels, and a stride-1 smoothing layer.</summary>
public static partial class LineLayers
{
    /// <summary>HiFi-GAN's first upsampler shape: k16 s8 p4 (8x).</summary>
    [ConvTranspose1d(16, stride: 8, padding: 4)]
    public static partial ConvTranspose1d Up8x();

    /// <summary>HiFi-GAN's last upsamplers: k4 s2 p1 (2x).</summary>
    [ConvTranspose1d(4, stride: 2, padding: 1)]
    public static partial ConvTranspose1d Up2x();

    /// <summary>k4 s2 p1 for 16 -> 8 channels, then LeakyReLU(0.1).</summary>
    [ConvTranspose1d(4, stride: 2, padding: 1, InChannels = 16, OutChannels = 8, Activation = ConvTransposeActivation.LeakyRelu, ActivationSlope = 0.1f)]
    internal static partial ConvTranspose1d Up2xLeaky();

    /// <summary>k7 s1 p3, dilation 1, then Tanh (a waveform head).</summary>
    [ConvTranspose1d(7, stride: 1, padding: 3, Activation = ConvTransposeActivation.Tanh)]
    public static partial ConvTranspose1d SmoothTanh();
}
