using System;
using TConvGen.CompilerServices;

namespace TConvGen;

/// <summary>
/// The transformed weights of <see cref="WinogradPhaseTiles"/>: for each of the four phases <c>(ry, rx)</c> of a k4 s2 p1
/// layer, each (ci, co) pair's 2 x 2 phase kernel <c>g</c> becomes <c>U = G g G^T</c> (F(3, 2), points 0, 1, -1 and infinity),
/// 16 values computed in double by the transforms' <see cref="IWinogradPhaseTransform.Weight"/> and rounded once. The phase
/// kernel comes from <see cref="AxisPhases"/>: per axis, phase <c>r</c>'s tap with input offset <c>o</c> (output
/// <c>r + 2j</c> reads input <c>j + o</c>) is element <c>t = o - r + 1</c> of the tile's window, because the window of
/// tile <c>T</c> starts at input <c>3T - 1</c> for both phases (phase 0 computes <c>j = 3T .. 3T+2</c>, phase 1
/// <c>j = 3T-1 .. 3T+1</c>): taps (3, 1) for phase 0 and (2, 0) for phase 1.
/// Layout: block <c>b</c> of phase <c>ph = 2 ry + rx</c> of group <c>gr</c> holds <c>[e = 4 i + j][ci][block]</c> from
/// <c>(((gr * 4 + ph) * blocks + b) * 16) * Cin/g * block</c>, the last block of a group padded with zeros.
/// </summary>
internal static class WinogradPhaseWeights
{
    /// <summary>The phases of the layer: two per axis.</summary>
    public const int Phases = 4;

    /// <summary>The transformed elements of one tile: 4 x 4.</summary>
    public const int Elements = 16;

    /// <summary>Per phase of one axis, the kernel tap at window elements 0 and 1: <c>[r][t]</c>.</summary>
    /// <exception cref="ArgumentException">The axis is not kernel 4, stride 2, padding 1, dilation 1.</exception>
    public static int[][] WindowTaps(ConvAxis axis)
    {
        if (axis is not { Kernel: 4, Stride: 2, Padding: 1, Dilation: 1 })
            throw new ArgumentException($"The phase tiles need kernel 4, stride 2, padding 1 and dilation 1, but got {axis}.", nameof(axis));
        var phases = new AxisPhases(axis);
        var taps = new int[2][];
        for (int r = 0; r < 2; r++)
        {
            taps[r] = [-1, -1];
            for (int n = 0; n < phases.Taps[r].Length; n++)
            {
                int t = phases.Offsets[r][n] - r + 1;
                if ((uint)t > 1 || taps[r][t] >= 0)
                    throw new InvalidOperationException($"Phase {r} tap {phases.Taps[r][n]} falls outside the shared window (element {t}).");
                taps[r][t] = phases.Taps[r][n];
            }
            if (taps[r][0] < 0 || taps[r][1] < 0)
                throw new InvalidOperationException($"Phase {r} does not have two taps.");
        }
        return taps;
    }

    /// <param name="weight">PyTorch's <c>(Cin, Cout/groups, 4, 4)</c> weights.</param>
    /// <param name="options">The layer's options (k4 s2 p1 d1 in both axes).</param>
    /// <param name="inChannels">Cin.</param>
    /// <param name="outChannels">Cout.</param>
    /// <param name="block">The output channels of a block.</param>
    /// <typeparam name="TTransform">The transforms whose <see cref="IWinogradPhaseTransform.Weight"/> computes <c>U</c>.</typeparam>
    public static float[] Pack<TTransform>(ReadOnlySpan<float> weight, ConvTranspose2dOptions options, int inChannels, int outChannels, int block)
        where TTransform : struct, IWinogradPhaseTransform
    {
        int[][] rowTaps = WindowTaps(options.HeightAxis), columnTaps = WindowTaps(options.WidthAxis);
        int groups = options.Groups;
        int inPerGroup = inChannels / groups, outPerGroup = outChannels / groups;
        int packedPerGroup = WinogradWeights.PackedPerGroup(outPerGroup, block);
        var packed = new float[checked((long)groups * Phases * packedPerGroup * Elements * inPerGroup)];
        Span<double> g = stackalloc double[4];
        Span<double> u = stackalloc double[Elements];
        for (int gr = 0; gr < groups; gr++)
        {
            for (int ci = 0; ci < inPerGroup; ci++)
            {
                for (int co = 0; co < outPerGroup; co++)
                {
                    var w = weight.Slice(((gr * inPerGroup + ci) * outPerGroup + co) * 16, 16);
                    for (int ph = 0; ph < Phases; ph++)
                    {
                        int[] ky = rowTaps[ph >> 1], kx = columnTaps[ph & 1];
                        // The phase's kernel: g[ty, tx] = W[ky[ty], kx[tx]].
                        for (int ty = 0; ty < 2; ty++)
                        {
                            for (int tx = 0; tx < 2; tx++)
                                g[ty * 2 + tx] = w[ky[ty] * 4 + kx[tx]];
                        }
                        TTransform.Weight(g, u);
                        long blockStart = ((long)((gr * Phases + ph) * packedPerGroup + co / block * block) * Elements) * inPerGroup;
                        for (int e = 0; e < Elements; e++)
                            packed[blockStart + ((long)e * inPerGroup + ci) * block + co % block] = (float)u[e];
                    }
                }
            }
        }
        return packed;
    }
}
