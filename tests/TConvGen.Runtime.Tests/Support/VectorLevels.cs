using System.Collections.Generic;
using System.Linq;

namespace TConvGen.Runtime.Tests.Support;

/// <summary>The widths the width-generic kernels (all but the reference) can be forced to on this machine.</summary>
internal static class VectorLevels
{
    /// <summary>Every vector width this machine runs.</summary>
    public static IEnumerable<SimdLevel> Running =>
        new[] { SimdLevel.Vector512, SimdLevel.Vector256, SimdLevel.Vector128 }.Where(SimdPath.Runs);

    /// <summary>Every vector width this machine runs but the one the kernels run by default (which the factory already gives).</summary>
    public static IEnumerable<SimdLevel> Forced => Running.Where(level => level != SimdPath.Preferred);
}
