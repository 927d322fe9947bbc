using System;

namespace TConvGen;

/// <summary>
/// The weight layout of <see cref="ChannelVectorizedPrepared"/>: output channels are the vector lanes. Within each group the
/// output channels form blocks of <see cref="FullBlock"/> channels (the register block: 4 vectors with 32 vector registers,
/// 2 with 16); the channels left over form one block of the narrowest of 1, 2 or 4 vectors that holds them, padded with zero
/// weights. Every
/// block spans <c>width * Cin/g * kH*kW</c> floats and starts at <c>(g*PackedPerGroup + c) * Cin/g * kH*kW</c> (all earlier
/// blocks of the group are full). Inside a block, phase <c>(py, px)</c> follows phase by phase (row-major), each holding
/// <c>[tap of the phase (row taps x column taps)][ic][width]</c>: the micro-kernel walks its taps and input channels with
/// one pointer and loads the block's channels as consecutive vectors.
/// </summary>
internal sealed class ChannelVectorizedWeights
{
    /// <summary>The layout for vectors of <paramref name="level"/> (the portable code packs one channel per "vector") and
    /// <paramref name="vectorRegisters"/> registers: 32 hold the 4-vector block's 24 accumulators, 16 the 2-vector block's 12.</summary>
    public ChannelVectorizedWeights(SimdLevel level, int vectorRegisters, AxisPhases rows, AxisPhases columns, int kernelWidth)
    {
        Lanes = level.FloatsPerVector();
        FullBlock = (vectorRegisters >= 32 ? 4 : 2) * Lanes;
        Rows = rows;
        Columns = columns;
        KernelWidth = kernelWidth;
        int phases = rows.Stride * columns.Stride;
        PhaseTapStart = new int[phases + 1];
        for (int p = 0; p < phases; p++)
            PhaseTapStart[p + 1] = PhaseTapStart[p] + rows.Taps[p / columns.Stride].Length * columns.Taps[p % columns.Stride].Length;
    }

    /// <summary>Channels per vector.</summary>
    public int Lanes { get; }

    /// <summary>The channels of a full register block.</summary>
    public int FullBlock { get; }

    /// <summary>The phases along the height.</summary>
    public AxisPhases Rows { get; }

    /// <summary>The phases along the width.</summary>
    public AxisPhases Columns { get; }

    /// <summary>kW.</summary>
    public int KernelWidth { get; }

    /// <summary>Per phase <c>py*sW + px</c>, the index of its first tap among all phases' taps (the last entry is kH*kW).</summary>
    public int[] PhaseTapStart { get; }

    /// <summary>The packed width of the block that starts at <paramref name="channel"/> of a group of <paramref name="perGroup"/>
    /// channels: a full block, or the narrowest of 1, 2 or 4 vectors that holds the rest.</summary>
    public int PackedWidth(int channel, int perGroup)
    {
        int rest = perGroup - channel;
        if (rest >= FullBlock)
            return FullBlock;
        int width = Lanes;
        while (width < rest)
            width *= 2;
        return width;
    }

    /// <summary>The real channels of the block that starts at <paramref name="channel"/>.</summary>
    public int BlockWidth(int channel, int perGroup) => Math.Min(FullBlock, perGroup - channel);

    /// <summary>The packed (padded) channels of one group.</summary>
    public int PackedPerGroup(int perGroup)
    {
        int full = perGroup - perGroup % FullBlock;
        return full == perGroup ? full : full + PackedWidth(full, perGroup);
    }

    /// <summary>Packs PyTorch's <c>(Cin, Cout/groups, kH, kW)</c> weights.</summary>
    public float[] Pack(ReadOnlySpan<float> weight, int inChannels, int outChannels, int groups)
    {
        int inPerGroup = inChannels / groups, outPerGroup = outChannels / groups;
        int taps = PhaseTapStart[^1];
        int packedPerGroup = PackedPerGroup(outPerGroup);
        var packed = new float[checked((long)groups * packedPerGroup * taps * inPerGroup)];
        for (int g = 0; g < groups; g++)
        {
            for (int c = 0; c < outPerGroup;)
            {
                int width = BlockWidth(c, outPerGroup), packedWidth = PackedWidth(c, outPerGroup);
                long block = ((long)g * packedPerGroup + c) * taps * inPerGroup;
                int t = 0;
                for (int py = 0; py < Rows.Stride; py++)
                for (int px = 0; px < Columns.Stride; px++)
                foreach (int ky in Rows.Taps[py])
                foreach (int kx in Columns.Taps[px])
                {
                    int tap = ky * KernelWidth + kx;
                    for (int ic = 0; ic < inPerGroup; ic++)
                    for (int u = 0; u < width; u++)
                    {
                        packed[block + ((long)t * inPerGroup + ic) * packedWidth + u] =
                            weight[((g * inPerGroup + ic) * outPerGroup + c + u) * taps + tap];
                    }
                    t++;
                }
                c += width;
            }
        }
        return packed;
    }
}
