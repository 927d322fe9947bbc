namespace TConvGen.Generator.Planning;

/// <summary>The runtime's two Winograd tilings, each with its driver (and its CompilerServices interface).</summary>
internal enum WinogradTiling
{
    /// <summary>F(2x2, 3x3) over the zero-padded input of a k3 s1 layer (<c>IWinogradTileTransform</c>).</summary>
    Tiles,

    /// <summary>F(3x3, 2x2) on the four phases of a k4 s2 p1 layer, sharing one input tile (<c>IWinogradPhaseTransform</c>).</summary>
    PhaseTiles,
}

/// <summary>The Winograd transforms a generated kernel emits for the layers Auto gives to Winograd.</summary>
/// <param name="Tiling">Which driver runs them.</param>
/// <param name="Outputs">m: outputs per tile and axis (per phase for the phase tiles).</param>
/// <param name="Taps">r: kernel taps per axis (of each phase).</param>
/// <param name="Points">The finite interpolation points, as text for the comments, e.g. <c>0, 1, -1</c>.</param>
/// <param name="Matrices">B^T, G and A^T.</param>
internal sealed record WinogradPlan(WinogradTiling Tiling, int Outputs, int Taps, string Points, WinogradMatrices Matrices)
{
    /// <summary>Inputs per tile and axis: <c>m + r - 1</c>.</summary>
    public int Inputs => Outputs + Taps - 1;
}
