using System.Linq;
using TConvGen.Generator.Model;

namespace TConvGen.Generator.Planning;

/// <summary>Spec -> <see cref="WinogradPlan"/>, or null where the runtime has no Winograd tiling for it (the axes are the
/// runtime's <see cref="WinogradAxes"/>, linked). Pure.</summary>
internal static class WinogradPlanner
{
    /// <summary>The points of both tilings, as the runtime's transforms and weights use them (infinity the fourth).</summary>
    private static readonly Rational[] Points = { 0, 1, -1 };

    public static WinogradPlan? Plan(ConvSpec spec)
    {
        if (WinogradAxes.IsTileAxis(spec.Height) && WinogradAxes.IsTileAxis(spec.Width))
            // Lavin's F(2, 3), whose B^T and A^T take the point at infinity with the sign -1.
            return For(WinogradTiling.Tiles, outputs: 2, taps: 3, infinitySign: -1);
        if (WinogradAxes.IsPhaseAxis(spec.Height) && WinogradAxes.IsPhaseAxis(spec.Width))
            return For(WinogradTiling.PhaseTiles, outputs: 3, taps: 2, infinitySign: 1);
        return null;
    }

    private static WinogradPlan For(WinogradTiling tiling, int outputs, int taps, int infinitySign) =>
        new(tiling, outputs, taps, string.Join(", ", Points.Select(point => point.ToString())), CookToom.Derive(outputs, taps, Points, infinitySign));
}
