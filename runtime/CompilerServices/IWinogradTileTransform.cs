using System;
using System.ComponentModel;

namespace TConvGen.CompilerServices;

/// <summary>
/// Building block for generated kernels: the weight, input and output transforms of Winograd's F(2x2, 3x3), which the
/// runtime's tile driver (kernel 3 x 3, stride 1, dilation 1, padding 0 to 2) runs: the weights' once per channel pair when
/// it prepares, the input's and the output's between its packing and its GEMM over channels. The runtime has its own
/// hand-written implementation (Lavin's matrices); a generated kernel emits one with the coefficients unrolled and passes it
/// to <see cref="GeneratedWinograd.PrepareTiles{TTransform}"/>. The driver calls <see cref="Input"/> and
/// <see cref="Output"/> on one vector of tiles per lane, with the width struct of the width it runs. The three members'
/// <c>G</c>, <c>B^T</c> and <c>A^T</c> must be one F(2, 3): <c>A^T [(G g) * (B^T d)]</c> is the correlation of
/// <c>d</c> with <c>g</c>. Not meant to be called by user code.
/// </summary>
/// <remarks>Loads and stores are unchecked, as in <see cref="IGeneratedKernelSimd{TVector}"/>: the driver guarantees that
/// every element they touch lies inside its own buffers.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IWinogradTileTransform
{
    /// <summary><c>U = G g G^T</c> of one (input, output) channel pair's kernel, in double: pure linear algebra, which the
    /// driver calls once per pair when it prepares, flipping the kernel first (the layer is a correlation with the flipped
    /// kernel) and rounding <paramref name="u"/> once to float as it packs it.</summary>
    /// <param name="g">The spatially flipped 3 x 3 kernel, <c>g[ky, kx] = W[ci, co, 2 - ky, 2 - kx]</c>, element
    /// <c>(ky, kx)</c> at <c>3 ky + kx</c>.</param>
    /// <param name="u">The 4 x 4 transformed kernel, element <c>(i, j)</c> at <c>4 i + j</c>.</param>
    static abstract void Weight(ReadOnlySpan<double> g, Span<double> u);

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
