using TConvGen;

namespace TConvGen.Generator.Consumer.Tests;

/// <summary>The example, exactly as a user writes it.</summary>
public static partial class Decoder
{
    /// <summary>A 2x upsampler for any channel counts.</summary>
    [ConvTranspose(4, stride: 2, padding: 1)]
    public static partial ConvTranspose2d Up2x();

    [ConvTranspose(3, stride: 2, padding: 1, OutputPadding = 1, InChannels = 1, OutChannels = 1)]
    internal static partial ConvTranspose2d ImageUp();
}
