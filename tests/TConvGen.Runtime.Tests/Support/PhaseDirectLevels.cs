using System.Collections.Generic;
using System.Linq;

namespace TConvGen.Runtime.Tests.Support;

/// <summary>The widths PhaseDirect can be forced to on this machine.</summary>
internal static class PhaseDirectLevels
{
    /// <summary>Every vector width this machine runs.</summary>
    public static IEnumerable<SimdLevel> Vector =>
        new[] { SimdLevel.Vector512, SimdLevel.Vector256, SimdLevel.Vector128 }.Where(SimdPath.Runs);

    /// <summary>Every vector width this machine runs but the one PhaseDirect runs by default (which the factory already gives).</summary>
    public static IEnumerable<SimdLevel> Forced => Vector.Where(level => level != SimdPath.Preferred);
}
