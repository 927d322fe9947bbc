using System;

namespace TConvGen;

/// <summary>
/// Marks a <c>static partial</c> method returning <see cref="ConvTranspose1d"/> for which the TConvGen source generator
/// emits a kernel specialised for this configuration (PyTorch's <c>nn.ConvTranspose1d</c> semantics): the unrolled 2-D
/// kernel for inputs of height 1, behind the 1-D API.
/// </summary>
/// <remarks>
/// The same named properties as <see cref="ConvTransposeAttribute"/> where they apply (one axis, so no per-axis overrides).
/// <see cref="InChannels"/> and <see cref="OutChannels"/> at 0 are decided at run time; when set, the generator may
/// specialise on them and the kernel accepts only those counts.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ConvTranspose1dAttribute : Attribute
{
    /// <summary>A configuration of kernel size, stride and padding (PyTorch's positional arguments).</summary>
    /// <param name="kernel">The kernel size, at least 1.</param>
    /// <param name="stride">The stride, at least 1.</param>
    /// <param name="padding">The padding, at least 0.</param>
    public ConvTranspose1dAttribute(int kernel, int stride = 1, int padding = 0)
    {
        Kernel = kernel;
        Stride = stride;
        Padding = padding;
    }

    /// <summary>The kernel size.</summary>
    public int Kernel { get; }

    /// <summary>The stride.</summary>
    public int Stride { get; }

    /// <summary>The padding removed from both ends of the output.</summary>
    public int Padding { get; }

    /// <summary>The output padding, added to the end of the output; default 0.</summary>
    public int OutputPadding { get; set; }

    /// <summary>The spacing between kernel taps; default 1.</summary>
    public int Dilation { get; set; } = 1;

    /// <summary>The number of channel groups; default 1.</summary>
    public int Groups { get; set; } = 1;

    /// <summary>The input channels the kernel is specialised for; 0 (default) means any, decided at run time.</summary>
    public int InChannels { get; set; }

    /// <summary>The output channels the kernel is specialised for; 0 (default) means any, decided at run time.</summary>
    public int OutChannels { get; set; }

    /// <summary>The function applied to every output after the bias, fused into the generated kernel's stores;
    /// <see cref="ConvTransposeActivation.None"/> (default) stores the convolution itself.</summary>
    public ConvTransposeActivation Activation { get; set; }

    /// <summary>LeakyReLU's negative slope (PyTorch's <c>negative_slope</c>), any finite number; default 0.01. Used only
    /// when <see cref="Activation"/> is <see cref="ConvTransposeActivation.LeakyRelu"/>.</summary>
    public float ActivationSlope { get; set; } = 0.01f;
}
