namespace TConvGen.Generator.Model;

/// <summary>What the pipeline carries for one attributed method: where to emit, what to emit (null when the
/// attribute is invalid), and the diagnostics found. Only equatable values, so unchanged methods stay cached.</summary>
internal sealed record GenerationModel(MethodTarget? Target, ConvSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
