using System;

namespace TConvGen;

/// <summary>Maps an algorithm choice to a kernel instance.</summary>
internal static class KernelFactory
{
    public static ConvTranspose2d Create(ConvTranspose2dOptions options, ConvTranspose2dAlgorithm algorithm) =>
        Create(options, algorithm, useVectors: true);

    /// <summary>As <see cref="Create(ConvTranspose2dOptions, ConvTranspose2dAlgorithm)"/>; <paramref name="useVectors"/> false
    /// forces the portable scalar code of the fast kernels (the tests use it to cover that path on SIMD hardware); true runs
    /// each kernel's widest body this machine runs (its portable code where it has none).</summary>
    internal static ConvTranspose2d Create(ConvTranspose2dOptions options, ConvTranspose2dAlgorithm algorithm, bool useVectors)
    {
        ArgumentNullException.ThrowIfNull(options);
        return algorithm switch
        {
            ConvTranspose2dAlgorithm.Auto => new AutoConvTranspose2d(options, useVectors),
            ConvTranspose2dAlgorithm.Reference => new ReferenceConvTranspose2d(options),
            ConvTranspose2dAlgorithm.GemmCol2Im => new GemmCol2ImConvTranspose2d(options, useVectors),
            ConvTranspose2dAlgorithm.PhaseDirect => new PhaseDirectConvTranspose2d(options, useVectors),
            ConvTranspose2dAlgorithm.ChannelVectorized => new ChannelVectorizedConvTranspose2d(options, SimdPath.Best(useVectors)),
            ConvTranspose2dAlgorithm.PatchScatter => new PatchScatterConvTranspose2d(options, SimdPath.Best(useVectors)),
            ConvTranspose2dAlgorithm.OneTap => new OneTapConvTranspose2d(options, useVectors ? SimdLevel.Vector512 : SimdLevel.Portable),
            ConvTranspose2dAlgorithm.Winograd => new WinogradConvTranspose2d(options, SimdPath.Best(useVectors)),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm,
                $"algorithm must be one of {string.Join(", ", Enum.GetNames<ConvTranspose2dAlgorithm>())}, but got {algorithm}."),
        };
    }
}
