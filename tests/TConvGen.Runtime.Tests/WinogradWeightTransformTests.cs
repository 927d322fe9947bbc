using System;
using System.Linq;
using TConvGen.CompilerServices;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>The runtime's Winograd weight transforms (<see cref="IWinogradTileTransform.Weight"/>,
/// <see cref="IWinogradPhaseTransform.Weight"/>) are the matrix products <c>G g G^T</c> with Lavin's G for F(2, 3) and the G
/// of F(3, 2) on the points 0, 1, -1 and infinity, bit for bit (each sum from zero in G's column order, as the packing
/// computed them before the transforms held G), and the packings put each channel pair's transformed kernel, rounded once,
/// where the drivers read it.</summary>
public sealed class WinogradWeightTransformTests
{
    private static readonly double[,] TileG = { { 1, 0, 0 }, { 0.5, 0.5, 0.5 }, { 0.5, -0.5, 0.5 }, { 0, 0, 1 } };
    private static readonly double[,] PhaseG = { { 1, 0 }, { 0.5, 0.5 }, { 0.5, -0.5 }, { 0, 1 } };

    /// <summary>Lavin's F(2, 3) for the tiles, F(3, 2) for the phase tiles.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheTransformIsTheProduct(bool phases)
    {
        var random = new Random(phases ? 29 : 23);
        for (int trial = 0; trial < 100; trial++)
        {
            var g = RandomKernel(random, phases ? 4 : 9);
            var u = new double[16];
            if (phases)
                WinogradPhaseTransforms.Weight(g, u);
            else
                WinogradTransforms.Weight(g, u);
            AssertBits(Product(phases ? PhaseG : TileG, g), u);
        }
    }

    /// <summary>Pair (ci, co) of group gr: the flipped kernel's transform, element e at
    /// <c>(((gr * blocks + b) * 16 + e) * Cin/g + ci) * block + co % block</c>; the padded channels of the last block zero.</summary>
    [Fact]
    public void TheTilePackingHoldsEachPairsFlippedKernelsTransform()
    {
        const int inChannels = 6, outChannels = 10, groups = 2, block = 8;
        int inPerGroup = inChannels / groups, outPerGroup = outChannels / groups, blocks = (outPerGroup + block - 1) / block;
        var weight = RandomData(new Random(31), inChannels * outPerGroup * 9);
        var expected = new float[groups * blocks * block * 16 * inPerGroup];
        for (int gr = 0; gr < groups; gr++)
        {
            for (int ci = 0; ci < inPerGroup; ci++)
            {
                for (int co = 0; co < outPerGroup; co++)
                {
                    int pair = (gr * inPerGroup + ci) * outPerGroup + co;
                    var flipped = Enumerable.Range(0, 9).Select(k => (double)weight[pair * 9 + (2 - k / 3) * 3 + (2 - k % 3)]).ToArray();
                    var u = Product(TileG, flipped);
                    for (int e = 0; e < 16; e++)
                        expected[(((gr * blocks + co / block) * 16 + e) * inPerGroup + ci) * block + co % block] = (float)u[e];
                }
            }
        }
        Assert.Equal(expected, WinogradWeights.Pack<WinogradTransforms>(weight, inChannels, outChannels, groups, block));
    }

    /// <summary>Phase ph = 2 ry + rx of pair (ci, co): the transform of <c>g[ty, tx] = W[taps[ry][ty], taps[rx][tx]]</c> with
    /// taps (3, 1) for phase 0 and (2, 0) for phase 1, element e at
    /// <c>((((gr * 4 + ph) * blocks + b) * 16 + e) * Cin/g + ci) * block + co % block</c>.</summary>
    [Fact]
    public void ThePhasePackingHoldsEachPhasesKernelTransform()
    {
        const int inChannels = 4, outChannels = 18, groups = 2, block = 4;
        int inPerGroup = inChannels / groups, outPerGroup = outChannels / groups, blocks = (outPerGroup + block - 1) / block;
        int[][] taps = [[3, 1], [2, 0]];
        var weight = RandomData(new Random(37), inChannels * outPerGroup * 16);
        var expected = new float[groups * 4 * blocks * block * 16 * inPerGroup];
        for (int gr = 0; gr < groups; gr++)
        {
            for (int ci = 0; ci < inPerGroup; ci++)
            {
                for (int co = 0; co < outPerGroup; co++)
                {
                    int pair = (gr * inPerGroup + ci) * outPerGroup + co;
                    for (int ph = 0; ph < 4; ph++)
                    {
                        int[] ky = taps[ph >> 1], kx = taps[ph & 1];
                        var g = Enumerable.Range(0, 4).Select(k => (double)weight[pair * 16 + ky[k / 2] * 4 + kx[k % 2]]).ToArray();
                        var u = Product(PhaseG, g);
                        for (int e = 0; e < 16; e++)
                            expected[((((gr * 4 + ph) * blocks + co / block) * 16 + e) * inPerGroup + ci) * block + co % block] = (float)u[e];
                    }
                }
            }
        }
        var options = new ConvTranspose2dOptions(4, 2, 1) { Groups = groups };
        Assert.Equal(expected, WinogradPhaseWeights.Pack<WinogradPhaseTransforms>(weight, options, inChannels, outChannels, block));
    }

    /// <summary><c>t = G g</c>, then <c>u = t G^T</c>, each sum from zero.</summary>
    private static double[] Product(double[,] transform, double[] g)
    {
        int n = transform.GetLength(0), r = transform.GetLength(1);
        var t = new double[n, r];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < r; k++)
            {
                for (int l = 0; l < r; l++)
                    t[i, k] += transform[i, l] * g[l * r + k];
            }
        }
        var u = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                for (int k = 0; k < r; k++)
                    u[i * n + j] += t[i, k] * transform[j, k];
            }
        }
        return u;
    }

    /// <summary>Floats (as the driver widens them) over many binades, none zero.</summary>
    private static double[] RandomKernel(Random random, int count) => RandomData(random, count).Select(v => (double)v).ToArray();

    private static float[] RandomData(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() + 0.01) * (random.Next(2) * 2 - 1) * Math.Pow(2, random.Next(-30, 30)))).ToArray();

    private static void AssertBits(double[] expected, double[] actual) =>
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));
}
