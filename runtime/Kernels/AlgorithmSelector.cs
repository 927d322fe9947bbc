namespace TConvGen;

/// <summary>The rule behind <see cref="ConvTranspose2dAlgorithm.Auto"/>, from measurements (see the kernels' report).</summary>
internal static class AlgorithmSelector
{
    /// <summary>The algorithm Auto runs for a configuration and its channel counts.</summary>
    public static ConvTranspose2dAlgorithm Choose(ConvTranspose2dOptions options, int inChannels, int outChannels) =>
        ConvTranspose2dAlgorithm.PhaseDirect;
}
