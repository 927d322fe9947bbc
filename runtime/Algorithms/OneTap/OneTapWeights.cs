using System;

namespace TConvGen;

/// <summary>
/// The weight and bias layout of <see cref="OneTapPrepared"/> (kernel 2 x 2). Within each group, output channels form
/// blocks of the register block's width (the last one padded with zero weights). A block starting at channel <c>c</c> of
/// group <c>g</c> begins at <c>(g*PackedPerGroup + c) * Cin/g * 4</c> and holds <c>[ic][channel of the block][ky][kx]</c>:
/// the order in which the micro-kernel broadcasts them while it walks the input channels.
/// </summary>
internal static class OneTapWeights
{
    /// <summary>The taps of a 2 x 2 kernel: one per phase.</summary>
    public const int Taps = 4;

    /// <summary>The packed (padded) channels of one group.</summary>
    public static int PackedPerGroup(int perGroup, int block) => (perGroup + block - 1) / block * block;

    /// <summary>Packs PyTorch's <c>(Cin, Cout/groups, 2, 2)</c> weights for blocks of <paramref name="block"/> channels.</summary>
    public static float[] Pack(ReadOnlySpan<float> weight, int inChannels, int outChannels, int groups, int block)
    {
        int inPerGroup = inChannels / groups, outPerGroup = outChannels / groups;
        int packedPerGroup = PackedPerGroup(outPerGroup, block);
        var packed = new float[checked((long)groups * packedPerGroup * inPerGroup * Taps)];
        for (int g = 0; g < groups; g++)
        for (int c = 0; c < outPerGroup; c++)
        {
            int start = c - c % block, u = c % block;
            long blockStart = ((long)g * packedPerGroup + start) * inPerGroup * Taps;
            for (int ic = 0; ic < inPerGroup; ic++)
            for (int tap = 0; tap < Taps; tap++)
                packed[blockStart + ((long)ic * block + u) * Taps + tap] = weight[((g * inPerGroup + ic) * outPerGroup + c) * Taps + tap];
        }
        return packed;
    }
}
