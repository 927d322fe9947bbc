using System;
using System.ComponentModel;

namespace TConvGen.CompilerServices;

/// <summary>
/// Building block for generated kernels: packs PyTorch-layout weights into output-channel blocks so that an unrolled
/// body broadcasts consecutive values. Not meant to be called by user code.
/// </summary>
/// <remarks>
/// Within each group, output channels are cut into blocks of <c>blockSize</c> channels; once fewer remain, into the
/// largest of <c>blockSize / 2</c>, <c>blockSize / 4</c>, ..., 1 that fits (<see cref="BlockAt"/>). The block that starts at local channel <c>j</c> of group <c>g</c>
/// starts at <c>(g * outPerGroup + j) * inPerGroup * kH * kW</c>; inside a block of <c>n</c> channels the value for
/// input channel <c>i</c> (within the group), tap <c>(ky, kx)</c> and block channel <c>c</c> is at
/// <c>(i * kH * kW + ky * kW + kx) * n + c</c>.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedKernelWeights
{
    /// <summary>Packs validated weights <c>(Cin, Cout/groups, kH, kW)</c> into the blocked layout.</summary>
    /// <param name="weight">The weights in PyTorch's layout.</param>
    /// <param name="options">The hyper-parameters.</param>
    /// <param name="inChannels">Cin.</param>
    /// <param name="outChannels">Cout.</param>
    /// <param name="blockSize">The register block of output channels, at least 1.</param>
    /// <returns>A new array of the same length as <paramref name="weight"/>.</returns>
    public static float[] PackBlocked(ReadOnlySpan<float> weight, ConvTranspose2dOptions options, int inChannels, int outChannels, int blockSize)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        int groups = options.Groups, inPerGroup = inChannels / groups, outPerGroup = outChannels / groups;
        int kernelPlane = options.KernelHeight * options.KernelWidth;
        // Pinned: the bodies broadcast weights by address (IGeneratedKernelSimd.Broadcast).
        var packed = GC.AllocateArray<float>(weight.Length, pinned: true);
        for (int g = 0; g < groups; g++)
        {
            for (int j = 0; j < outPerGroup;)
            {
                int n = BlockAt(blockSize, outPerGroup - j);
                int blockStart = (g * outPerGroup + j) * inPerGroup * kernelPlane;
                for (int i = 0; i < inPerGroup; i++)
                for (int tap = 0; tap < kernelPlane; tap++)
                for (int c = 0; c < n; c++)
                    packed[blockStart + (i * kernelPlane + tap) * n + c] = weight[((g * inPerGroup + i) * outPerGroup + j + c) * kernelPlane + tap];
                j += n;
            }
        }
        return packed;
    }

    /// <summary>The size of the block that starts where <paramref name="remaining"/> channels of the group (or tile) are left:
    /// <paramref name="blockSize"/>, halved until it fits.</summary>
    public static int BlockAt(int blockSize, int remaining)
    {
        int n = Math.Max(1, blockSize);
        while (n > remaining && n > 1)
            n /= 2;
        return n;
    }

    /// <summary>The bias as an array of <paramref name="outChannels"/> values: a copy, or zeros when it is empty (no bias).</summary>
    public static float[] ExpandBias(ReadOnlySpan<float> bias, int outChannels) =>
        PaddedBias.Unpadded(bias, outChannels);
}
