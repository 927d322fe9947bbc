using System;
using System.Runtime.InteropServices;

namespace TConvGen.Bench.Implementations;

/// <summary>
/// glibc's malloc serves blocks above its mmap threshold with fresh mappings and trims freed memory eagerly, so a
/// library that allocates a multi-MB output per call (libtorch) page-faults it anew every call (2-3x slower).
/// Raising both thresholds at start-up gives libtorch its best case. Linux only; elsewhere nothing is changed.
/// </summary>
internal static partial class MallocTuning
{
    private const int TrimThreshold = -1; // M_TRIM_THRESHOLD
    private const int MmapThreshold = -3; // M_MMAP_THRESHOLD

    public static string Apply()
    {
        if (!OperatingSystem.IsLinux())
            return "malloc thresholds unchanged (not Linux)";
        // 32 MiB is glibc's largest mmap threshold on 64-bit; every suite output is smaller.
        bool ok = mallopt(MmapThreshold, 32 << 20) == 1 & mallopt(TrimThreshold, 512 << 20) == 1;
        return ok ? "glibc mallopt: M_MMAP_THRESHOLD = 32 MiB, M_TRIM_THRESHOLD = 512 MiB" : "glibc mallopt refused the thresholds";
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int mallopt(int parameter, int value);
}
