using System;
using System.Text;
using static TConvGen.ConvTranspose2dRules;

namespace TConvGen;

/// <summary>
/// The hyper-parameters of a 2-D transposed convolution, with the meaning of PyTorch's
/// <c>nn.ConvTranspose2d</c>: kernel size, stride, padding, output padding, dilation and groups, per axis.
/// </summary>
/// <remarks>
/// The output size along each axis is
/// <c>(input - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1</c>.
/// Values are checked by <see cref="Validate"/> (called by <see cref="ConvTranspose2d.Create(ConvTranspose2dOptions)"/>),
/// which throws with the parameter's name, its value and the legal range.
/// </remarks>
public sealed record ConvTranspose2dOptions
{
    /// <summary>A square configuration: the same kernel size, stride and padding along both axes.</summary>
    /// <param name="kernel">The kernel size (kH = kW), at least 1.</param>
    /// <param name="stride">The stride (sH = sW), at least 1.</param>
    /// <param name="padding">The implicit padding removed from each border of the output (pH = pW), at least 0.</param>
    public ConvTranspose2dOptions(int kernel, int stride = 1, int padding = 0)
    {
        KernelHeight = KernelWidth = kernel;
        StrideHeight = StrideWidth = stride;
        PaddingHeight = PaddingWidth = padding;
    }

    /// <summary>The kernel height kH, at least 1.</summary>
    public int KernelHeight { get; init; }

    /// <summary>The kernel width kW, at least 1.</summary>
    public int KernelWidth { get; init; }

    /// <summary>The vertical stride sH, at least 1.</summary>
    public int StrideHeight { get; init; }

    /// <summary>The horizontal stride sW, at least 1.</summary>
    public int StrideWidth { get; init; }

    /// <summary>The padding pH removed from the top and the bottom of the output, at least 0.</summary>
    public int PaddingHeight { get; init; }

    /// <summary>The padding pW removed from the left and the right of the output, at least 0.</summary>
    public int PaddingWidth { get; init; }

    /// <summary>Extra rows added to the bottom of the output: <c>0 &lt;= opH &lt; max(sH, dH)</c>.</summary>
    public int OutputPaddingHeight { get; init; }

    /// <summary>Extra columns added to the right of the output: <c>0 &lt;= opW &lt; max(sW, dW)</c>.</summary>
    public int OutputPaddingWidth { get; init; }

    /// <summary>The vertical spacing dH between kernel taps, at least 1 (default 1).</summary>
    public int DilationHeight { get; init; } = 1;

    /// <summary>The horizontal spacing dW between kernel taps, at least 1 (default 1).</summary>
    public int DilationWidth { get; init; } = 1;

    /// <summary>The number of channel groups, at least 1; input and output channels must be divisible by it (default 1).</summary>
    public int Groups { get; init; } = 1;

    /// <summary>The function applied to every output after the bias: <see cref="ConvTransposeActivation.None"/> (default) or
    /// one of PyTorch's activations, fused into the kernel's stores.</summary>
    public ConvTransposeActivation Activation { get; init; }

    /// <summary>LeakyReLU's negative slope (PyTorch's <c>negative_slope</c>), any finite number; default 0.01. Used only by
    /// <see cref="ConvTransposeActivation.LeakyRelu"/>.</summary>
    public float ActivationSlope { get; init; } = DefaultActivationSlope;

    /// <summary>Sets <see cref="KernelHeight"/> and <see cref="KernelWidth"/> at once.</summary>
    public int Kernel { init => KernelHeight = KernelWidth = value; }

    /// <summary>Sets <see cref="StrideHeight"/> and <see cref="StrideWidth"/> at once.</summary>
    public int Stride { init => StrideHeight = StrideWidth = value; }

    /// <summary>Sets <see cref="PaddingHeight"/> and <see cref="PaddingWidth"/> at once.</summary>
    public int Padding { init => PaddingHeight = PaddingWidth = value; }

    /// <summary>Sets <see cref="OutputPaddingHeight"/> and <see cref="OutputPaddingWidth"/> at once.</summary>
    public int OutputPadding { init => OutputPaddingHeight = OutputPaddingWidth = value; }

