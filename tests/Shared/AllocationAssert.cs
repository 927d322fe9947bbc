using System;
using Xunit;

namespace TConvGen.Tests.Shared;

/// <summary>Bounds what a call allocates on the calling thread, so that a kernel whose scratch grows with a stride or a
/// dilation fails rather than just running slowly. Kernels run on one thread (<c>maxDegreeOfParallelism: 1</c>) allocate
/// all their buffers there (rented arrays included, the first time a size is rented). (Compiled into each project that uses it.)</summary>
internal static class AllocationAssert
{
    /// <summary>The bound of the extreme-configuration tests: their outputs, inputs and weights are at most a few MB.</summary>
    public const long DefaultLimit = 64L << 20;

    /// <summary>Runs <paramref name="action"/> and fails if it allocated more than <paramref name="limit"/> bytes on this thread.</summary>
    public static void AtMost(Action action, string what, long limit = DefaultLimit)
    {
        ArgumentNullException.ThrowIfNull(action);
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated <= limit, $"{what}: allocated {allocated / 1048576.0:F1} MiB, more than {limit / 1048576.0:F0} MiB");
    }
}
