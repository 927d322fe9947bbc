using System;
using System.Collections.Generic;
using TConvGen.Bench.Suite;

namespace TConvGen.Bench.Implementations;

/// <summary>Every implementation the benchmark compares, by name.</summary>
internal static class ImplementationCatalog
{
    /// <summary>Factories in column order: ours first, then the baseline, then the peers.</summary>
    public static IReadOnlyList<(string Name, Func<ConvImplementation> Create)> All { get; } =
    [
        ("Generated", () => new KernelImplementation("Generated", GeneratedKernels.For)),
        ("Dynamic", () => new KernelImplementation("Dynamic", shape => ConvTranspose2d.Create(shape.Options))),
        ("Generated 1-D", () => new Kernel1dImplementation("Generated 1-D", GeneratedKernels.LineFor)),
        ("Dynamic 1-D", () => new Kernel1dImplementation("Dynamic 1-D", shape => ConvTranspose1d.Create(shape.AsConvTranspose1d!))),
        ("GemmCol2Im", () => new KernelImplementation("GemmCol2Im", shape => ConvTranspose2d.Create(shape.Options, ConvTranspose2dAlgorithm.GemmCol2Im))),
        // Opt-in columns (--impls): each of Auto's candidates on its own, the figures behind its choice.
        ("PhaseDirect", () => new KernelImplementation("PhaseDirect", shape => ConvTranspose2d.Create(shape.Options, ConvTranspose2dAlgorithm.PhaseDirect))),
        ("ChannelVectorized", () => new KernelImplementation("ChannelVectorized", shape => ConvTranspose2d.Create(shape.Options, ConvTranspose2dAlgorithm.ChannelVectorized))),
        ("PatchScatter", () => new KernelImplementation("PatchScatter", shape => ConvTranspose2d.Create(shape.Options, ConvTranspose2dAlgorithm.PatchScatter))),
        ("OneTap", () => new KernelImplementation("OneTap", shape => ConvTranspose2d.Create(shape.Options, ConvTranspose2dAlgorithm.OneTap))),
        ("Winograd", () => new KernelImplementation("Winograd", shape => ConvTranspose2d.Create(shape.Options, ConvTranspose2dAlgorithm.Winograd))),
        (NaiveImplementation.DisplayName, () => new NaiveImplementation()),
        ("ONNX Runtime", () => new OnnxRuntimeImplementation()),
        (LibTorchImplementation.DisplayName, () => new LibTorchImplementation()),
    ];

    /// <summary>What a run without <c>--impls</c> compares: the set (generated, dynamic, the generated and dynamic
    /// ConvTranspose1d on the 1-D layers, GEMM + col2im, naive, the two peers).</summary>
    public static IReadOnlyList<string> Default { get; } = ["Generated", "Dynamic", "Generated 1-D", "Dynamic 1-D", "GemmCol2Im", NaiveImplementation.DisplayName, "ONNX Runtime", LibTorchImplementation.DisplayName];

    /// <summary>Whether implementation <paramref name="name"/> computes <paramref name="shape"/> (<see cref="ConvImplementation.Supports"/>).</summary>
    public static bool Supports(string name, BenchShape shape)
    {
        using var implementation = Create(name);
        return implementation.Supports(shape);
    }

    public static ConvImplementation Create(string name)
    {
        foreach (var (candidate, create) in All)
        {
            if (candidate == name)
                return create();
        }
        throw new ArgumentException($"Unknown implementation '{name}'.", nameof(name));
    }
}
