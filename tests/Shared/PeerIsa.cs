using System;

namespace TConvGen.Tests.Shared;

/// <summary>
/// The instruction set a peer runs at, for the peer report. libtorch's convolutions run on oneDNN, which picks the best
/// ISA of the CPU unless <c>ONEDNN_MAX_CPU_ISA</c> caps it; the test projects cap it at <see cref="OneDnnTestCap"/>
/// (tests/Shared/LibTorchIsa.runsettings) because oneDNN 3.7.1's AVX2 and AVX-512 deconvolutions were seen wrong.
/// ONNX Runtime (MLAS) dispatches on the CPU itself and has no such switch. (Compiled into each project that uses it.)
/// </summary>
internal static class PeerIsa
{
    /// <summary>oneDNN's ISA cap. It is read by native code once, so it must be set before the process starts.</summary>
    public const string OneDnnVariable = "ONEDNN_MAX_CPU_ISA";

    /// <summary>The cap the test runsettings set: the ISA whose oneDNN path (a GEMM) was right on every case.</summary>
    public const string OneDnnTestCap = "AVX";

    /// <summary>libtorch's ISA in this process: the cap, or oneDNN's default.</summary>
    public static string LibTorch => Environment.GetEnvironmentVariable(OneDnnVariable) is { Length: > 0 } cap
        ? $"oneDNN {OneDnnVariable}={cap}"
        : $"oneDNN default ISA ({OneDnnVariable} unset)";

    /// <summary>ONNX Runtime's ISA: its own choice.</summary>
    public const string OnnxRuntime = "MLAS, its own CPU dispatch";
}
