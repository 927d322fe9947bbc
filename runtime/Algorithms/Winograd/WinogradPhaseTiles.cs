using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using TConvGen.CompilerServices;

namespace TConvGen;

/// <summary>The configurations <see cref="WinogradPhaseTiles{TTransform}"/> computes, and its threads' bands.</summary>
internal static class WinogradPhaseTiles
{
    /// <summary>Whether the options are the case F(3x3, 2x2) on the phases computes: kernel 4 x 4, stride 2, padding 1,
    /// dilation 1, output padding 0 or 1 (each axis on its own, <see cref="WinogradAxes.IsPhaseAxis"/>).</summary>
    public static bool Supports(ConvTranspose2dOptions options) =>
        WinogradAxes.IsPhaseAxis(options.HeightAxis) && WinogradAxes.IsPhaseAxis(options.WidthAxis);
}

/// <summary>
/// Winograd's F(3x3, 2x2) for the four phases of kernel 4 x 4, stride 2, padding 1, dilation 1 (output padding 0 or 1,
/// <see cref="WinogradPhaseTiles.Supports"/>). Each phase <c>(ry, rx)</c> (outputs <c>(2j + ry, 2i + rx)</c>) is a dense stride-1 2 x 2
/// correlation (<see cref="AxisPhases"/>, <see cref="WinogradPhaseWeights"/>), and one 4 x 4 input tile serves all four: per
/// axis, tile <c>T</c> reads inputs <c>3T-1 .. 3T+2</c>, from which phase 0 computes <c>j = 3T .. 3T+2</c> and phase 1
/// <c>j = 3T-1 .. 3T+1</c>, so the tile's outputs are the six consecutive positions <c>6T-1 .. 6T+4</c> of each axis. Per
/// tile and channel pair that is 4 x 16 multiplications for 36 outputs instead of 144, and one input transform instead of
/// four. The steps, fused and cache-blocked as in <see cref="WinogradTiles"/>: bands of tile rows whose padded input rows
/// are packed once (split by column mod 3, <see cref="IWinogradPhaseTransform"/>: the runtime's <see cref="WinogradPhaseTransforms"/>, or a
/// generated kernel's unrolled one); strips of whole GEMM column blocks in
/// raster order sized for the L2 cache; per strip the input transform of every channel into <c>V[16][Cin][strip]</c>, then
/// per register block of output channels the 64 GEMMs (16 elements of four phases) over the input channels into
/// <c>M[4][16][block][strip]</c> and the output transform plus bias and activation, written through a scratch (the six
/// columns of a tile interleave the lanes), clipped at the output's edges. Runs are cut into ranges of tiles (<see cref="WinogradTileRange"/>).
/// </summary>
internal sealed unsafe class WinogradPhaseTiles<TTransform> : WinogradDriver
    where TTransform : struct, IWinogradPhaseTransform
{
    private readonly float[] _weights;
    private readonly float[] _bias;

    /// <param name="kernel">The kernel, whose options <see cref="WinogradPhaseTiles.Supports"/>.</param>
    /// <param name="weight">PyTorch's <c>(Cin, Cout/groups, 4, 4)</c> weights.</param>
    /// <param name="bias">The bias, or empty.</param>
    /// <param name="inChannels">Cin.</param>
    /// <param name="outChannels">Cout.</param>
    /// <param name="level">The width to run, which must run on this machine (<see cref="SimdPath.Runs"/>).</param>
    public WinogradPhaseTiles(ConvTranspose2d kernel, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inChannels, int outChannels, SimdLevel level)
        : base(kernel, inChannels, outChannels, level)
    {
        if (!WinogradPhaseTiles.Supports(kernel.Options))
            throw new ArgumentException("The Winograd phase kernel needs kernel 4, stride 2, padding 1, dilation 1 and output padding 0 or 1 in both axes.", nameof(kernel));
        int groups = kernel.Options.Groups;
        _weights = WinogradPhaseWeights.Pack<TTransform>(weight, kernel.Options, inChannels, outChannels, Block);
        _bias = PaddedBias.Pack(bias, outChannels, groups, WinogradWeights.PackedPerGroup(outChannels / groups, Block));
    }

    /// <summary>Columns mod 3.</summary>
    private protected override int Streams => 3;

    /// <summary>Two taps: a band of tile rows reads one packed row past its own.</summary>
    private protected override int ExtraRows => 1;

    private protected override int ProductElements => WinogradPhaseWeights.Phases * WinogradPhaseWeights.Elements;

    /// <summary>Tile <c>T</c> covers outputs <c>6T - 1 .. 6T + 4</c> of an axis.</summary>
    private protected override (int TilesPerRow, int TileRows) Grid(ConvTranspose2dProblem problem) =>
        ((problem.OutputWidth + WinogradPhaseTransforms.OutputsPerAxis) / WinogradPhaseTransforms.OutputsPerAxis,
         (problem.OutputHeight + WinogradPhaseTransforms.OutputsPerAxis) / WinogradPhaseTransforms.OutputsPerAxis);

    /// <summary>Copies padded rows <c>[firstRow, firstRow + rowCount)</c> of the group's channels into
    /// <c>[row][channel][S_0 | S_1 | S_2 (third each)]</c>, <c>S_k[j]</c> = padded column <c>3j + k</c>: padded row <c>R</c>,
    /// column <c>X</c> is input row <c>R - 1</c>, column <c>X - 1</c>, zero outside the input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private protected override void PackBand(float* input, ConvTranspose2dProblem problem, int group, int firstRow, int rowCount, int streamLength, float* band)
    {
        int third = streamLength;
        int channels = problem.InChannelsPerGroup, width = problem.InputWidth, height = problem.InputHeight;
        // Stream k's interior: the j with 0 <= 3j + k - 1 < width.
        for (int r = 0; r < rowCount; r++)
        {
            int iy = firstRow + r - 1;
            for (int c = 0; c < channels; c++)
            {
                float* streams = band + ((nint)r * channels + c) * 3 * third;
                if ((uint)iy >= (uint)height)
                {
                    new Span<float>(streams, 3 * third).Clear();
                    continue;
                }
                float* row = input + ((nint)group * channels + c) * problem.InputPlaneLength + (nint)iy * width;
                for (int k = 0; k < 3; k++)
                {
                    float* s = streams + k * third;
                    // Column 3j + k - 1 is inside for j in [start, end).
                    int start = k == 0 ? 1 : 0, end = Math.Clamp((width - k + 1 + 2) / 3, start, third);
                    for (int j = 0; j < start; j++)
                        s[j] = 0f;
                    float* from = row + k - 1;
                    for (int j = start; j < end; j++)
                        s[j] = from[3 * j];
                    for (int j = end; j < third; j++)
                        s[j] = 0f;
                }
            }
        }
    }

    /// <summary>The band's tiles <c>[first, end)</c> in raster order, for the group's channels, as in <see cref="WinogradTiles"/>:
    /// tile <c>q</c> is column <c>q - first</c> of V and M.</summary>
    [SkipLocalsInit] // the scratch is written before it is read
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private protected override void RunStrip<TSimd, TTransformSimd, TVector, TActivation>(in WinogradGeometry geometry, in WinogradBuffers buffers,
        int bandFirstTileRow, int first, int end, TActivation activation)
    {
        fixed (float* weights = _weights)
        fixed (float* biases = _bias)
        {
            const int per = WinogradPhaseTransforms.OutputsPerAxis;
            var problem = geometry.Problem;
            int channels = problem.InChannelsPerGroup, perGroup = problem.OutChannelsPerGroup, stride = geometry.Stride, block = Block;
            int segment = geometry.Segment, perRow = geometry.TilesPerRow, columns = geometry.Columns;
            int outWidth = problem.OutputWidth, lanes = TSimd.Count;
            nint plane = problem.OutputPlaneLength, transformedStride = WinogradBlocking.ElementStride(channels, stride), productStride = WinogradBlocking.ElementStride(block, stride);
            nint phaseStride = WinogradPhaseWeights.Elements * productStride;
            int group = geometry.Group, groupFirst = group * perGroup;
            int blocksPerGroup = WinogradWeights.PackedPerGroup(perGroup, block) / block;
            int firstRow = first / perRow, lastRow = (end - 1) / perRow;
            float* scratch = stackalloc float[per * per * lanes];
            var output = new ActivatedOutput<TSimd, TVector, TActivation>(activation);

            for (int c = 0; c < channels; c++)
            {
                float* channel = buffers.Packed + (nint)c * 3 * geometry.StreamLength;
                float* target = buffers.Transformed + (nint)c * stride - first;
                for (int row = firstRow; row <= lastRow; row++)
                {
                    int rowStart = row * perRow, from = Math.Max(0, first - rowStart), to = Math.Min(perRow, end - rowStart);
                    float* rows = channel + (nint)(3 * row) * geometry.RowFloats;
                    for (int t = from; t < to; t += segment)
                        TTransform.Input<TTransformSimd, TVector>(ref rows[t], geometry.RowFloats, geometry.StreamLength, segment, ref target[rowStart + t], transformedStride);
                }
            }
            int used = (end - first + columns - 1) / columns * columns;
            for (int local = 0; local < perGroup; local += block)
            {
                int oc = groupFirst + local, width = Math.Min(block, perGroup - local);
                for (int ph = 0; ph < WinogradPhaseWeights.Phases; ph++)
                {
                    float* u = weights + (nint)((group * WinogradPhaseWeights.Phases + ph) * blocksPerGroup + local / block) * WinogradPhaseWeights.Elements * channels * block;
                    for (int e = 0; e < WinogradPhaseWeights.Elements; e++)
                    {
                        WinogradBlocking.Multiply<TSimd, TVector>(u + (nint)e * channels * block, buffers.Transformed + e * transformedStride, stride, channels,
                            buffers.Products + ph * phaseStride + e * productStride, used, columns, block);
                    }
                }
                float* bias = biases + group * (nint)blocksPerGroup * block + local;
                for (int ch = 0; ch < width; ch++)
                {
                    float* plane0 = buffers.Output + (oc + ch) * plane;
                    float* products = buffers.Products + (nint)ch * stride - first;
                    for (int row = firstRow; row <= lastRow; row++)
                    {
                        int rowStart = row * perRow, from = Math.Max(0, first - rowStart), to = Math.Min(perRow, end - rowStart);
                        int oy0 = per * (bandFirstTileRow + row) - 1;
                        int rFrom = Math.Max(0, -oy0), rTo = Math.Min(per, problem.OutputHeight - oy0);
                        for (int t = from; t < to; t += lanes)
                        {
                            float* m = products + rowStart + t;
                            // Sigmoid, tanh and SiLU are applied to the scratch after the transform, as the GEMM kernels' stores do
                            // (ActivatedOutput); the others in registers.
                            if (ActivatedOutput<TSimd, TVector, TActivation>.AppliedAfterStores)
                                TTransform.Output<TTransformSimd, TVector, Identity>(ref *m, productStride, phaseStride, ref bias[ch], ref *scratch, default);
                            else
                                TTransform.Output<TTransformSimd, TVector, TActivation>(ref *m, productStride, phaseStride, ref bias[ch], ref *scratch, activation);
                            output.Complete(scratch, 0, 1, per * per * lanes);
                            int count = Math.Min(lanes, to - t);
                            for (int r = rFrom; r < rTo; r++)
                                WinogradPhaseTransforms.Scatter(scratch + r * per * lanes, lanes, count, plane0 + (nint)(oy0 + r) * outWidth, t, outWidth);
                        }
                    }
                }
            }
        }
    }
}
