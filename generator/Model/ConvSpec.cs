namespace TConvGen.Generator.Model;

/// <summary>A validated configuration: every per-axis value resolved (each axis the runtime's <see cref="ConvAxis"/>),
/// channels 0 when decided at run time.</summary>
internal sealed record ConvSpec(ConvAxis Height, ConvAxis Width, int Groups, int InChannels, int OutChannels);
