namespace TConvGen;

/// <summary>The size of one transposed-convolution problem.</summary>
/// <param name="Batch">The number of images N (0 is legal and does nothing, as in PyTorch).</param>
/// <param name="InChannels">The number of input channels Cin.</param>
/// <param name="OutChannels">The number of output channels Cout.</param>
/// <param name="Height">The input height Hin.</param>
/// <param name="Width">The input width Win.</param>
public readonly record struct ConvTranspose2dShape(int Batch, int InChannels, int OutChannels, int Height, int Width);
