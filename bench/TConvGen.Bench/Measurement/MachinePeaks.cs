using System;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TConvGen.Bench.Measurement;

/// <summary>The machine's one-core ceilings, measured at every width the JIT accelerates in this process (null where it
/// does not): multiply-add throughput with independent chains, and copy bandwidth.</summary>
/// <param name="Vector128GFlops">Vector128 multiply-adds as TConvGen's Vector128 code runs them (<c>MultiplyAddEstimate</c>:
/// fused where FMA is present, a multiply and an add where it is not, e.g. under <c>DOTNET_EnableAVX2=0</c>).</param>
internal sealed record MachinePeaks(double? Vector128GFlops, bool Vector128Fused, double? Vector256GFlops, double? Vector512GFlops, double CopyGBytesPerSecond)
{
    private const int Repeats = 5;

    private const int Iterations = 20_000_000;

    public static MachinePeaks Measure() => new(
        Vector128.IsHardwareAccelerated ? BestOf(() => Peak(FmaChains128, Iterations, 4)) : null,
        Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported,
        Vector256.IsHardwareAccelerated ? BestOf(() => Peak(FmaChains256, Iterations, 8)) : null,
        Vector512.IsHardwareAccelerated ? BestOf(() => Peak(FmaChains512, Iterations, 16)) : null,
        BestOf(CopyBandwidth));

    /// <summary>The better of two measurements, figure by figure: on a shared machine one measurement can fall in a busy
    /// moment and understate the peak (a kernel would then seem to run above it).</summary>
    public MachinePeaks Best(MachinePeaks other) => new(
        Max(Vector128GFlops, other.Vector128GFlops), Vector128Fused, Max(Vector256GFlops, other.Vector256GFlops),
        Max(Vector512GFlops, other.Vector512GFlops), Math.Max(CopyGBytesPerSecond, other.CopyGBytesPerSecond));

    private static double? Max(double? a, double? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    /// <summary>The peak of the widest width measured here: what this process's kernels can reach at most.</summary>
    public double WidestGFlops => Vector512GFlops ?? Vector256GFlops ?? Vector128GFlops ?? 0;

    /// <summary>e.g. <c>Measured one-core peaks: Vector128 multiply-add (fused) 55.0 GFLOP/s, ...; copy bandwidth 85.0 GB/s.</c></summary>
    public override string ToString()
    {
        static string Format(string name, double? gflops) =>
            gflops is { } value ? string.Format(CultureInfo.InvariantCulture, "{0} {1:0.0} GFLOP/s", name, value) : name + " not accelerated";
        return "Measured one-core peaks: " + string.Join(", ",
                Format($"Vector128 multiply-add ({(Vector128Fused ? "fused" : "multiply + add, no FMA")})", Vector128GFlops),
                Format("Vector256 FMA", Vector256GFlops),
                Format("Vector512 FMA", Vector512GFlops))
            + string.Format(CultureInfo.InvariantCulture, "; copy bandwidth {0:0.0} GB/s.", CopyGBytesPerSecond);
    }

    private static double BestOf(Func<double> measure)
    {
        double best = 0;
        for (int i = 0; i < Repeats; i++)
            best = Math.Max(best, measure());
        return best;
    }

    /// <summary>Times one of the chain loops: 12 chains x <paramref name="lanes"/> x 2 FLOPs per iteration.</summary>
    private static double Peak(Func<int, float> chains, int iterations, int lanes)
    {
        long start = Stopwatch.GetTimestamp();
        Keep(chains(iterations));
        return 2.0 * lanes * 12 * iterations / Stopwatch.GetElapsedTime(start).TotalSeconds / 1e9;
    }

    // The loops sit in methods of their own, with no call inside: a call (such as reading the timer) in the same
    // method makes the JIT keep the chains on the stack, and the loop then measures stores, not FMAs.

    /// <summary>12 independent FMA chains: enough to cover FMA latency x throughput, so the loop runs at the FMA ports' peak.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float FmaChains128(int iterations)
    {
        var m = Vector128.Create(0.999999f);
        var a = Vector128.Create(1e-7f);
        Vector128<float> c0 = m, c1 = m, c2 = m, c3 = m, c4 = m, c5 = m, c6 = m, c7 = m, c8 = m, c9 = m, c10 = m, c11 = m;
        for (int i = 0; i < iterations; i++)
        {
            c0 = Vector128.MultiplyAddEstimate(c0, m, a); c1 = Vector128.MultiplyAddEstimate(c1, m, a);
            c2 = Vector128.MultiplyAddEstimate(c2, m, a); c3 = Vector128.MultiplyAddEstimate(c3, m, a);
            c4 = Vector128.MultiplyAddEstimate(c4, m, a); c5 = Vector128.MultiplyAddEstimate(c5, m, a);
            c6 = Vector128.MultiplyAddEstimate(c6, m, a); c7 = Vector128.MultiplyAddEstimate(c7, m, a);
            c8 = Vector128.MultiplyAddEstimate(c8, m, a); c9 = Vector128.MultiplyAddEstimate(c9, m, a);
            c10 = Vector128.MultiplyAddEstimate(c10, m, a); c11 = Vector128.MultiplyAddEstimate(c11, m, a);
        }
        return (c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11).GetElement(0);
    }

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
