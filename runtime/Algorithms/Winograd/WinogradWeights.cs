using System;

namespace TConvGen;

/// <summary>
/// The transformed weights of <see cref="WinogradTiles"/>. The layer is a correlation with the spatially flipped kernel
/// <c>g[ky, kx] = W[ci, co, 2 - ky, 2 - kx]</c>; each (ci, co) pair's 3 x 3 kernel becomes <c>U = G g G^T</c>, 16 values, computed
/// in double and rounded once. Within each group, output channels form blocks of <c>block</c> (the micro-kernel's rows, the
/// last block padded with zeros); block <c>b</c> of group <c>gr</c> holds <c>[element e = 4 i + j][ci][block]</c> from
/// <c>((gr * blocks + b) * 16) * Cin/g * block</c>, so that the GEMM of one element walks the input channels with one
/// pointer and broadcasts the block's consecutive weights.
/// </summary>
internal static class WinogradWeights
{
    /// <summary>The transformed elements of one tile: 4 x 4.</summary>
    public const int Elements = 16;

    /// <summary>Lavin's G for F(2, 3): <c>U = G g G^T</c>.</summary>
    private static readonly double[,] G = { { 1, 0, 0 }, { 0.5, 0.5, 0.5 }, { 0.5, -0.5, 0.5 }, { 0, 0, 1 } };

    /// <summary>The packed (padded) output channels of one group.</summary>
    public static int PackedPerGroup(int perGroup, int block) => checked((perGroup + block - 1) / block * block);

    /// <param name="weight">PyTorch's <c>(Cin, Cout/groups, 3, 3)</c> weights.</param>
    /// <param name="inChannels">Cin.</param>
    /// <param name="outChannels">Cout.</param>
    /// <param name="groups">The groups.</param>
    /// <param name="block">The output channels of a block.</param>
    public static float[] Pack(ReadOnlySpan<float> weight, int inChannels, int outChannels, int groups, int block)
    {
        int inPerGroup = inChannels / groups, outPerGroup = outChannels / groups;
        int packedPerGroup = PackedPerGroup(outPerGroup, block);
        var packed = new float[checked((long)groups * packedPerGroup * Elements * inPerGroup)];
        Span<double> tmp = stackalloc double[12];
        for (int gr = 0; gr < groups; gr++)
        {
            for (int ci = 0; ci < inPerGroup; ci++)
            {
                for (int co = 0; co < outPerGroup; co++)
                {
                    var g = weight.Slice(((gr * inPerGroup + ci) * outPerGroup + co) * 9, 9);
                    // tmp = G g (4 x 3), with g flipped: g[ky, kx] = W[2 - ky, 2 - kx].
                    for (int i = 0; i < 4; i++)
                    {
                        for (int kx = 0; kx < 3; kx++)
                        {
                            double sum = 0;
                            for (int ky = 0; ky < 3; ky++)
                                sum += G[i, ky] * g[(2 - ky) * 3 + (2 - kx)];
                            tmp[i * 3 + kx] = sum;
                        }
                    }
                    long blockStart = ((long)(gr * packedPerGroup + co / block * block) * Elements) * inPerGroup;
                    for (int i = 0; i < 4; i++)
                    {
                        for (int j = 0; j < 4; j++)
                        {
                            double u = 0;
                            for (int kx = 0; kx < 3; kx++)
                                u += tmp[i * 3 + kx] * G[j, kx];
                            packed[blockStart + ((long)(i * 4 + j) * inPerGroup + ci) * block + co % block] = (float)u;
                        }
                    }
                }
            }
        }
        return packed;
    }
}
