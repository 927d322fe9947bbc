using System;

namespace TConvGen;

/// <summary>
/// Marks a <c>static partial</c> method returning <see cref="ConvTranspose2d"/> for which the TConvGen source generator
/// emits a kernel specialised for this configuration (PyTorch's <c>nn.ConvTranspose2d</c> semantics).
/// </summary>
/// <remarks>
/// Width values left unset (0 for kernel and stride, -1 for padding and output padding, 0 for dilation) take the
/// height value. <see cref="InChannels"/> and <see cref="OutChannels"/> at 0 are decided at run time; when set,
/// the generator may specialise on them and the kernel accepts only those counts.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ConvTransposeAttribute : Attribute
{
    /// <summary>A square configuration.</summary>
    /// <param name="kernel">The kernel size, at least 1.</param>
    /// <param name="stride">The stride, at least 1.</param>
    /// <param name="padding">The padding, at least 0.</param>
    public ConvTransposeAttribute(int kernel, int stride = 1, int padding = 0)
    {
        Kernel = kernel;
        Stride = stride;
        Padding = padding;
    }

    /// <summary>The kernel size (height, and width unless <see cref="KernelWidth"/> is set).</summary>
    public int Kernel { get; }

    /// <summary>The stride (height, and width unless <see cref="StrideWidth"/> is set).</summary>
    public int Stride { get; }

    /// <summary>The padding (height, and width unless <see cref="PaddingWidth"/> is set).</summary>
    public int Padding { get; }

    /// <summary>The output padding (height, and width unless <see cref="OutputPaddingWidth"/> is set); default 0.</summary>
    public int OutputPadding { get; set; }

    /// <summary>The dilation (height, and width unless <see cref="DilationWidth"/> is set); default 1.</summary>
    public int Dilation { get; set; } = 1;

    /// <summary>The number of channel groups; default 1.</summary>
    public int Groups { get; set; } = 1;

    /// <summary>The kernel width; 0 (default) means <see cref="Kernel"/>.</summary>
    public int KernelWidth { get; set; }

    /// <summary>The horizontal stride; 0 (default) means <see cref="Stride"/>.</summary>
    public int StrideWidth { get; set; }

    /// <summary>The horizontal padding; -1 (default) means <see cref="Padding"/>.</summary>
    public int PaddingWidth { get; set; } = -1;

    /// <summary>The horizontal output padding; -1 (default) means <see cref="OutputPadding"/>.</summary>
    public int OutputPaddingWidth { get; set; } = -1;

    /// <summary>The horizontal dilation; 0 (default) means <see cref="Dilation"/>.</summary>
    public int DilationWidth { get; set; }

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
