using System;
using System.Collections.Generic;
using System.Text;

namespace TConvGen.Generator.Tests.Infrastructure;

/// <summary>A named attribute, as written in source.</summary>
internal sealed record AttributeCase(string Name, string Attribute)
{
    /// <summary>The type the method returns: <c>ConvTranspose1d</c> for <c>[ConvTranspose1d]</c>, else <c>ConvTranspose2d</c>.</summary>
    public string ReturnType => Attribute.StartsWith("[ConvTranspose1d(", StringComparison.Ordinal) ? "ConvTranspose1d" : "ConvTranspose2d";
}

/// <summary>The configurations the snapshot and compile-and-run tests share, and a seeded random sweep.</summary>
internal static class Configurations
{
    public static readonly AttributeCase[] Snapshot =
    {
        new("K3S2P1Op1SingleChannel", "[ConvTranspose(3, stride: 2, padding: 1, OutputPadding = 1, InChannels = 1, OutChannels = 1)]"),
        new("K4S2P1", "[ConvTranspose(4, stride: 2, padding: 1)]"),
        new("K2S2P0", "[ConvTranspose(2, stride: 2)]"),
        new("K3S1P1", "[ConvTranspose(3, stride: 1, padding: 1)]"),
        new("K9S3P4Op2", "[ConvTranspose(9, stride: 3, padding: 4, OutputPadding = 2)]"),
        new("Dilation2", "[ConvTranspose(3, stride: 2, padding: 2, Dilation = 2)]"),
        new("Groups", "[ConvTranspose(4, stride: 2, padding: 1, Groups = 4)]"),
        new("Asymmetric", "[ConvTranspose(3, stride: 1, padding: 0, KernelWidth = 5, StrideWidth = 3, PaddingWidth = 2, OutputPaddingWidth = 1, DilationWidth = 2)]"),
        new("KernelSmallerThanStride", "[ConvTranspose(2, stride: 3, OutputPadding = 1)]"),
        new("Fallback", "[ConvTranspose(13, stride: 1, padding: 6)]"),
        new("K4S2P1LeakyRelu", "[ConvTranspose(4, stride: 2, padding: 1, Activation = ConvTransposeActivation.LeakyRelu, ActivationSlope = 0.2f)]"),
        new("K3S2P1Op1SingleChannelTanh", "[ConvTranspose(3, stride: 2, padding: 1, OutputPadding = 1, InChannels = 1, OutChannels = 1, Activation = ConvTransposeActivation.Tanh)]"),
    };

    /// <summary>Every activation on a geometry of its own (contiguous, interleaved and strided stores, phases that store the
    /// bias alone, groups, the fallback), a negative and a default slope, a slope written without LeakyReLU, and a sigmoid on
    /// the Winograd phase tiles (which activate the scratch after the transform).</summary>
    public static readonly AttributeCase[] Activated =
    {
        new("K3S1P1Relu", "[ConvTranspose(3, stride: 1, padding: 1, Activation = ConvTransposeActivation.Relu)]"),
        new("K9S3P4Op2LeakyReluNegative", "[ConvTranspose(9, stride: 3, padding: 4, OutputPadding = 2, Activation = ConvTransposeActivation.LeakyRelu, ActivationSlope = -1.5f)]"),
        new("Dilation2LeakyReluDefault", "[ConvTranspose(3, stride: 2, padding: 2, Dilation = 2, Activation = ConvTransposeActivation.LeakyRelu)]"),
        new("KernelSmallerThanStrideRelu6", "[ConvTranspose(2, stride: 3, OutputPadding = 1, Activation = ConvTransposeActivation.Relu6)]"),
        new("K2S2P0Sigmoid", "[ConvTranspose(2, stride: 2, Activation = ConvTransposeActivation.Sigmoid)]"),
        new("AsymmetricTanh", "[ConvTranspose(3, stride: 1, padding: 0, KernelWidth = 5, StrideWidth = 3, PaddingWidth = 2, OutputPaddingWidth = 1, DilationWidth = 2, Activation = ConvTransposeActivation.Tanh)]"),
        new("GroupsSilu", "[ConvTranspose(4, stride: 2, padding: 1, Groups = 4, Activation = ConvTransposeActivation.Silu)]"),
        new("K4S2P1SlopeWithoutLeakyRelu", "[ConvTranspose(4, stride: 2, padding: 1, Activation = ConvTransposeActivation.Relu, ActivationSlope = 0.5f)]"),
        new("FallbackSigmoid", "[ConvTranspose(13, stride: 1, padding: 6, Activation = ConvTransposeActivation.Sigmoid)]"),
        new("K4S2P1Sigmoid", "[ConvTranspose(4, stride: 2, padding: 1, Activation = ConvTransposeActivation.Sigmoid)]"),
    };

