using System;
using System.Collections.Generic;

namespace TConvGen.Bench.Implementations;

/// <summary>Every implementation the benchmark compares, by name.</summary>
internal static class ImplementationCatalog
{
    /// <summary>Factories in column order: ours first, then the baseline, then the peers.</summary>
    public static IReadOnlyList<(string Name, Func<ConvImplementation> Create)> All { get; } =
    [
        ("Dynamic", () => new KernelImplementation("Dynamic", shape => ConvTranspose2d.Create(shape.Options))),
        // One column per algorithm, to compare them side by side (the figures behind Auto's choice).
        ("PhaseDirect", () => new KernelImplementation("PhaseDirect", shape => ConvTranspose2d.Create(shape.Options, ConvTranspose2dAlgorithm.PhaseDirect))),
        ("GemmCol2Im", () => new KernelImplementation("GemmCol2Im", shape => ConvTranspose2d.Create(shape.Options, ConvTranspose2dAlgorithm.GemmCol2Im))),
        ("ChannelVectorized", () => new KernelImplementation("ChannelVectorized", shape => ConvTranspose2d.Create(shape.Options, ConvTranspose2dAlgorithm.ChannelVectorized))),
        ("Naive scatter", () => new NaiveImplementation()),
        ("ONNX Runtime", () => new OnnxRuntimeImplementation()),
        ("libtorch", () => new LibTorchImplementation()),
    ];

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
