using System;
using System.ComponentModel;

namespace TConvGen;

/// <summary>
/// Building block for prepared kernels (the dynamic ones and the generated ones): the base class splits each run
/// into independent output tiles (<see cref="ConvTranspose2dTile"/>) and runs them on up to the allowed number of
/// threads; the derived kernel computes one tile.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class TiledPreparedConvTranspose2d : PreparedConvTranspose2d
{
    /// <summary>Records what the weights were packed for and how tiles should be cut.</summary>
    /// <param name="kernel">The kernel that packed the weights.</param>
    /// <param name="inChannels">Cin.</param>
    /// <param name="outChannels">Cout.</param>
    /// <param name="outChannelBlock">Tiles hold multiples of this many output channels (the register block), but at a group's end.</param>
    /// <param name="rowAlignment">Tiles start at output rows that are multiples of this.</param>
    protected TiledPreparedConvTranspose2d(ConvTranspose2d kernel, int inChannels, int outChannels, int outChannelBlock, int rowAlignment)
        : base(kernel, inChannels, outChannels)
    {
        OutChannelBlock = Math.Max(1, outChannelBlock);
        RowAlignment = Math.Max(1, rowAlignment);
    }

    /// <summary>Tiles hold multiples of this many output channels, but at a group's end.</summary>
    protected int OutChannelBlock { get; }

    /// <summary>Tiles start at output rows that are multiples of this.</summary>
    protected int RowAlignment { get; }

    /// <summary>The run's work on one core in the units of <see cref="TilePartitioner.EstimatedWork"/>, which decides whether it
    /// is split over threads; a kernel whose rate differs much from the FMA-bound kernels' says so here.</summary>
    private protected virtual long EstimatedWork(ConvTranspose2dProblem problem) => TilePartitioner.EstimatedWork(problem);

    /// <summary>Whether <see cref="RunTile"/> applies the options' activation itself, in its stores. When false (the default),
    /// the base class applies it to each tile right after <see cref="RunTile"/>, while the tile is in cache.</summary>
    protected virtual bool AppliesActivation => false;

    /// <summary>Computes every output of <paramref name="tile"/>, bias included, and writes nothing else; with the
    /// activation too when <see cref="AppliesActivation"/>.</summary>
    /// <param name="input">The input of image <c>tile.Image</c>: <c>(Cin, Hin, Win)</c>.</param>
    /// <param name="output">The output of image <c>tile.Image</c>: <c>(Cout, Hout, Wout)</c>.</param>
    /// <param name="problem">The validated problem.</param>
    /// <param name="tile">The block to compute.</param>
    protected abstract void RunTile(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, ConvTranspose2dTile tile);

    /// <inheritdoc />
    protected internal sealed override void RunCore(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, int maxDegreeOfParallelism)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var tiles = TilePartitioner.Partition(problem, maxDegreeOfParallelism, OutChannelBlock, RowAlignment, EstimatedWork(problem));
        ImagePieces.Run(input, output, problem, tiles, static tile => tile.Image, maxDegreeOfParallelism, RunActivatedTile);
    }

    private void RunActivatedTile(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, ConvTranspose2dTile tile)
    {
        RunTile(input, output, problem, tile);
        if (!AppliesActivation)
            ActivationPass.Apply(output, problem, tile, SimdPath.Preferred);
    }
}
