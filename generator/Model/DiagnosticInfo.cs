using Microsoft.CodeAnalysis;

namespace TConvGen.Generator.Model;

/// <summary>A diagnostic to report, as equatable values (descriptor id, location, message arguments).</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public Diagnostic ToDiagnostic()
    {
        var arguments = new object[Arguments.Count];
        for (int i = 0; i < arguments.Length; i++)
            arguments[i] = Arguments[i];
        return Diagnostic.Create(Diagnostics.Descriptors.ById(Id), Location?.ToLocation(), arguments);
    }
}
