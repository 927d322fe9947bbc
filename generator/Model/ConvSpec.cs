namespace TConvGen.Generator.Model;

/// <summary>A validated configuration: every per-axis value resolved (each axis the runtime's <see cref="ConvAxis"/>),
/// channels 0 when decided at run time, and the activation the stores apply with its slope (LeakyReLU's; the default
/// when not written).</summary>
internal sealed record ConvSpec(ConvAxis Height, ConvAxis Width, int Groups, int InChannels, int OutChannels,
    ConvTransposeActivation Activation = ConvTransposeActivation.None, float ActivationSlope = ConvTranspose2dRules.DefaultActivationSlope);
