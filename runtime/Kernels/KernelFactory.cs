using System;

namespace TConvGen;

/// <summary>Maps an algorithm choice to a kernel instance.</summary>
internal static class KernelFactory
{
    public static ConvTranspose2d Create(ConvTranspose2dOptions options, ConvTranspose2dAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(options);
        return algorithm switch
        {
            ConvTranspose2dAlgorithm.Auto => new ReferenceConvTranspose2d(options),
            ConvTranspose2dAlgorithm.Reference => new ReferenceConvTranspose2d(options),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm,
                $"algorithm must be one of {string.Join(", ", Enum.GetNames<ConvTranspose2dAlgorithm>())}, but got {algorithm}."),
        };
    }
}
