using System;

namespace TConvGen;

/// <summary>What the drivers of the two Winograd tilings (<see cref="WinogradTiles{TTransform}"/>,
/// <see cref="WinogradPhaseTiles{TTransform}"/>) share: the width and register block they run, and each run cut into ranges
/// of tiles (<see cref="WinogradTileRange"/>) computed on up to the allowed threads.</summary>
internal abstract class WinogradDriver : PreparedConvTranspose2d
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

    /// <summary>The grid of Winograd tiles over one image's output: tiles per tile row, and tile rows.</summary>
    private protected abstract (int TilesPerRow, int TileRows) Grid(ConvTranspose2dProblem problem);

    /// <summary>Computes every output of the range's tiles, for all the group's output channels, bias and activation included,
    /// and writes nothing else.</summary>
    /// <param name="input">The input of image <c>range.Image</c>: <c>(Cin, Hin, Win)</c>.</param>
    /// <param name="output">The output of image <c>range.Image</c>: <c>(Cout, Hout, Wout)</c>.</param>
    /// <param name="problem">The validated problem.</param>
    /// <param name="range">The tiles to compute.</param>
    private protected abstract void RunRange(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, WinogradTileRange range);

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
}
