using System;
using System.Runtime.CompilerServices;

namespace TConvGen;

/// <summary>
/// The blocking both Winograd tilings share (<see cref="WinogradTiles{TTransform}"/>, <see cref="WinogradPhaseTiles{TTransform}"/>):
/// the sizes of their bands and strips, their register blocks, the strides of their transformed buffers, and the GEMM of
/// one transformed element over a strip's column blocks.
/// </summary>
internal static unsafe class WinogradBlocking
{
    /// <summary>The packed input rows of a band, in floats (4 MB): only the few rows a strip reads need to be in cache, and
    /// long bands leave fewer partly filled strips at their ends.</summary>
    private const int BandBufferFloats = 1 << 20;

    /// <summary>The transformed input of a strip, <c>V</c>, in floats: a strip holds as many GEMM column blocks as keep it
    /// within this (128 KB), and at least one. V is re-read from L2 by every register block of output channels while the
    /// transformed weights stream past it, so it should take a fraction of L2 (256 KB to 1 MB per core on current x64): on
    /// Zen 3 (512 KB L2, Vector256), in processes run alternately, 128 KB ran h 1.92-2.53 ms and e 3.49-3.51 ms at one
    /// thread against 2.78-2.93 and 3.81-4.08 with 256 KB, and 512 KB was slower still (h 3.45, e 4.51-4.61). At Vector512
    /// the strip is one block from 64 channels either way.</summary>
    private const int TransformedFloats = 1 << 15;

    /// <summary>The tiles of a segment in the portable code (two make a call of its GEMM, which takes up to
    /// <see cref="GemmMicroKernels.PortableColumns"/> columns).</summary>
    private const int PortableSegment = 4;

    /// <summary>A cache line, in floats.</summary>
    private const int CacheLineFloats = 16;

    /// <summary>The transformed elements of one tile: 4 x 4.</summary>
    public const int Elements = 16;

    /// <summary>The output channels of a register block: eight with 32 vector registers (and three vectors of tiles), else six
    /// (and six in the portable code, which shares <see cref="GemmMicroKernels"/>' portable GEMM).</summary>
    public static int BlockFor(SimdLevel level) =>
        level != SimdLevel.Portable && SimdPath.VectorRegisters >= 32 ? WinogradMicroKernels.Rows : GemmMicroKernels.Rows;

    /// <summary>The tiles one input transform call covers: one vector's lanes (<see cref="PortableSegment"/> in the portable code).</summary>
    public static int Segment(SimdLevel level) => level == SimdLevel.Portable ? PortableSegment : level.FloatsPerVector();

    /// <summary>The tiles of one GEMM call: three segments with the eight-row block (24 accumulators), else two.</summary>
    public static int Columns(SimdLevel level, int block) =>
        (level != SimdLevel.Portable && block == WinogradMicroKernels.Rows ? 3 : 2) * Segment(level);

    /// <summary>The tile rows of a band: as many as the band buffer holds, at least one, at most <paramref name="tileRows"/>.</summary>
    /// <param name="rowFloats">Floats of one packed input row (every channel's streams).</param>
    /// <param name="rowsPerTileRow">Packed rows a tile row adds: the tile's outputs per axis (2 or 3).</param>
    /// <param name="extraRows">Packed rows a band reads past its tile rows' own: the taps less one (2 or 1).</param>
    /// <param name="tileRows">The tile rows of the thread's tile.</param>
    public static int BandTileRows(long rowFloats, int rowsPerTileRow, int extraRows, int tileRows) =>
        (int)Math.Clamp((BandBufferFloats / rowFloats - extraRows) / rowsPerTileRow, 1, tileRows);

    /// <summary>The tiles of a full strip: whole column blocks, as many as the transformed budget and the band allow.</summary>
    public static int Strip(int bandTileRows, int tilesPerRow, int columns, int channels)
    {
        long bandBlocks = ((long)bandTileRows * tilesPerRow + columns - 1) / columns;
        return columns * (int)Math.Clamp(TransformedFloats / ((long)Elements * channels * columns), 1, bandBlocks);
    }

    /// <summary>Floats between the transformed elements of V (<paramref name="rows"/> = Cin) or M (the block): the rows and a
    /// cache line more, so that the 16 elements a transform stores or loads do not all fall in one L1 set (h, 64 channels:
    /// 16 KB apart, the input transform took 225 of 1010 us).</summary>
    public static int ElementStride(int rows, int stride) => checked(rows * stride + CacheLineFloats);

    /// <summary><c>M = U V</c> of one transformed element for the <paramref name="used"/> columns of a strip, a column block
    /// at a time: U is the block's <c>[Cin][block]</c> weights, V and M rows <paramref name="stride"/> apart.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Multiply<TSimd, TVector>(float* u, float* v, nint stride, int channels, float* m, int used, int columns, int block)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
    {
        for (int j = 0; j < used; j += columns)
        {
            if (typeof(TVector) == typeof(float))
                GemmMicroKernels.Multiply6xNPortable(u, v + j, stride, channels, m + j, stride, columns);
            else if (block == WinogradMicroKernels.Rows)
                WinogradMicroKernels.Multiply8x3<TSimd, TVector>(u, v + j, stride, channels, m + j, stride);
            else
                GemmMicroKernels.Multiply6x2<TSimd, TVector>(u, v + j, stride, channels, m + j, stride);
        }
    }
}
