using System;
using System.Buffers;
using System.Runtime.Intrinsics;
using TConvGen.CompilerServices;

namespace TConvGen;

/// <summary>What the drivers of the two Winograd tilings (<see cref="WinogradTiles{TTransform}"/>,
/// <see cref="WinogradPhaseTiles{TTransform}"/>) share: the width and register block they run, each run cut into ranges of
/// tiles (<see cref="WinogradTileRange"/>) on up to the allowed threads, and per range the loop over bands of tile rows,
/// whose padded input rows are packed once, and over strips of the band's tiles in raster order, which the tiling computes
/// (input transform, GEMMs, output transform).</summary>
internal abstract unsafe class WinogradDriver : PreparedConvTranspose2d, IActivatedTileKernel<WinogradTileRange>
{
    /// <param name="kernel">The Winograd kernel.</param>
    /// <param name="inChannels">Cin.</param>
    /// <param name="outChannels">Cout.</param>
    /// <param name="level">The width to run, which must run on this machine (<see cref="SimdPath.Runs"/>).</param>
    private protected WinogradDriver(ConvTranspose2d kernel, int inChannels, int outChannels, SimdLevel level)
        : base(kernel, inChannels, outChannels)
    {
        Level = SimdPath.Runs(level) ? level : throw new ArgumentOutOfRangeException(nameof(level), level, "This machine does not run that width.");
        Block = WinogradBlocking.BlockFor(level);
    }

    /// <summary>The width the driver runs.</summary>
    private protected SimdLevel Level { get; }

    /// <summary>The output channels of the GEMM's register block (<see cref="WinogradBlocking.BlockFor"/>).</summary>
    private protected int Block { get; }

    /// <summary>The streams a packed row is split into (even and odd columns, or columns mod 3), which is also how many packed
    /// rows each tile row adds (its outputs per axis).</summary>
    private protected abstract int Streams { get; }

    /// <summary>Packed rows a band reads past its tile rows' own: the taps less one.</summary>
    private protected abstract int ExtraRows { get; }

    /// <summary>The transformed elements of the products M per output channel: 16, or 64 for four phases.</summary>
    private protected abstract int ProductElements { get; }

    /// <summary>The grid of Winograd tiles over one image's output: tiles per tile row, and tile rows.</summary>
    private protected abstract (int TilesPerRow, int TileRows) Grid(ConvTranspose2dProblem problem);

    /// <summary>Copies padded rows <c>[firstRow, firstRow + rowCount)</c> of the group's channels into
    /// <c>[row][channel][stream]</c>, each of the <see cref="Streams"/> streams <paramref name="streamLength"/> floats.</summary>
    private protected abstract void PackBand(float* input, ConvTranspose2dProblem problem, int group, int firstRow, int rowCount, int streamLength, float* band);

    /// <summary>The band's tiles <c>[first, end)</c>, counted from the band's first, for all the group's output channels.</summary>
    private protected abstract void RunStrip<TSimd, TTransformSimd, TVector, TActivation>(in WinogradGeometry geometry, in WinogradBuffers buffers,
        int bandFirstTileRow, int first, int end, TActivation activation)
        where TSimd : struct, ISimd<TVector>
        where TTransformSimd : struct, IGeneratedKernelSimd<TVector>
        where TVector : struct
        where TActivation : struct, IActivationFunction;

