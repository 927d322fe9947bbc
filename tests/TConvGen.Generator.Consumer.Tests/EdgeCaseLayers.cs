using TConvGen;

namespace TConvGen.Generator.Consumer.Tests;

/// <summary>Layers at the edges of what is legal: strides, dilations, paddings and kernels far beyond any real network (each
/// with a small output), and a kernel-2 stride-2 layer with output padding. Some are unrolled (their dispatch hands them to
/// the dynamic kernel's exact path at run time), the others run the dynamic kernel (TCG0014).</summary>
#pragma warning disable TCG0014 // not unrolling the configurations past the limits is what they are here for
public static partial class EdgeCaseLayers
{
    /// <summary>Stride 2^20.</summary>
    [ConvTranspose(3, stride: 1 << 20)]
    public static partial ConvTranspose2d Stride2Pow20();

    /// <summary>Stride 2^24.</summary>
    [ConvTranspose(3, stride: 1 << 24)]
    public static partial ConvTranspose2d Stride2Pow24();

    /// <summary>Stride 2^26.</summary>
    [ConvTranspose(3, stride: 1 << 26)]
    public static partial ConvTranspose2d Stride2Pow26();

    /// <summary>The largest stride.</summary>
    [ConvTranspose(3, stride: int.MaxValue)]
    public static partial ConvTranspose2d StrideIntMax();

    /// <summary>Stride 10000.</summary>
    [ConvTranspose(3, stride: 10000)]
    public static partial ConvTranspose2d Stride10000();

    /// <summary>Stride 46341 (46341^2 passes the int range).</summary>
    [ConvTranspose(3, stride: 46341)]
    public static partial ConvTranspose2d Stride46341();

    /// <summary>Stride 65536.</summary>
    [ConvTranspose(3, stride: 65536)]
    public static partial ConvTranspose2d Stride65536();

    /// <summary>Kernel 1x2, dilation 2^30, padding 2^29: every tap lands outside the output (unrolled: stride 1, two taps).</summary>
    [ConvTranspose(1, KernelWidth = 2, DilationWidth = 1 << 30, PaddingWidth = 1 << 29)]
    public static partial ConvTranspose2d DilatedPastTheOutput();

    /// <summary>Kernel 2, stride 2, dilation 2^20, padding 2^19 (unrolled; its zero-padded band would span 2^19 rows and columns).</summary>
    [ConvTranspose(2, stride: 2, padding: 1 << 19, Dilation = 1 << 20)]
    public static partial ConvTranspose2d DilatedFarApart();

    /// <summary>Kernel 3, stride 2, dilation 5000, padding 5000 (unrolled).</summary>
    [ConvTranspose(3, stride: 2, padding: 5000, Dilation = 5000)]
    public static partial ConvTranspose2d Dilated5000();

    /// <summary>Stride and dilation 2^20 along the height, padding 2^19: the taps of two input rows meet in output row 2^19.</summary>
    [ConvTranspose(2, stride: 1 << 20, padding: 1 << 19, Dilation = 1 << 20, KernelWidth = 1, StrideWidth = 1, PaddingWidth = 0, DilationWidth = 1)]
    public static partial ConvTranspose2d StrideAndDilation2Pow20();

    /// <summary>A kernel of 1x12000.</summary>
    [ConvTranspose(1, KernelWidth = 12000)]
    public static partial ConvTranspose2d Kernel12000();

    /// <summary>A kernel of 1x30000.</summary>
    [ConvTranspose(1, KernelWidth = 30000)]
    public static partial ConvTranspose2d Kernel30000();

    /// <summary>Kernel 2, stride 2 with output padding 1: the last row and column get no tap.</summary>
    [ConvTranspose(2, stride: 2, OutputPadding = 1)]
    public static partial ConvTranspose2d Up2xOutputPadding();
}
#pragma warning restore TCG0014
