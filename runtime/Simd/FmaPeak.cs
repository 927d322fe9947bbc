using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TConvGen;

/// <summary>
/// The throughput of this core's fused multiply-adds at Vector512 against Vector256, measured, because AVX-512 hosts
/// differ and no CPUID bit tells: cores with full-width 512-bit units run a Vector512 FMA as fast as a Vector256 one (twice
/// the floating-point operations: Zen 5, 217 against 110 GFLOP/s on one earlier host), cores that split it in two take twice as
/// long (the same operations: Zen 4, and 117 against 117 on another earlier host).
/// </summary>
internal static class FmaPeak
{
    /// <summary>Multiply-adds per chain and timed call: about 30 us at Vector256.</summary>
    private const int Iterations = 1 << 14;

    /// <summary>Timed calls per width; the fastest counts (a call that was preempted or met a frequency change is slower).</summary>
    private const int Rounds = 5;

    /// <summary>Vector512's floating-point operations per second over Vector256's on one core (about 2 or about 1); 0 where
    /// Vector512 does not run.</summary>
    public static double Vector512Speedup => Measured.Speedup;

    private static class Measured
    {
        public static readonly double Speedup = SimdPath.IsVector512Supported ? Measure() : 0;
    }

    private static double Measure()
    {
        // Both loops are compiled fully optimised on their first call (no tier 0); the untimed calls also wake the units.
        Chains256(Iterations / 16);
        Chains512(Iterations / 16);
        long best256 = long.MaxValue, best512 = long.MaxValue;
        for (int round = 0; round < Rounds; round++)
        {
            long start = Stopwatch.GetTimestamp();
            Chains256(Iterations);
            best256 = Math.Min(best256, Stopwatch.GetTimestamp() - start);
            start = Stopwatch.GetTimestamp();
            Chains512(Iterations);
            best512 = Math.Min(best512, Stopwatch.GetTimestamp() - start);
        }
        // Both loops run the same number of instructions; a Vector512 one does twice the work.
        return 2.0 * best256 / Math.Max(1, best512);
    }

    /// <summary>Twelve independent FMA chains (more than latency x units on any current core), all in registers.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Chains256(int iterations)
    {
        var m = Vector256.Create(0.999f);
        var c = Vector256.Create(0.001f);
        Vector256<float> a0 = Vector256.Create(1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (int i = 0; i < iterations; i++)
        {
            a0 = Fma.MultiplyAdd(a0, m, c); a1 = Fma.MultiplyAdd(a1, m, c); a2 = Fma.MultiplyAdd(a2, m, c); a3 = Fma.MultiplyAdd(a3, m, c);
            a4 = Fma.MultiplyAdd(a4, m, c); a5 = Fma.MultiplyAdd(a5, m, c); a6 = Fma.MultiplyAdd(a6, m, c); a7 = Fma.MultiplyAdd(a7, m, c);
            a8 = Fma.MultiplyAdd(a8, m, c); a9 = Fma.MultiplyAdd(a9, m, c); a10 = Fma.MultiplyAdd(a10, m, c); a11 = Fma.MultiplyAdd(a11, m, c);
        }
        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    /// <inheritdoc cref="Chains256"/>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Chains512(int iterations)
    {
        var m = Vector512.Create(0.999f);
        var c = Vector512.Create(0.001f);
        Vector512<float> a0 = Vector512.Create(1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (int i = 0; i < iterations; i++)
        {
            a0 = Avx512F.FusedMultiplyAdd(a0, m, c); a1 = Avx512F.FusedMultiplyAdd(a1, m, c); a2 = Avx512F.FusedMultiplyAdd(a2, m, c);
            a3 = Avx512F.FusedMultiplyAdd(a3, m, c); a4 = Avx512F.FusedMultiplyAdd(a4, m, c); a5 = Avx512F.FusedMultiplyAdd(a5, m, c);
            a6 = Avx512F.FusedMultiplyAdd(a6, m, c); a7 = Avx512F.FusedMultiplyAdd(a7, m, c); a8 = Avx512F.FusedMultiplyAdd(a8, m, c);
            a9 = Avx512F.FusedMultiplyAdd(a9, m, c); a10 = Avx512F.FusedMultiplyAdd(a10, m, c); a11 = Avx512F.FusedMultiplyAdd(a11, m, c);
        }
        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }
}
