using TConvGen.Generator.Model;

namespace TConvGen.Generator.Parsing;

/// <summary>One rule an attribute breaks: the diagnostic, the argument to point at, and the message arguments.</summary>
internal sealed record SpecProblem(string DiagnosticId, string ArgumentName, EquatableArray<string> MessageArguments);
