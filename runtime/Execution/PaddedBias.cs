using System;

namespace TConvGen;

/// <summary>The bias in the order of kernels that pad each group's output channels to whole register blocks.</summary>
internal static class PaddedBias
{
    /// <summary>Group <c>g</c>'s bias at <c>[g * packedPerGroup, g * packedPerGroup + Cout/groups)</c>; zeros for the padding
    /// slots and for a layer without bias (<paramref name="bias"/> empty), so every block can start its sums from it.</summary>
    public static float[] Pack(ReadOnlySpan<float> bias, int outChannels, int groups, int packedPerGroup)
    {
        int perGroup = outChannels / groups;
        // Pinned: generated bodies broadcast the bias by address (IGeneratedKernelSimd.Broadcast).
        var packed = GC.AllocateArray<float>(checked(groups * packedPerGroup), pinned: true);
        if (!bias.IsEmpty)
        {
            for (int g = 0; g < groups; g++)
                bias.Slice(g * perGroup, perGroup).CopyTo(packed.AsSpan(g * packedPerGroup));
        }
        return packed;
    }

    /// <summary>The bias of kernels that do not pad channels: <paramref name="outChannels"/> values, zeros for no bias.</summary>
    public static float[] Unpadded(ReadOnlySpan<float> bias, int outChannels) => Pack(bias, outChannels, 1, outChannels);
}
