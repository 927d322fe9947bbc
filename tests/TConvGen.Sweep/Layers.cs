using TConvGen;

namespace TConvGen.Sweep;

/// <summary>Generated kernels the sweep checks: the layers the generator is for, and its edge cases.</summary>
internal static partial class Layers
{
    [ConvTranspose(4, stride: 2, padding: 1)]
    public static partial ConvTranspose2d K4S2P1();

    [ConvTranspose(3, stride: 1, padding: 1)]
    public static partial ConvTranspose2d K3S1P1();

    [ConvTranspose(2, stride: 2)]
    public static partial ConvTranspose2d K2S2();

    [ConvTranspose(3, stride: 2, padding: 1, OutputPadding = 1)]
    public static partial ConvTranspose2d K3S2P1Op1();

    [ConvTranspose(3, stride: 2, padding: 2, Dilation = 2)]
    public static partial ConvTranspose2d Dilated();

    [ConvTranspose(3, stride: 1, padding: 0, KernelWidth = 5, StrideWidth = 3, PaddingWidth = 2, OutputPaddingWidth = 1)]
    public static partial ConvTranspose2d Asymmetric();

    [ConvTranspose(4, stride: 2, padding: 1, Groups = 4)]
    public static partial ConvTranspose2d Grouped();

    [ConvTranspose(4, stride: 2, padding: 1, Activation = ConvTransposeActivation.LeakyRelu, ActivationSlope = 0.2f)]
    public static partial ConvTranspose2d K4S2P1LeakyRelu();

    [ConvTranspose(3, stride: 1, padding: 1, Activation = ConvTransposeActivation.Silu)]
    public static partial ConvTranspose2d K3S1P1Silu();

    [ConvTranspose(3, stride: 2, padding: 1, OutputPadding = 1, Activation = ConvTransposeActivation.Tanh)]
    public static partial ConvTranspose2d K3S2P1Op1Tanh();

    /// <summary>Every generated kernel of this class, by name.</summary>
    public static (string Name, ConvTranspose2d Kernel)[] All =>
    [
        (nameof(K4S2P1), K4S2P1()), (nameof(K3S1P1), K3S1P1()), (nameof(K2S2), K2S2()), (nameof(K3S2P1Op1), K3S2P1Op1()),
        (nameof(Dilated), Dilated()), (nameof(Asymmetric), Asymmetric()), (nameof(Grouped), Grouped()),
        (nameof(K4S2P1LeakyRelu), K4S2P1LeakyRelu()), (nameof(K3S1P1Silu), K3S1P1Silu()), (nameof(K3S2P1Op1Tanh), K3S2P1Op1Tanh()),
    ];
}
