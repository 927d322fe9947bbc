using System;

namespace TConvGen;

/// <summary>
/// The weight and bias layout of <see cref="PhaseDirectPrepared"/>. Within each group, output channels form blocks of
/// <see cref="Block"/> channels (the register block). The channels left over form one block padded with zero weights
/// to <see cref="Block"/> when there are two or three of them (a padded 4-wide block beats two or three 1-wide passes),
/// or a block of one. A block starting at channel <c>c</c> of group <c>g</c> begins at
/// <c>(g*PackedPerGroup + c) * kH*kW * Cin/g</c> and holds <c>[tap = ky*kW + kx][ic][packed width]</c>: for one tap the
/// micro-kernel walks the input channels with one pointer and broadcasts the block's consecutive weights per channel.
/// </summary>
internal static class PhaseDirectWeights
{
    /// <summary>The output channels of a full register block.</summary>
    public const int Block = 4;

    /// <summary>One past the last channel covered by full blocks.</summary>
    public static int FullBlocksEnd(int perGroup) => perGroup - perGroup % Block;

    /// <summary>Whether the left-over channels of a group are packed as one zero-padded full-width block.</summary>
    public static bool PadsRemainder(int perGroup) => perGroup % Block >= 2;

    /// <summary>The packed (padded) channels of one group.</summary>
    public static int PackedPerGroup(int perGroup) => PadsRemainder(perGroup) ? FullBlocksEnd(perGroup) + Block : perGroup;

    /// <summary>The real channels of the block that starts at channel <paramref name="channel"/> (a block start) of a group.</summary>
    public static int BlockWidth(int channel, int perGroup) =>
        channel < FullBlocksEnd(perGroup) ? Block : PadsRemainder(perGroup) ? perGroup - channel : 1;

    /// <summary>The packed width (weights per input channel and tap) of the block that starts at <paramref name="channel"/>.</summary>
    public static int PackedWidth(int channel, int perGroup) =>
        channel < FullBlocksEnd(perGroup) || PadsRemainder(perGroup) ? Block : 1;

    /// <summary>Packs PyTorch's <c>(Cin, Cout/groups, kH, kW)</c> weights.</summary>
    public static float[] Pack(ReadOnlySpan<float> weight, int inChannels, int outChannels, int groups, int taps)
    {
        int inPerGroup = inChannels / groups, outPerGroup = outChannels / groups;
        int packedPerGroup = PackedPerGroup(outPerGroup);
        var packed = new float[checked((long)groups * packedPerGroup * taps * inPerGroup)];
        for (int g = 0; g < groups; g++)
        {
            for (int c = 0; c < outPerGroup;)
            {
                int width = BlockWidth(c, outPerGroup), packedWidth = PackedWidth(c, outPerGroup);
                long blockStart = ((long)g * packedPerGroup + c) * taps * inPerGroup;
                for (int tap = 0; tap < taps; tap++)
                for (int ic = 0; ic < inPerGroup; ic++)
                for (int u = 0; u < width; u++)
                {
                    packed[blockStart + ((long)tap * inPerGroup + ic) * packedWidth + u] =
                        weight[((g * inPerGroup + ic) * outPerGroup + c + u) * taps + tap];
                }
                c += width;
            }
        }
        return packed;
    }
}
