using System;
using TConvGen.CompilerServices;

namespace TConvGen;

/// <summary>
/// The transformed weights of <see cref="WinogradTiles"/>. The layer is a correlation with the spatially flipped kernel
/// <c>g[ky, kx] = W[ci, co, 2 - ky, 2 - kx]</c>; each (ci, co) pair's 3 x 3 kernel becomes <c>U = G g G^T</c>, 16 values,
/// computed in double by the transforms' <see cref="IWinogradTileTransform.Weight"/> and rounded once. Within each group,
/// output channels form blocks of <c>block</c> (the micro-kernel's rows, the last block padded with zeros); block <c>b</c> of group <c>gr</c> holds <c>[element e = 4 i + j][ci][block]</c> from
/// <c>((gr * blocks + b) * 16) * Cin/g * block</c>, so that the GEMM of one element walks the input channels with one
/// pointer and broadcasts the block's consecutive weights.
/// </summary>
internal static class WinogradWeights
{
    /// <summary>The transformed elements of one tile: 4 x 4.</summary>
    public const int Elements = 16;

    /// <summary>The packed (padded) output channels of one group.</summary>
    public static int PackedPerGroup(int perGroup, int block) => checked((perGroup + block - 1) / block * block);

    /// <param name="weight">PyTorch's <c>(Cin, Cout/groups, 3, 3)</c> weights.</param>
    /// <param name="inChannels">Cin.</param>
    /// <param name="outChannels">Cout.</param>
    /// <param name="groups">The groups.</param>
    /// <param name="block">The output channels of a block.</param>
    /// <typeparam name="TTransform">The transforms whose <see cref="IWinogradTileTransform.Weight"/> computes <c>U</c>.</typeparam>
    public static float[] Pack<TTransform>(ReadOnlySpan<float> weight, int inChannels, int outChannels, int groups, int block)
        where TTransform : struct, IWinogradTileTransform
    {
        int inPerGroup = inChannels / groups, outPerGroup = outChannels / groups;
        int packedPerGroup = PackedPerGroup(outPerGroup, block);
        var packed = new float[checked((long)groups * packedPerGroup * Elements * inPerGroup)];
        Span<double> g = stackalloc double[9];
        Span<double> u = stackalloc double[Elements];
        for (int gr = 0; gr < groups; gr++)
        {
            for (int ci = 0; ci < inPerGroup; ci++)
            {
                for (int co = 0; co < outPerGroup; co++)
                {
                    var w = weight.Slice(((gr * inPerGroup + ci) * outPerGroup + co) * 9, 9);
                    // Flipped: g[ky, kx] = W[2 - ky, 2 - kx], so element 3 ky + kx is W's 8 - (3 ky + kx).
                    for (int k = 0; k < 9; k++)
                        g[k] = w[8 - k];
                    TTransform.Weight(g, u);
                    long blockStart = ((long)(gr * packedPerGroup + co / block * block) * Elements) * inPerGroup;
                    for (int e = 0; e < Elements; e++)
                        packed[blockStart + ((long)e * inPerGroup + ci) * block + co % block] = (float)u[e];
                }
            }
        }
        return packed;
    }
}
