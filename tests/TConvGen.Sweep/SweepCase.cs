using System;

namespace TConvGen.Sweep;

/// <summary>One configuration and shape with its data; drawn at random, or named for an edge case.</summary>
internal sealed record SweepCase(string Name, ConvTranspose2dOptions Options, ConvTranspose2dShape Shape, float[] Input, float[] Weight, float[] Bias)
{
    /// <summary>A case with seeded uniform data in [-1, 1) and, when <paramref name="hasBias"/>, a bias.</summary>
    public static SweepCase Create(string name, ConvTranspose2dOptions options, ConvTranspose2dShape shape, bool hasBias, Random random)
    {
        var problem = ConvTranspose2dProblem.Create(options, shape);
        return new SweepCase(name, options, shape, Uniform(random, problem.InputLength), Uniform(random, problem.WeightLength),
            hasBias ? Uniform(random, shape.OutChannels) : []);
    }

    /// <summary>A random valid case of at most <paramref name="maxMultiplyAdds"/> multiply-adds: asymmetric axes, k &lt; s,
    /// k &gt; input, 1x1 inputs, padding beyond the kernel's reach, output padding at its limit, dilation, groups, depthwise,
    /// batches, with and without bias.</summary>
    public static SweepCase Draw(Random random, long maxMultiplyAdds)
    {
        while (true)
        {
            bool square = random.Next(3) == 0;
            int kH = Kernel(random), kW = square ? kH : Kernel(random);
            int sH = Stride(random), sW = square ? sH : Stride(random);
            int dH = Dilation(random), dW = square ? dH : Dilation(random);
            int pH = Padding(random, kH, dH), pW = square ? pH : Padding(random, kW, dW);
            int groups = 1, inPerGroup, outPerGroup;
            switch (random.Next(5))
            {
                case 0: groups = random.Next(2, 5); inPerGroup = random.Next(1, 4); outPerGroup = random.Next(1, 4); break;
                case 1: groups = random.Next(2, 9); inPerGroup = 1; outPerGroup = 1; break; // depthwise
                default: inPerGroup = Channels(random); outPerGroup = Channels(random); break;
            }
            var options = new ConvTranspose2dOptions(1)
            {
                KernelHeight = kH, KernelWidth = kW, StrideHeight = sH, StrideWidth = sW, PaddingHeight = pH, PaddingWidth = pW,
                OutputPaddingHeight = OutputPadding(random, sH, dH), OutputPaddingWidth = OutputPadding(random, sW, dW),
                DilationHeight = dH, DilationWidth = dW, Groups = groups,
            };
            int batch = random.Next(4) == 0 ? 2 : 1, h = Size(random), w = Size(random);
            if (OutputLength(h, kH, sH, pH, dH, options.OutputPaddingHeight) < 1 || OutputLength(w, kW, sW, pW, dW, options.OutputPaddingWidth) < 1)
                continue;
            var shape = new ConvTranspose2dShape(batch, inPerGroup * groups, outPerGroup * groups, h, w);
            if (ConvTranspose2dProblem.Create(options, shape).MultiplyAdds > maxMultiplyAdds)
                continue;
            return Create("random", options, shape, random.Next(2) == 0, random);
        }
    }

    public override string ToString() =>
        $"{Name}: {Options} shape (N={Shape.Batch}, Cin={Shape.InChannels}, Cout={Shape.OutChannels}, H={Shape.Height}, W={Shape.Width}), bias={Bias.Length > 0}";

    // PyTorch's output size; below 1 the configuration is refused, so the draw tries again.
    private static long OutputLength(int input, int k, int s, int p, int d, int op) => (input - 1L) * s - 2L * p + (long)d * (k - 1) + op + 1;

    private static float[] Uniform(Random random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
            values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }

    private static int Kernel(Random r) => r.Next(10) switch { 0 => r.Next(6, 10), < 4 => r.Next(1, 3), _ => r.Next(3, 6) };

    private static int Stride(Random r) => r.Next(10) switch { < 3 => 1, < 7 => 2, < 9 => 3, _ => r.Next(4, 7) };

    private static int Dilation(Random r) => r.Next(5) == 0 ? r.Next(2, 4) : 1;

    // Usually within the kernel's reach, sometimes beyond it.
    private static int Padding(Random r, int k, int d) => r.Next(6) == 0 ? r.Next(0, d * (k - 1) + 4) : r.Next(0, (d * (k - 1)) / 2 + 1);

    // Often at its limit max(s, d) - 1.
    private static int OutputPadding(Random r, int s, int d)
    {
        int limit = Math.Max(s, d) - 1;
        return r.Next(3) switch { 0 => 0, 1 => limit, _ => r.Next(0, limit + 1) };
    }

    private static int Channels(Random r) => r.Next(5) == 0 ? r.Next(5, 13) : r.Next(1, 5);

    private static int Size(Random r) => r.Next(8) switch { 0 => 1, 1 => r.Next(20, 40), _ => r.Next(1, 12) };
}
