using TConvGen;

namespace DcganSample;

/// <summary>
/// The transposed convolutions of DCGAN's generator (Radford et al., 2015): a 100-d code projected to 512x4x4, then four 2x
/// upsamplings down to a 3x64x64 image. Each hidden layer is ConvTranspose2d, BatchNorm2d, ReLU; the last ends in Tanh.
/// TConvGen's generator emits a kernel for each method, with the activation fused into its stores; the BatchNorm is folded
/// into the weights at Prepare (<see cref="DcganGenerator"/>).
/// </summary>
public static partial class DcganLayers
{
    /// <summary>z (100x1x1) to 512x4x4: a 4x4 kernel, stride 1, no padding; then ReLU.</summary>
    [ConvTranspose(4, stride: 1, padding: 0, InChannels = 100, OutChannels = 512, Activation = ConvTransposeActivation.Relu)]
    public static partial ConvTranspose2d Project();

    /// <summary>The 2x upsampling of the hidden layers (512->256, 256->128, 128->64): 4x4 kernel, stride 2, padding 1; then ReLU.</summary>
    [ConvTranspose(4, stride: 2, padding: 1, Activation = ConvTransposeActivation.Relu)]
    public static partial ConvTranspose2d Up2x();

    /// <summary>The last 2x upsampling, 64 feature maps to an RGB image in [-1, 1] (Tanh).</summary>
    [ConvTranspose(4, stride: 2, padding: 1, InChannels = 64, OutChannels = 3, Activation = ConvTransposeActivation.Tanh)]
    public static partial ConvTranspose2d ToRgb();
}
