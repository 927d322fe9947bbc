namespace TConvGen;

/// <summary>The hyper-parameters of one axis (height or width) of a transposed convolution.</summary>
internal readonly record struct ConvAxis(int Kernel, int Stride, int Padding, int OutputPadding, int Dilation)
{
    /// <summary>PyTorch's output length for an input length, in 64 bits so that no argument can wrap it.</summary>
    public long OutputLength(long input) =>
        (input - 1) * Stride - 2L * Padding + (long)Dilation * (Kernel - 1) + OutputPadding + 1;

    /// <summary>The output length with no output padding: the smallest size <c>output_size=</c> may request.</summary>
    public long MinimumOutputLength(long input) => OutputLength(input) - OutputPadding;
}
