using System;
using System.Buffers;

namespace TConvGen;

/// <summary>
/// The prepared patch-scatter kernel. The weights stay in PyTorch's layout <c>[Cin][Cout/g][kH][kW]</c>, where one input
/// channel's row is the patch it adds around an input pixel, for every output channel. For each input pixel that reaches
/// the tile, the patch of the tile's channels, <c>sum_ic x[ic] * W[ic][channels, kH, kW]</c>, is accumulated by AXPYs along
/// those rows (<see cref="PatchScatterMicroKernels"/>), then added into the output, clipped to the tile. A 1x1 input with
/// no padding and no dilation (a latent vector) is the case it is for: there the patch is the output itself, so it is
/// accumulated in place and the run is one pass over the weights. Outputs are sums of patches, final only when the tile is:
/// the activation is the base class's pass over each finished tile (<see cref="TiledPreparedConvTranspose2d.AppliesActivation"/>
/// stays false).
/// </summary>
internal sealed unsafe class PatchScatterPrepared : TiledPreparedConvTranspose2d
{
    private readonly float[] _weights;
    private readonly float[] _bias;
    private readonly SimdLevel _level;

    /// <summary>Keeps the weights for a run at <paramref name="level"/>, which must run on this machine (<see cref="SimdPath.Runs"/>).</summary>
    public PatchScatterPrepared(ConvTranspose2d kernel, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels, SimdLevel level)
        : base(kernel, inChannels, outChannels, 1, 1)
    {
        _weights = weight.ToArray();
        _bias = PaddedBias.Unpadded(bias, outChannels);
        _level = SimdPath.Runs(level) ? level : throw new ArgumentOutOfRangeException(nameof(level), level, "This machine does not run that width.");
    }

    /// <summary>Whether the patch of the only input pixel is the output itself: every output row and column is one tap.</summary>
    internal static bool PatchIsOutput(ConvTranspose2dProblem problem) =>
        problem.InputPlaneLength == 1 && problem.OutputHeight == problem.Options.KernelHeight && problem.OutputWidth == problem.Options.KernelWidth
        && problem.Options is { PaddingHeight: 0, PaddingWidth: 0, DilationHeight: 1, DilationWidth: 1 };

    /// <summary>Each multiply-add streams one weight, at about a third of the FMA-bound kernels' rate (100->512 1x1: 49 us for
    /// 0.8 M multiply-adds), so a latent-vector layer is worth two threads where the default estimate would keep it on one.</summary>
    private protected override long EstimatedWork(ConvTranspose2dProblem problem) => 3 * problem.MultiplyAdds + 32L * problem.OutputLength;

    protected override void RunTile(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, ConvTranspose2dTile tile)
    {
        TapReach.FillBias(output, problem, tile, _bias);
        var (firstRow, lastRow) = TapReach.InputRows(problem, tile.RowStart, tile.RowEnd);
        if (lastRow < firstRow)
            return;

        int taps = problem.KernelPlaneLength;
        int channels = problem.InChannelsPerGroup;
        int groupFirst = tile.Group * problem.OutChannelsPerGroup;
        int rowLength = problem.OutChannelsPerGroup * taps;
        int patchLength = (tile.OutChannelEnd - tile.OutChannelStart) * taps;
        bool inPlace = PatchIsOutput(problem) && tile.RowStart == 0 && tile.RowEnd == problem.OutputHeight;
        float[] patch = ArrayPool<float>.Shared.Rent(inPlace ? 1 : patchLength);
        try
        {
            fixed (float* x = input)
            fixed (float* y = output)
            fixed (float* w = _weights)
            fixed (float* p = patch)
            {
                float* groupInput = x + (nint)tile.Group * channels * problem.InputPlaneLength;
                // The tile's channels within each input channel's row of the group's weights.
                float* rows = w + (nint)tile.Group * channels * rowLength + (nint)(tile.OutChannelStart - groupFirst) * taps;
                if (inPlace)
                {
                    // The planes of consecutive channels are consecutive patches: accumulate onto the bias already there.
                    PatchScatterMicroKernels.Accumulate(_level, groupInput, 1, channels, rows, rowLength, y + (nint)tile.OutChannelStart * taps, patchLength);
                    return;
                }
                for (int iy = firstRow; iy <= lastRow; iy++)
                for (int ix = 0; ix < problem.InputWidth; ix++)
                {
                    new Span<float>(p, patchLength).Clear();
                    PatchScatterMicroKernels.Accumulate(_level, groupInput + (nint)iy * problem.InputWidth + ix, problem.InputPlaneLength, channels,
                        rows, rowLength, p, patchLength);
                    AddPatch(p, y, problem, tile, iy, ix);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(patch);
        }
    }

    /// <summary>Adds the patch of input pixel (iy, ix) into the tile's outputs it reaches. Positions are worked out in 64 bits:
    /// <c>i*s - p + k*d</c> may pass the int range on the way to an output position inside it.</summary>
    private void AddPatch(float* patch, float* output, ConvTranspose2dProblem problem, ConvTranspose2dTile tile, int iy, int ix)
    {
        var o = Options;
        int taps = problem.KernelPlaneLength;
        long rowShift = (long)iy * o.StrideHeight - o.PaddingHeight, columnShift = (long)ix * o.StrideWidth - o.PaddingWidth;
        // The kernel rows and columns whose output lies in the tile's rows and inside the output's width.
        var (firstKy, lastKy) = TapReach.ReachingInputs(rowShift - tile.RowStart, o.DilationHeight, o.KernelHeight, tile.RowEnd - tile.RowStart);
        var (firstKx, lastKx) = TapReach.ReachingInputs(columnShift, o.DilationWidth, o.KernelWidth, problem.OutputWidth);
        if (lastKy < firstKy || lastKx < firstKx)
            return;
        // The first reached output column; the next ones follow at the dilation.
        nint firstColumn = (nint)(columnShift + (long)firstKx * o.DilationWidth);
        for (int oc = tile.OutChannelStart; oc < tile.OutChannelEnd; oc++)
        {
            float* source = patch + (nint)(oc - tile.OutChannelStart) * taps;
            float* plane = output + (nint)oc * problem.OutputPlaneLength;
            for (int ky = firstKy; ky <= lastKy; ky++)
            {
                float* row = plane + (nint)(rowShift + (long)ky * o.DilationHeight) * problem.OutputWidth + firstColumn;
                float* weights = source + ky * o.KernelWidth + firstKx;
                for (int kx = 0; kx <= lastKx - firstKx; kx++)
                    row[(nint)kx * o.DilationWidth] += weights[kx];
            }
        }
    }
}
