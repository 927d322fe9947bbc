namespace TConvGen;

/// <summary>The algorithms behind <see cref="ConvTranspose2d.Create(ConvTranspose2dOptions, ConvTranspose2dAlgorithm)"/>.</summary>
public enum ConvTranspose2dAlgorithm
{
    /// <summary>The fastest algorithm this library has for the configuration and channel counts (chosen at <c>Prepare</c>).</summary>
    Auto = 0,

    /// <summary>The scalar scatter loop of the definition, accumulated in double precision: slow, obviously correct, the oracle of the tests.</summary>
    Reference = 1,
}
