using System;

namespace TConvGen;

/// <summary>
/// The weight layout of <see cref="PhaseDirectPrepared"/>. Within each group, output channels form blocks of
/// <see cref="Block"/> channels (the register block), and the channels left over form blocks of one. A block of width
/// <c>b</c> starting at channel <c>c</c> of group <c>g</c> begins at <c>(g*Cout/g + c) * kH*kW * Cin/g</c> and holds
/// <c>[tap = ky*kW + kx][ic][b]</c>: for one tap the micro-kernel walks the input channels with one pointer and
/// broadcasts <c>b</c> consecutive weights per channel.
/// </summary>
internal static class PhaseDirectWeights
{
    /// <summary>The output channels of a full register block.</summary>
    public const int Block = 4;

    /// <summary>The width of the block that starts at channel <paramref name="channel"/> (a block start) of a group of
    /// <paramref name="perGroup"/> channels.</summary>
    public static int BlockWidth(int channel, int perGroup) => channel < FullBlocksEnd(perGroup) ? Block : 1;

    /// <summary>One past the last channel covered by full blocks.</summary>
    public static int FullBlocksEnd(int perGroup) => perGroup - perGroup % Block;

    /// <summary>Packs PyTorch's <c>(Cin, Cout/groups, kH, kW)</c> weights.</summary>
    public static float[] Pack(ReadOnlySpan<float> weight, int inChannels, int outChannels, int groups, int taps)
    {
        int inPerGroup = inChannels / groups, outPerGroup = outChannels / groups;
        var packed = new float[weight.Length];
        for (int g = 0; g < groups; g++)
        {
            for (int c = 0; c < outPerGroup;)
            {
                int width = BlockWidth(c, outPerGroup);
                int blockStart = (g * outPerGroup + c) * taps * inPerGroup;
                for (int tap = 0; tap < taps; tap++)
                for (int ic = 0; ic < inPerGroup; ic++)
                for (int u = 0; u < width; u++)
                {
                    packed[blockStart + (tap * inPerGroup + ic) * width + u] =
                        weight[((g * inPerGroup + ic) * outPerGroup + c + u) * taps + tap];
                }
                c += width;
            }
        }
        return packed;
    }
}