    /// <summary>Sets <see cref="DilationHeight"/> and <see cref="DilationWidth"/> at once.</summary>
    public int Dilation { init => DilationHeight = DilationWidth = value; }

    /// <summary>The vertical axis's parameters.</summary>
    internal ConvAxis HeightAxis => new(KernelHeight, StrideHeight, PaddingHeight, OutputPaddingHeight, DilationHeight);

    /// <summary>The horizontal axis's parameters.</summary>
    internal ConvAxis WidthAxis => new(KernelWidth, StrideWidth, PaddingWidth, OutputPaddingWidth, DilationWidth);

    /// <summary>
    /// Checks every rule PyTorch's <c>ConvTranspose2d</c> imposes on the hyper-parameters alone.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its legal range; the message names it and the range.</exception>
    /// <exception cref="ArgumentException"><see cref="ActivationSlope"/> is not finite.</exception>
    public void Validate()
    {
        ThrowIfViolated(AtLeast(nameof(KernelHeight), KernelHeight, MinimumKernel));
        ThrowIfViolated(AtLeast(nameof(KernelWidth), KernelWidth, MinimumKernel));
        ThrowIfViolated(AtLeast(nameof(StrideHeight), StrideHeight, MinimumStride));
        ThrowIfViolated(AtLeast(nameof(StrideWidth), StrideWidth, MinimumStride));
        ThrowIfViolated(AtLeast(nameof(PaddingHeight), PaddingHeight, MinimumPadding));
        ThrowIfViolated(AtLeast(nameof(PaddingWidth), PaddingWidth, MinimumPadding));
        ThrowIfViolated(AtLeast(nameof(DilationHeight), DilationHeight, MinimumDilation));
        ThrowIfViolated(AtLeast(nameof(DilationWidth), DilationWidth, MinimumDilation));
        ThrowIfViolated(AtLeast(nameof(Groups), Groups, MinimumGroups));
        ThrowIfViolated(OutputPaddingInRange(nameof(OutputPaddingHeight), OutputPaddingHeight, StrideHeight, DilationHeight, nameof(StrideHeight), nameof(DilationHeight)));
        ThrowIfViolated(OutputPaddingInRange(nameof(OutputPaddingWidth), OutputPaddingWidth, StrideWidth, DilationWidth, nameof(StrideWidth), nameof(DilationWidth)));
        ThrowIfViolated(KnownActivation(nameof(Activation), (int)Activation));
        if (FiniteSlope(nameof(ActivationSlope), ActivationSlope) is { } slopeMessage)
            throw new ArgumentException(slopeMessage, nameof(ActivationSlope));
    }

    /// <summary>A PyTorch-like description, e.g. <c>ConvTranspose2d(kernel_size=(4, 4), stride=(2, 2), padding=(1, 1))</c>,
    /// followed by the activation if there is one, e.g. <c> -> LeakyReLU(negative_slope=0.2)</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("ConvTranspose2d(");
        text.Append("kernel_size=(").Append(KernelHeight).Append(", ").Append(KernelWidth).Append(')');
        text.Append(", stride=(").Append(StrideHeight).Append(", ").Append(StrideWidth).Append(')');
        text.Append(", padding=(").Append(PaddingHeight).Append(", ").Append(PaddingWidth).Append(')');
        if (OutputPaddingHeight != 0 || OutputPaddingWidth != 0)
            text.Append(", output_padding=(").Append(OutputPaddingHeight).Append(", ").Append(OutputPaddingWidth).Append(')');
        if (DilationHeight != 1 || DilationWidth != 1)
            text.Append(", dilation=(").Append(DilationHeight).Append(", ").Append(DilationWidth).Append(')');
        if (Groups != 1)
            text.Append(", groups=").Append(Groups);
        text.Append(')');
        return Activation == ConvTransposeActivation.None ? text.ToString()
            : text.Append(" -> ").Append(ActivationFunction.Describe(Activation, ActivationSlope)).ToString();
    }
}
