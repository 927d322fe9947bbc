using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using TConvGen.Bench.Implementations;

namespace TConvGen.Bench.Measurement;

/// <summary>
/// A SIMD width the benchmark can hold TConvGen and libtorch to (<c>--widths</c>). The JIT and libtorch read their
/// switches only when a process starts, so each width other than the parent's runs in a child process started with
/// <see cref="Environment"/> set (<see cref="WidthRuns"/>); the child checks its switch took effect.
/// </summary>
/// <param name="Key">What <c>--widths</c> names it by: <c>default</c>, <c>256</c>, <c>128</c>.</param>
/// <param name="Title">The report's section title.</param>
/// <param name="Environment">The variables the child starts with: the JIT's switch, then libtorch's (oneDNN and ATen) ISA caps.</param>
/// <param name="HeldPeers">The peers held to this width, which the ratios compare with; null: every peer as it is.</param>
internal sealed record WidthSetting(string Key, string Title, IReadOnlyDictionary<string, string> Environment, IReadOnlyList<string>? HeldPeers)
{
    public static WidthSetting Default { get; } = new("default", "Default width", new Dictionary<string, string>(), null);

    public static WidthSetting Vector256Only { get; } = new("256", "Vector256", new Dictionary<string, string>
    {
        ["DOTNET_EnableAVX512"] = "0",
        [OneDnnVerbose.CapVariable] = "AVX2",
        [LibTorchImplementation.AtenCapabilityVariable] = "avx2",
    }, [LibTorchImplementation.DisplayName]);

    public static WidthSetting Vector128Only { get; } = new("128", "Vector128", new Dictionary<string, string>
    {
        ["DOTNET_EnableAVX2"] = "0",
        [OneDnnVerbose.CapVariable] = "SSE41",
        [LibTorchImplementation.AtenCapabilityVariable] = "default",
    }, [LibTorchImplementation.DisplayName]);

    public static IReadOnlyList<WidthSetting> All { get; } = [Default, Vector256Only, Vector128Only];

    /// <summary>From <c>--widths default,256,128</c> (also <c>Vector256</c>, <c>Vector128</c>).</summary>
    /// <exception cref="ArgumentException">A name that is none of these.</exception>
    public static WidthSetting Parse(string name) =>
        All.FirstOrDefault(w => string.Equals(w.Key, name, StringComparison.OrdinalIgnoreCase) || string.Equals(w.Title, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown width '{name}': use default, 256 or 128.", nameof(name));

    /// <summary>True for the widths below the default, where TConvGen and libtorch are held by switches.</summary>
    public bool IsNarrowed => HeldPeers is not null;

    /// <summary>Whether the ratios compare with <paramref name="peer"/> at this width.</summary>
    public bool Holds(string peer) => HeldPeers is null || HeldPeers.Contains(peer);

    /// <summary>e.g. <c>DOTNET_EnableAVX512=0 ONEDNN_MAX_CPU_ISA=AVX2 ATEN_CPU_CAPABILITY=avx2</c>.</summary>
    public string Switches => Environment.Count == 0 ? "no switch set" : string.Join(" ", Environment.Select(v => $"{v.Key}={v.Value}"));

    /// <summary>e.g. <c>DOTNET_EnableAVX512=0; libtorch ONEDNN_MAX_CPU_ISA=AVX2 ATEN_CPU_CAPABILITY=avx2</c>.</summary>
    public string Description
    {
        get
        {
            if (Environment.Count == 0)
                return "no switch set: TConvGen at the widest width the JIT accelerates, ONNX Runtime and libtorch at their own default ISA; ratios against the faster correct peer";
            var jit = Environment.Where(v => v.Key.StartsWith("DOTNET_", StringComparison.Ordinal)).Select(v => $"{v.Key}={v.Value}");
            var libtorch = Environment.Where(v => !v.Key.StartsWith("DOTNET_", StringComparison.Ordinal)).Select(v => $"{v.Key}={v.Value}");
            return $"TConvGen with `{string.Join(" ", jit)}`; libtorch with `{string.Join(" ", libtorch)}`; " +
                "ONNX Runtime has no such switch and runs its own default ISA (shown, not in the ratios); ratios against libtorch";
        }
    }

    /// <summary>In the child: throws unless the JIT runs the width this setting asks for (a switch misspelt or ignored
    /// would otherwise time the default width under this width's name).</summary>
    /// <exception cref="InvalidOperationException">The width the JIT accelerates is not this setting's.</exception>
    public void CheckTookEffect()
    {
        string? problem = Key switch
        {
            "256" when Vector512.IsHardwareAccelerated || Avx512F.IsSupported => "Vector512 is still accelerated",
            "256" when !Vector256.IsHardwareAccelerated => "Vector256 is not accelerated",
            "128" when Avx2.IsSupported || Vector256.IsHardwareAccelerated => "AVX2 / Vector256 is still accelerated",
            "128" when !Vector128.IsHardwareAccelerated => "Vector128 is not accelerated",
            _ => null,
        };
        if (problem is not null)
            throw new InvalidOperationException($"The {Title} run needs {Switches} set when its process starts, but {problem}.");
        foreach (var (name, value) in Environment)
        {
            if (System.Environment.GetEnvironmentVariable(name) != value)
                throw new InvalidOperationException($"The {Title} run needs {name}={value} in its environment, but it has '{System.Environment.GetEnvironmentVariable(name)}'.");
        }
    }

    /// <summary>Throws if oneDNN reported (<paramref name="isa"/>, from its verbose output) an ISA wider than this width's cap:
    /// the cap did not reach libtorch, and its column would be timed at the wrong width.</summary>
    /// <exception cref="InvalidOperationException">The ISA names a wider extension than the cap allows.</exception>
    public void CheckOneDnnIsa(string isa)
    {
        string[] wider = Key switch
        {
            "256" => ["AVX-512", "AVX512", "AMX"],
            "128" => ["AVX"],
            _ => [],
        };
        if (wider.FirstOrDefault(name => isa.Contains(name, StringComparison.OrdinalIgnoreCase)) is { } found)
            throw new InvalidOperationException($"The {Title} run caps libtorch with {Switches}, but oneDNN reports isa '{isa}' ({found}).");
    }

    /// <summary>What the JIT accelerates in this process, e.g. <c>Vector512, Vector256, Vector128 (FMA: yes)</c>.</summary>
    public static string Accelerated()
    {
        var widths = new List<string>();
        if (Vector512.IsHardwareAccelerated)
            widths.Add("Vector512");
        if (Vector256.IsHardwareAccelerated)
            widths.Add("Vector256");
        if (Vector128.IsHardwareAccelerated)
            widths.Add("Vector128");
        return (widths.Count == 0 ? "no vectors" : string.Join(", ", widths)) + $" (FMA: {(Fma.IsSupported ? "yes" : "no")})";
    }
}