    /// <summary>1-D configurations: HiFi-GAN V1's upsamplers (k16 s8 p4, k4 s2 p1), with fixed channels and a LeakyReLU, output
    /// padding with dilation, groups, a stride-1 one with SiLU, and one too large to unroll.</summary>
    public static readonly AttributeCase[] Lines =
    {
        new("Line1dK16S8P4", "[ConvTranspose1d(16, stride: 8, padding: 4)]"),
        new("Line1dK4S2P1", "[ConvTranspose1d(4, stride: 2, padding: 1)]"),
        new("Line1dK4S2P1Fixed", "[ConvTranspose1d(4, stride: 2, padding: 1, InChannels = 8, OutChannels = 4, Activation = ConvTransposeActivation.LeakyRelu, ActivationSlope = 0.1f)]"),
        new("Line1dK3S3Op2Dilation2", "[ConvTranspose1d(3, stride: 3, padding: 1, OutputPadding = 2, Dilation = 2)]"),
        new("Line1dK5S1P2GroupsSilu", "[ConvTranspose1d(5, stride: 1, padding: 2, Groups = 2, Activation = ConvTransposeActivation.Silu)]"),
        new("Line1dFallback", "[ConvTranspose1d(3, stride: 12, padding: 1)]"),
    };

    /// <summary><paramref name="count"/> valid random configurations (odd strides, dilations, groups, asymmetric axes, fixed channels).</summary>
    public static List<AttributeCase> RandomSweep(int seed, int count)
    {
        var random = new Random(seed);
        var cases = new List<AttributeCase>();
        while (cases.Count < count)
        {
            int kernel = random.Next(1, 8), stride = random.Next(1, 5), dilation = random.Next(1, 4);
            int padding = random.Next(0, (kernel - 1) * dilation / 2 + 2);
            int outputPadding = random.Next(0, Math.Max(stride, dilation));
            int groups = new[] { 1, 1, 2, 3 }[random.Next(4)];
            var text = new StringBuilder();
            text.Append($"[ConvTranspose({kernel}, stride: {stride}, padding: {padding}, OutputPadding = {outputPadding}, Dilation = {dilation}, Groups = {groups}");
            if (random.Next(3) == 0)
            {
                int kernelWidth = random.Next(1, 8), strideWidth = random.Next(1, 5), dilationWidth = random.Next(1, 3);
                text.Append($", KernelWidth = {kernelWidth}, StrideWidth = {strideWidth}, DilationWidth = {dilationWidth}");
                text.Append($", PaddingWidth = {random.Next(0, kernelWidth)}, OutputPaddingWidth = {random.Next(0, Math.Max(strideWidth, dilationWidth))}");
            }
            if (random.Next(4) == 0)
                text.Append($", InChannels = {groups * random.Next(1, 4)}, OutChannels = {groups * random.Next(1, 6)}");
            text.Append(")]");
            cases.Add(new AttributeCase($"Random{cases.Count:00}", text.ToString()));
        }
        return cases;
    }

    /// <summary>A file declaring one method per case in <c>namespace Snapshots</c>, <c>static partial class Layers</c>.</summary>
    public static string Source(IEnumerable<AttributeCase> cases)
    {
        var text = new StringBuilder("using TConvGen;\n\nnamespace Snapshots;\n\n/// <summary>Layers.</summary>\npublic static partial class Layers\n{\n");
        foreach (var item in cases)
            text.Append($"    /// <summary>{item.Name}.</summary>\n    {item.Attribute}\n    public static partial {item.ReturnType} {item.Name}();\n\n");
        return text.Append("}\n").ToString();
    }
}
