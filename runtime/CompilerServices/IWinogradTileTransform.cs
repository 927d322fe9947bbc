using System.ComponentModel;

namespace TConvGen.CompilerServices;

/// <summary>
/// Building block for generated kernels: the input and output transforms of Winograd's F(2x2, 3x3), which the runtime's
/// tile driver (kernel 3 x 3, stride 1, dilation 1, padding 0 to 2) runs between its packing and its GEMM over channels. The
/// runtime has its own hand-written implementation; a generated kernel emits one with the coefficients unrolled and passes
/// it to <see cref="GeneratedWinograd.PrepareTiles{TTransform}"/>. The driver calls both members on one vector of tiles per
/// lane, with the width struct of the width it runs. The transformed weights are the runtime's: <c>U = G g G^T</c> with
/// Lavin's <c>G = [1 0 0; 1/2 1/2 1/2; 1/2 -1/2 1/2; 0 0 1]</c> and <c>g</c> the spatially flipped kernel, element
/// <c>(i, j)</c> at <c>4 i + j</c>, so an implementation must use Lavin's <c>B^T</c> and <c>A^T</c> up to the sign of the
/// point at infinity's row and column. Not meant to be called by user code.
/// </summary>
/// <remarks>Loads and stores are unchecked, as in <see cref="IGeneratedKernelSimd{TVector}"/>: the driver guarantees that
/// every element they touch lies inside its own buffers.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IWinogradTileTransform
{
    /// <summary><c>V = B^T d B</c> for <paramref name="tiles"/> consecutive tiles (a multiple of the lanes) of one channel. Tile
    /// <c>t</c> reads padded columns <c>2t .. 2t+3</c> of four padded rows, stored split into even columns <c>E[j] = x[2j]</c>
    /// and odd columns <c>O[j] = x[2j+1]</c>: its columns are <c>E[t], O[t], E[t+1], O[t+1]</c>.</summary>
    /// <param name="even">Padded row 0's even columns at the first tile; odd columns are <paramref name="odd"/> floats on, and
    /// rows 1 to 3 are <paramref name="rowStride"/> floats apart.</param>
    /// <param name="rowStride">Floats between padded rows.</param>
    /// <param name="odd">Floats from a row's even columns to its odd ones.</param>
    /// <param name="tiles">Tiles to transform.</param>
    /// <param name="v">Element 0 of the first tile; element <c>e</c> is <paramref name="elementStride"/> * e floats on.</param>
    /// <param name="elementStride">Floats between elements.</param>
    static abstract void Input<TSimd, TVector>(ref float even, nint rowStride, nint odd, int tiles, ref float v, nint elementStride)
        where TSimd : struct, IGeneratedKernelSimd<TVector>
        where TVector : struct;

    /// <summary><c>Y = activation(A^T m A + bias)</c> for one vector of tiles of one output channel, stored as two output rows of
    /// <c>2 * Count</c> columns each (the tiles' two columns interleaved).</summary>
    /// <param name="m">Element 0 of the first tile; element <c>e</c> is <paramref name="elementStride"/> * e floats on.</param>
    /// <param name="elementStride">Floats between elements.</param>
    /// <param name="bias">The channel's bias.</param>
    /// <param name="row0">Where output row 0's <c>2 * Count</c> columns go.</param>
    /// <param name="row1">Where output row 1's go.</param>
    /// <param name="activation">The activation of every output.</param>
    static abstract void Output<TSimd, TVector, TActivation>(ref float m, nint elementStride, ref float bias, ref float row0, ref float row1, TActivation activation)
        where TSimd : struct, IGeneratedKernelSimd<TVector>
        where TVector : struct
        where TActivation : struct, IActivationFunction;
}
