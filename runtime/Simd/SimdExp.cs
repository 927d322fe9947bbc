using System.Runtime.CompilerServices;

namespace TConvGen;

/// <summary>
/// <c>exp(x)</c> at every vector width, inlined where it is used (the vectorised <c>Exp</c> of <c>System.Runtime.Intrinsics</c>
/// is an out-of-line call that passes its vector through memory and is jitted, at every tier, like user code: until it
/// tiers up, a sigmoid layer at Vector256 ran 2-3 times slower than with it warm). Cephes' <c>expf</c>: <c>x = n ln 2 + r</c> with
/// <c>|r| &lt;= ln 2 / 2</c>, a degree-7 polynomial for <c>exp(r)</c> (within 2 ulp over the normal range), then <c>* 2^n</c>.
/// <c>x</c> is first clamped to [-104, 89], past both ends of the float range: <c>exp(-inf)</c> is 0, <c>exp(inf)</c> and
/// <c>exp(89)</c> are +inf, and NaN stays NaN (the clamps propagate it).
/// </summary>
internal static class SimdExp
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Exp<TSimd, TVector>(TVector value)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
    {
        var x = TSimd.Min(TSimd.Max(value, TSimd.Create(-104f)), TSimd.Create(89f));
        var n = TSimd.RoundToEven(TSimd.Multiply(x, TSimd.Create(1.44269504088896341f)));
        // ln 2 in two parts; the first has few bits, so n * it is exact and r loses nothing.
        var r = TSimd.MultiplyAdd(n, TSimd.Create(-0.693359375f), x);
        r = TSimd.MultiplyAdd(n, TSimd.Create(2.12194440e-4f), r);
        var p = TSimd.MultiplyAdd(TSimd.Create(1.9875691500e-4f), r, TSimd.Create(1.3981999507e-3f));
        p = TSimd.MultiplyAdd(p, r, TSimd.Create(8.3334519073e-3f));
        p = TSimd.MultiplyAdd(p, r, TSimd.Create(4.1665795894e-2f));
        p = TSimd.MultiplyAdd(p, r, TSimd.Create(1.6666665459e-1f));
        p = TSimd.MultiplyAdd(p, r, TSimd.Create(5.0000001201e-1f));
        p = TSimd.MultiplyAdd(p, TSimd.Multiply(r, r), TSimd.Add(r, TSimd.Create(1f)));
        return TSimd.ScaleByPowerOfTwo(p, n);
    }
}
