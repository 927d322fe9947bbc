using System;
using System.Text;
using static TConvGen.ConvTranspose2dRules;

namespace TConvGen;

/// <summary>
/// The hyper-parameters of a 1-D transposed convolution, with the meaning of PyTorch's <c>nn.ConvTranspose1d</c>:
/// kernel size, stride, padding, output padding, dilation and groups.
/// </summary>
/// <remarks>
/// The output length is <c>(length - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1</c>.
/// Values are checked by <see cref="Validate"/> (called by <see cref="ConvTranspose1d.Create(ConvTranspose1dOptions)"/>),
/// which throws with the parameter's name, its value and the legal range: the same rules as
/// <see cref="ConvTranspose2dOptions"/>, along one axis.
/// </remarks>
public sealed record ConvTranspose1dOptions
{
    /// <summary>A configuration of kernel size, stride and padding (PyTorch's positional arguments).</summary>
    /// <param name="kernel">The kernel size k, at least 1.</param>
    /// <param name="stride">The stride s, at least 1.</param>
    /// <param name="padding">The implicit padding removed from each end of the output, at least 0.</param>
    public ConvTranspose1dOptions(int kernel, int stride = 1, int padding = 0)
    {
        Kernel = kernel;
        Stride = stride;
        Padding = padding;
    }

    /// <summary>The kernel size k, at least 1.</summary>
    public int Kernel { get; init; }

    /// <summary>The stride s, at least 1.</summary>
    public int Stride { get; init; }

    /// <summary>The padding p removed from both ends of the output, at least 0.</summary>
    public int Padding { get; init; }

    /// <summary>Extra samples added to the end of the output: <c>0 &lt;= op &lt; max(s, d)</c> (default 0).</summary>
    public int OutputPadding { get; init; }

    /// <summary>The spacing d between kernel taps, at least 1 (default 1).</summary>
    public int Dilation { get; init; } = 1;

    /// <summary>The number of channel groups, at least 1; input and output channels must be divisible by it (default 1).</summary>
    public int Groups { get; init; } = 1;

    /// <summary>The function applied to every output after the bias: <see cref="ConvTransposeActivation.None"/> (default) or
    /// one of PyTorch's activations, fused into the kernel's stores.</summary>
    public ConvTransposeActivation Activation { get; init; }

    /// <summary>LeakyReLU's negative slope (PyTorch's <c>negative_slope</c>), any finite number; default 0.01. Used only by
    /// <see cref="ConvTransposeActivation.LeakyRelu"/>.</summary>
    public float ActivationSlope { get; init; } = DefaultActivationSlope;

    /// <summary>The axis's parameters.</summary>
    internal ConvAxis Axis => new(Kernel, Stride, Padding, OutputPadding, Dilation);

    /// <summary>
    /// Checks every rule PyTorch's <c>ConvTranspose1d</c> imposes on the hyper-parameters alone.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its legal range; the message names it and the range.</exception>
    /// <exception cref="ArgumentException"><see cref="ActivationSlope"/> is not finite.</exception>
    public void Validate()
    {
        ThrowIfViolated(AtLeast(nameof(Kernel), Kernel, MinimumKernel));
        ThrowIfViolated(AtLeast(nameof(Stride), Stride, MinimumStride));
        ThrowIfViolated(AtLeast(nameof(Padding), Padding, MinimumPadding));
        ThrowIfViolated(AtLeast(nameof(Dilation), Dilation, MinimumDilation));
        ThrowIfViolated(AtLeast(nameof(Groups), Groups, MinimumGroups));
        ThrowIfViolated(OutputPaddingInRange(nameof(OutputPadding), OutputPadding, Stride, Dilation, nameof(Stride), nameof(Dilation)));
        ThrowIfViolated(KnownActivation(nameof(Activation), (int)Activation));
        if (FiniteSlope(nameof(ActivationSlope), ActivationSlope) is { } slopeMessage)
            throw new ArgumentException(slopeMessage, nameof(ActivationSlope));
    }

    /// <summary>A PyTorch-like description, e.g. <c>ConvTranspose1d(kernel_size=(16,), stride=(8,), padding=(4,))</c>,
    /// followed by the activation if there is one, e.g. <c> -> LeakyReLU(negative_slope=0.1)</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("ConvTranspose1d(");
        text.Append("kernel_size=(").Append(Kernel).Append(",)");
        text.Append(", stride=(").Append(Stride).Append(",)");
        text.Append(", padding=(").Append(Padding).Append(",)");
        if (OutputPadding != 0)
            text.Append(", output_padding=(").Append(OutputPadding).Append(",)");
        if (Dilation != 1)
            text.Append(", dilation=(").Append(Dilation).Append(",)");
        if (Groups != 1)
            text.Append(", groups=").Append(Groups);
        text.Append(')');
        return Activation == ConvTransposeActivation.None ? text.ToString()
            : text.Append(" -> ").Append(ActivationFunction.Describe(Activation, ActivationSlope)).ToString();
    }

    /// <summary>The 2-D options that compute this convolution on an input of height 1: the width axis is this axis, the
    /// height axis has kernel 1, stride 1, padding 0, output padding 0 and dilation 1 (so the output has height 1 too).</summary>
    internal ConvTranspose2dOptions ToPlanar() => new(1)
    {
        KernelWidth = Kernel,
        StrideWidth = Stride,
        PaddingWidth = Padding,
        OutputPaddingWidth = OutputPadding,
        DilationWidth = Dilation,
        Groups = Groups,
        Activation = Activation,
        ActivationSlope = ActivationSlope,
    };
}
