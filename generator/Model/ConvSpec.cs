namespace TConvGen.Generator.Model;

/// <summary>One axis of a resolved configuration (height or width).</summary>
internal sealed record AxisSpec(int Kernel, int Stride, int Padding, int OutputPadding, int Dilation)
{
    /// <summary>The output length for an input length: PyTorch's formula.</summary>
    public long OutputLength(long input) => (input - 1) * Stride - 2L * Padding + (long)Dilation * (Kernel - 1) + OutputPadding + 1;
}

/// <summary>A validated configuration: every per-axis value resolved, channels 0 when decided at run time.</summary>
internal sealed record ConvSpec(AxisSpec Height, AxisSpec Width, int Groups, int InChannels, int OutChannels);