    /// <inheritdoc />
    protected internal sealed override void RunCore(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, int maxDegreeOfParallelism)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var (tilesPerRow, tileRows) = Grid(problem);
        int columns = WinogradBlocking.Columns(Level, Block);
        int strip = WinogradBlocking.Strip(tileRows, tilesPerRow, columns, problem.InChannelsPerGroup);
        var ranges = WinogradTileRange.Partition(problem, maxDegreeOfParallelism, checked(tilesPerRow * tileRows), strip, columns);
        ImagePieces.Run(input, output, problem, ranges, static range => range.Image, maxDegreeOfParallelism, RunRange);
    }

    /// <summary>The GEMMs write products (M), never outputs; each output is written once, by the output transform, which activates it.</summary>
    private void RunRange(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, WinogradTileRange range) =>
        ActivatedTile.Run(this, input, output, problem, range);

    /// <summary>Computes every output of the range's tiles, for all the group's output channels, bias and activation included,
    /// and writes nothing else.</summary>
    public void RunTile<TActivation>(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, WinogradTileRange range, TActivation activation)
        where TActivation : struct, IActivationFunction
    {
        int tilesPerRow = Grid(problem).TilesPerRow, streams = Streams;
        // The prepared width, however narrow the rows: the strips keep the GEMM's lanes full, and only the input transform of
        // a row's last segment computes lanes past it.
        var level = Level;
        int segment = WinogradBlocking.Segment(level), columns = WinogradBlocking.Columns(level, Block);
        int channels = problem.InChannelsPerGroup;
        // A segment may start at any tile and reads each stream up to one past its last tile.
        int streamLength = checked(tilesPerRow + segment + 1);
        long rowFloats = (long)streams * channels * streamLength;
        int firstTileRow = range.FirstTile / tilesPerRow, endTileRow = (range.EndTile - 1) / tilesPerRow + 1;
        int bandTileRows = WinogradBlocking.BandTileRows(rowFloats, streams, ExtraRows, endTileRow - firstTileRow);
        int strip = WinogradBlocking.Strip(bandTileRows, tilesPerRow, columns, channels);
        var geometry = new WinogradGeometry(problem, range.Group, segment, columns, tilesPerRow, strip, streamLength, (nint)rowFloats);

        int transformedFloats = WinogradBlocking.Elements * WinogradBlocking.ElementStride(channels, geometry.Stride);
        int productFloats = ProductElements * WinogradBlocking.ElementStride(Block, geometry.Stride);
        float[] band = ArrayPool<float>.Shared.Rent(checked((int)(((long)streams * bandTileRows + ExtraRows) * rowFloats)));
        float[] transformed = ArrayPool<float>.Shared.Rent(transformedFloats);
        float[] products = ArrayPool<float>.Shared.Rent(productFloats);
        try
        {
            // The GEMM's last column block may take columns no tile of the strip wrote: cleared once, they are never NaN.
            transformed.AsSpan(0, transformedFloats).Clear();
            fixed (float* source = input)
            fixed (float* packed = band)
            fixed (float* v = transformed)
            fixed (float* m = products)
            fixed (float* results = output)
            {
                var buffers = new WinogradBuffers(packed, v, m, results);
                for (int first = firstTileRow; first < endTileRow; first += bandTileRows)
                {
                    int end = Math.Min(endTileRow, first + bandTileRows);
                    PackBand(source, problem, range.Group, streams * first, streams * (end - first) + ExtraRows, streamLength, packed);
                    // The range's tiles among the band's, counted from the band's first.
                    int bandStart = first * tilesPerRow;
                    int from = Math.Max(range.FirstTile, bandStart) - bandStart, to = Math.Min(range.EndTile, end * tilesPerRow) - bandStart;
                    for (int q = from; q < to; q += strip)
                    {
                        int last = Math.Min(to, q + strip);
                        switch (level)
                        {
                            case SimdLevel.Vector512: RunStrip<Simd512, GeneratedKernelSimd512, Vector512<float>, TActivation>(in geometry, in buffers, first, q, last, activation); break;
                            case SimdLevel.Vector256: RunStrip<Simd256, GeneratedKernelSimd256, Vector256<float>, TActivation>(in geometry, in buffers, first, q, last, activation); break;
                            case SimdLevel.Vector128: RunStrip<Simd128, GeneratedKernelSimd128, Vector128<float>, TActivation>(in geometry, in buffers, first, q, last, activation); break;
                            default: RunStrip<SimdScalar, SimdScalar, float, TActivation>(in geometry, in buffers, first, q, last, activation); break;
                        }
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(products);
            ArrayPool<float>.Shared.Return(transformed);
            ArrayPool<float>.Shared.Return(band);
        }
    }
}

/// <summary>What the strips of one range share.</summary>
internal readonly struct WinogradGeometry(ConvTranspose2dProblem problem, int group, int segment, int columns, int tilesPerRow,
    int strip, int streamLength, nint rowFloats)
{
    public ConvTranspose2dProblem Problem { get; } = problem;

    /// <summary>The group whose channels the range computes.</summary>
    public int Group { get; } = group;

    /// <summary>The tiles one input transform call covers (<see cref="WinogradBlocking.Segment"/>).</summary>
    public int Segment { get; } = segment;

    /// <summary>The tiles of one GEMM call (<see cref="WinogradBlocking.Columns"/>).</summary>
    public int Columns { get; } = columns;

    /// <summary>The tiles of a tile row.</summary>
    public int TilesPerRow { get; } = tilesPerRow;

    /// <summary>The tiles of a full strip: whole GEMM column blocks.</summary>
    public int Strip { get; } = strip;

    /// <summary>Floats between the rows of V and M: the strip and the segment a row's last call may run past it.</summary>
    public int Stride => Strip + Segment;

    /// <summary>The floats of each stream of a packed row: the tiles, a segment and one more.</summary>
    public int StreamLength { get; } = streamLength;

    /// <summary>Floats between packed rows: every channel's streams.</summary>
    public nint RowFloats { get; } = rowFloats;
}

/// <summary>The pinned buffers of one range: the packed band, the transformed input V, the products M and the image's output.</summary>
internal readonly unsafe struct WinogradBuffers(float* packed, float* transformed, float* products, float* output)
{
    public float* Packed { get; } = packed;
    public float* Transformed { get; } = transformed;
    public float* Products { get; } = products;
    public float* Output { get; } = output;
}
