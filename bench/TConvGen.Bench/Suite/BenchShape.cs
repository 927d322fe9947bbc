using TConvGen;

namespace TConvGen.Bench.Suite;

/// <summary>One problem of the benchmark suite: a layer shape a user would run.</summary>
/// <param name="Id">The suite's short name (a, b, c, ...).</param>
/// <param name="Origin">Where the shape comes from (DCGAN, U-Net, ...).</param>
internal sealed record BenchShape(string Id, string Origin, int Batch, int InChannels, int OutChannels, int Height, int Width, ConvTranspose2dOptions Options)
{
    public ConvTranspose2dShape Shape => new(Batch, InChannels, OutChannels, Height, Width);

    /// <summary>For a shape with a fused activation (<c>e+relu</c>), the plain shape it adds the activation to (<c>e</c>); else null.</summary>
    public string? PlainId => Id.IndexOf('+') is var plus and > 0 ? Id[..plus] : null;

    /// <summary>FLOPs = 2 * N * Cin * Cout/groups * kH * kW * Hin * Win (the definition).</summary>
    public double Flops => 2.0 * Batch * InChannels * (OutChannels / Options.Groups) * Options.KernelHeight * Options.KernelWidth * Height * Width;

    public (int Height, int Width) OutputSize => ConvTranspose2d.Create(Options, ConvTranspose2dAlgorithm.Reference).GetOutputSize(Height, Width);

    public int InputLength => Batch * InChannels * Height * Width;

    public int WeightLength => InChannels * (OutChannels / Options.Groups) * Options.KernelHeight * Options.KernelWidth;

    public int OutputLength => Batch * OutChannels * OutputSize.Height * OutputSize.Width;

    /// <summary>e.g. <c>1, 21->21, 64x64, k4 s2 p1 g21</c>.</summary>
    public string Description
    {
        get
        {
            var o = Options;
            string Pair(int h, int w) => h == w ? $"{h}" : $"{h}x{w}";
            var text = $"{Batch}, {InChannels}->{OutChannels}, {Height}x{Width}, k{Pair(o.KernelHeight, o.KernelWidth)} s{Pair(o.StrideHeight, o.StrideWidth)} p{Pair(o.PaddingHeight, o.PaddingWidth)}";
            if (o.OutputPaddingHeight != 0 || o.OutputPaddingWidth != 0)
                text += $" op{Pair(o.OutputPaddingHeight, o.OutputPaddingWidth)}";
            if (o.DilationHeight != 1 || o.DilationWidth != 1)
                text += $" d{Pair(o.DilationHeight, o.DilationWidth)}";
            if (o.Groups != 1)
                text += $" g{o.Groups}";
            if (o.Activation != ConvTransposeActivation.None)
                text += $" + {o.Activation}";
            return text;
        }
    }
}
