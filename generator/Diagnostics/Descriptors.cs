using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace TConvGen.Generator.Diagnostics;

/// <summary>Every diagnostic the generator reports; each links to its section of docs/diagnostics.md.</summary>
internal static class Descriptors
{
    private const string Category = "TConvGen";
    private const string HelpBase = "https://github.com/tconvgen/tconvgen/blob/main/docs/diagnostics.md#";

    public static readonly DiagnosticDescriptor KernelTooSmall = Error("TCG0001", "Kernel size must be at least 1",
        "{0} is {1}, but the kernel size must be >= {2}{3}");

    public static readonly DiagnosticDescriptor StrideTooSmall = Error("TCG0002", "Stride must be at least 1",
        "{0} is {1}, but the stride must be >= {2}{3}");

    public static readonly DiagnosticDescriptor PaddingNegative = Error("TCG0003", "Padding must not be negative",
        "{0} is {1}, but the padding must be >= {2}{3}");

    public static readonly DiagnosticDescriptor DilationTooSmall = Error("TCG0004", "Dilation must be at least 1",
        "{0} is {1}, but the dilation must be >= {2}{3}");

    public static readonly DiagnosticDescriptor OutputPaddingOutOfRange = Error("TCG0005", "Output padding out of range",
        "{0} is {1}, but it must be in [0, {2}] (smaller than max(stride={3}, dilation={4})){5}");

    public static readonly DiagnosticDescriptor GroupsTooSmall = Error("TCG0006", "Groups must be at least 1",
        "Groups is {0}, but it must be >= {1}");

    public static readonly DiagnosticDescriptor ChannelsInvalid = Error("TCG0007", "Channel count must be 0 or a positive multiple of Groups",
        "{0} is {1}, but it must be 0 (decided at run time) or a positive multiple of Groups ({2})");

    /// <summary>The message's argument says it per API: a 1x1 input and its output for 2-D, a length for 1-D.</summary>
    public static readonly DiagnosticDescriptor EmptyOutputForSmallInputs = Warning("TCG0008", "Small inputs give an empty output",
        "With this configuration {0}");

    public static readonly DiagnosticDescriptor MethodNotStaticPartial = Error("TCG0009", "Method must be static partial",
        "Method '{0}' must be declared 'static partial' to receive a generated kernel");

    public static readonly DiagnosticDescriptor WrongReturnType = Error("TCG0010", "Method must return the attribute's kernel type",
        "Method '{0}' returns '{1}', but it must return '{2}'");

    public static readonly DiagnosticDescriptor HasParameters = Error("TCG0011", "Method must have no parameters",
        "Method '{0}' has {1} parameter(s), but it must have none");

    public static readonly DiagnosticDescriptor HasTypeParameters = Error("TCG0012", "Method must not be generic",
        "Method '{0}' has {1} type parameter(s), but it must have none");

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error("TCG0013", "Containing type must be partial",
        "Type '{0}' contains the [{2}] method '{1}' and must be declared 'partial'");

    public static readonly DiagnosticDescriptor FallbackToDynamic = new("TCG0014", "Configuration runs on the dynamic kernel",
        "'{0}' is not specialised and delegates to the dynamic kernel: {1}", Category, DiagnosticSeverity.Info, isEnabledByDefault: true,
        helpLinkUri: HelpBase + "tcg0014");

    public static readonly DiagnosticDescriptor UnknownActivation = Error("TCG0015", "Unknown activation", "{0}");

    public static readonly DiagnosticDescriptor ActivationSlopeNotFinite = Error("TCG0016", "Activation slope must be finite", "{0}");

    private static readonly Dictionary<string, DiagnosticDescriptor> s_byId = Index(
        KernelTooSmall, StrideTooSmall, PaddingNegative, DilationTooSmall, OutputPaddingOutOfRange, GroupsTooSmall, ChannelsInvalid,
        EmptyOutputForSmallInputs, MethodNotStaticPartial, WrongReturnType, HasParameters, HasTypeParameters, ContainingTypeNotPartial,
        FallbackToDynamic, UnknownActivation, ActivationSlopeNotFinite);

    /// <summary>All descriptors, in ID order.</summary>
    public static IEnumerable<DiagnosticDescriptor> All => s_byId.Values;

    public static DiagnosticDescriptor ById(string id) => s_byId[id];

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());

    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());

    private static Dictionary<string, DiagnosticDescriptor> Index(params DiagnosticDescriptor[] descriptors)
    {
        var map = new Dictionary<string, DiagnosticDescriptor>();
        foreach (var descriptor in descriptors)
            map.Add(descriptor.Id, descriptor);
        return map;
    }
}
