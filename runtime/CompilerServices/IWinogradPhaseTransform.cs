using System;
using System.ComponentModel;

namespace TConvGen.CompilerServices;

/// <summary>
/// Building block for generated kernels: the weight, input and output transforms of Winograd's F(3x3, 2x2) on the four
/// phases of a kernel 4 x 4, stride 2, padding 1 layer, which share one 4 x 4 input tile; the runtime's phase-tile driver
/// runs the weights' once per channel pair and phase when it prepares, the input's and the output's between its packing and
/// its GEMMs over channels. The runtime has its own hand-written implementation (points 0, 1, -1 and infinity); a generated
/// kernel emits one with the coefficients unrolled and passes it to
/// <see cref="GeneratedWinograd.PreparePhaseTiles{TTransform}"/>. The driver calls <see cref="Input"/> and
/// <see cref="Output"/> on one vector of tiles per lane, with the width struct of the width it runs. The three members'
/// <c>G</c>, <c>B^T</c> and <c>A^T</c> must be one F(3, 2): <c>A^T [(G g) * (B^T d)]</c> is the correlation of
/// <c>d</c> with <c>g</c>. Not meant to be called by user code.
/// </summary>
/// <remarks>Loads and stores are unchecked, as in <see cref="IGeneratedKernelSimd{TVector}"/>: the driver guarantees that
/// every element they touch lies inside its own buffers.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IWinogradPhaseTransform
{
    /// <summary><c>U = G g G^T</c> of one phase's kernel of one (input, output) channel pair, in double: pure linear algebra,
    /// which the driver calls once per pair and phase when it prepares, taking the phase's taps from the kernel first and
    /// rounding <paramref name="u"/> once to float as it packs it.</summary>
    /// <param name="g">The phase's 2 x 2 kernel, <c>g[ty, tx]</c> the tap that meets window element <c>(ty, tx)</c>, at
    /// <c>2 ty + tx</c>.</param>
    /// <param name="u">The 4 x 4 transformed kernel, element <c>(i, j)</c> at <c>4 i + j</c>.</param>
    static abstract void Weight(ReadOnlySpan<double> g, Span<double> u);

    /// <summary><c>V = B^T d B</c> for <paramref name="tiles"/> consecutive tiles (a multiple of the lanes) of one channel. Tile
    /// <c>t</c> reads padded columns <c>3t .. 3t+3</c> of four padded rows, stored split by their remainder mod 3,
    /// <c>S_k[j] = x[3j + k]</c>: its columns are <c>S_0[t], S_1[t], S_2[t], S_0[t+1]</c>.</summary>
    /// <param name="first">Padded row 0's <c>S_0</c> at the first tile; <c>S_1</c> and <c>S_2</c> are <paramref name="third"/>
    /// and twice that floats on, and rows 1 to 3 are <paramref name="rowStride"/> floats apart.</param>
    /// <param name="rowStride">Floats between padded rows.</param>
    /// <param name="third">Floats between a row's streams.</param>
    /// <param name="tiles">Tiles to transform.</param>
    /// <param name="v">Element 0 of the first tile; element <c>e</c> is <paramref name="elementStride"/> * e floats on.</param>
    /// <param name="elementStride">Floats between elements.</param>
    static abstract void Input<TSimd, TVector>(ref float first, nint rowStride, nint third, int tiles, ref float v, nint elementStride)
        where TSimd : struct, IGeneratedKernelSimd<TVector>
        where TVector : struct;

    /// <summary><c>Y = activation(A^T m A + bias)</c> of the four phases <c>ph = 2 ry + rx</c> for one vector of tiles of one
    /// output channel, into <paramref name="scratch"/> as <c>[row 0..5][column 0..5][lane]</c>: the tile's six output rows and
    /// columns, where phase <c>ph</c>'s output <c>(a, c)</c> is row <c>2a + 1 - ry</c>, column <c>2c + 1 - rx</c>.</summary>
    /// <param name="m">Phase 0's element 0 of the first tile; element <c>e</c> is <paramref name="elementStride"/> * e floats
    /// on, phase <c>ph</c> <paramref name="phaseStride"/> * ph.</param>
    /// <param name="elementStride">Floats between elements.</param>
    /// <param name="phaseStride">Floats between phases.</param>
    /// <param name="bias">The channel's bias.</param>
    /// <param name="scratch">36 vectors.</param>
    /// <param name="activation">The activation of every output.</param>
    static abstract void Output<TSimd, TVector, TActivation>(ref float m, nint elementStride, nint phaseStride, ref float bias, ref float scratch, TActivation activation)
        where TSimd : struct, IGeneratedKernelSimd<TVector>
        where TVector : struct
        where TActivation : struct, IActivationFunction;
}
