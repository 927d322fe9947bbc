using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace TConvGen.Bench.Measurement;

/// <summary>The machine's one-core ceilings, measured: FMA throughput with independent chains, and copy bandwidth.</summary>
internal sealed record MachinePeaks(double Vector256GFlops, double Vector512GFlops, bool Vector512Accelerated, double CopyGBytesPerSecond)
{
    private const int Repeats = 5;

    public static MachinePeaks Measure() => new(
        BestOf(() => FmaPeak256(20_000_000)),
        Vector512.IsHardwareAccelerated ? BestOf(() => FmaPeak512(20_000_000)) : 0,
        Vector512.IsHardwareAccelerated,
        BestOf(CopyBandwidth));

    private static double BestOf(Func<double> measure)
    {
        double best = 0;
        for (int i = 0; i < Repeats; i++)
            best = Math.Max(best, measure());
        return best;
    }

    /// <summary>Times <see cref="FmaChains256"/>: 12 chains x 8 lanes x 2 FLOPs per iteration.</summary>
    private static double FmaPeak256(int iterations)
    {
        long start = Stopwatch.GetTimestamp();
        Keep(FmaChains256(iterations));
        return 2.0 * 8 * 12 * iterations / Stopwatch.GetElapsedTime(start).TotalSeconds / 1e9;
    }

    /// <summary>Times <see cref="FmaChains512"/>: 12 chains x 16 lanes x 2 FLOPs per iteration.</summary>
    private static double FmaPeak512(int iterations)
    {
        long start = Stopwatch.GetTimestamp();
        Keep(FmaChains512(iterations));
        return 2.0 * 16 * 12 * iterations / Stopwatch.GetElapsedTime(start).TotalSeconds / 1e9;
    }

    // The loops sit in methods of their own, with no call inside: a call (such as reading the timer) in the same
    // method makes the JIT keep the chains on the stack, and the loop then measures stores, not FMAs.

    /// <summary>12 independent FMA chains: enough to cover FMA latency x throughput, so the loop runs at the FMA ports' peak.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float FmaChains256(int iterations)
    {
        var m = Vector256.Create(0.999999f);
        var a = Vector256.Create(1e-7f);
        Vector256<float> c0 = m, c1 = m, c2 = m, c3 = m, c4 = m, c5 = m, c6 = m, c7 = m, c8 = m, c9 = m, c10 = m, c11 = m;
        for (int i = 0; i < iterations; i++)
        {
            c0 = Vector256.FusedMultiplyAdd(c0, m, a); c1 = Vector256.FusedMultiplyAdd(c1, m, a);
            c2 = Vector256.FusedMultiplyAdd(c2, m, a); c3 = Vector256.FusedMultiplyAdd(c3, m, a);
            c4 = Vector256.FusedMultiplyAdd(c4, m, a); c5 = Vector256.FusedMultiplyAdd(c5, m, a);
            c6 = Vector256.FusedMultiplyAdd(c6, m, a); c7 = Vector256.FusedMultiplyAdd(c7, m, a);
            c8 = Vector256.FusedMultiplyAdd(c8, m, a); c9 = Vector256.FusedMultiplyAdd(c9, m, a);
            c10 = Vector256.FusedMultiplyAdd(c10, m, a); c11 = Vector256.FusedMultiplyAdd(c11, m, a);
        }
        return (c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11).GetElement(0);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float FmaChains512(int iterations)
    {
        var m = Vector512.Create(0.999999f);
        var a = Vector512.Create(1e-7f);
        Vector512<float> c0 = m, c1 = m, c2 = m, c3 = m, c4 = m, c5 = m, c6 = m, c7 = m, c8 = m, c9 = m, c10 = m, c11 = m;
        for (int i = 0; i < iterations; i++)
        {
            c0 = Vector512.FusedMultiplyAdd(c0, m, a); c1 = Vector512.FusedMultiplyAdd(c1, m, a);
            c2 = Vector512.FusedMultiplyAdd(c2, m, a); c3 = Vector512.FusedMultiplyAdd(c3, m, a);
            c4 = Vector512.FusedMultiplyAdd(c4, m, a); c5 = Vector512.FusedMultiplyAdd(c5, m, a);
            c6 = Vector512.FusedMultiplyAdd(c6, m, a); c7 = Vector512.FusedMultiplyAdd(c7, m, a);
            c8 = Vector512.FusedMultiplyAdd(c8, m, a); c9 = Vector512.FusedMultiplyAdd(c9, m, a);
            c10 = Vector512.FusedMultiplyAdd(c10, m, a); c11 = Vector512.FusedMultiplyAdd(c11, m, a);
        }
        return (c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11).GetElement(0);
    }

    /// <summary>Copies a 256 MiB buffer (far beyond the caches) and counts the bytes read and written.</summary>
    private static double CopyBandwidth()
    {
        const int length = 64 << 20;
        var source = s_source ??= new float[length];
        var target = s_target ??= new float[length];
        source.AsSpan().CopyTo(target); // touch both buffers first
        long start = Stopwatch.GetTimestamp();
        source.AsSpan().CopyTo(target);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return 2.0 * length * sizeof(float) / seconds / 1e9;
    }

    private static float[]? s_source;
    private static float[]? s_target;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Keep(float value) => GC.KeepAlive(value);
}
