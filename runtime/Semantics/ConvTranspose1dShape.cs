namespace TConvGen;

/// <summary>The size of one 1-D transposed-convolution problem.</summary>
/// <param name="Batch">The number of sequences N (0 is legal and does nothing, as in PyTorch).</param>
/// <param name="InChannels">The number of input channels Cin.</param>
/// <param name="OutChannels">The number of output channels Cout.</param>
/// <param name="Length">The input length Lin.</param>
public readonly record struct ConvTranspose1dShape(int Batch, int InChannels, int OutChannels, int Length);
