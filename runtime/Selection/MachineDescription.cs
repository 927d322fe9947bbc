using System;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace TConvGen;

/// <summary>
/// What the selection rules (<see cref="AlgorithmSelector"/>) know of a machine: the width the width-generic kernels run,
/// the widest width that runs, the vector registers a micro-kernel may keep live and the cores. The rules are functions of
/// a problem and of this, so that a test can ask what they pick on any machine; the kernels themselves dispatch on
/// <see cref="SimdPath"/>, from which <see cref="Current"/> is built.
/// </summary>
internal sealed record MachineDescription
{
    /// <summary>Describes a machine; <paramref name="preferred"/> must run there (at most <paramref name="widest"/>).</summary>
    public MachineDescription(SimdLevel preferred, SimdLevel widest, int vectorRegisters, int cores, bool fusedMultiplyAdd = true)
    {
        if (preferred > widest)
            throw new ArgumentOutOfRangeException(nameof(preferred), preferred, "The preferred width must run on the machine.");
        ArgumentOutOfRangeException.ThrowIfLessThan(vectorRegisters, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(cores, 1);
        Preferred = preferred;
        Widest = widest;
        VectorRegisters = vectorRegisters;
        Cores = cores;
        FusedMultiplyAdd = fusedMultiplyAdd;
    }

    /// <summary>This process's machine, as <see cref="SimdPath"/> finds it (built on first use, which measures the FMA peaks
    /// on AVX-512 machines: see <see cref="SimdPath.Preferred"/>).</summary>
    public static MachineDescription Current => CurrentMachine.Value;

    /// <summary>The width the width-generic kernels (PhaseDirect, GemmCol2Im) run: <see cref="SimdPath.Preferred"/>.</summary>
    public SimdLevel Preferred { get; }

    /// <summary>The widest width that runs; every narrower one runs too (Vector512 needs AVX2, AVX2 needs SSE).</summary>
    public SimdLevel Widest { get; }

    /// <summary>The vector registers the JIT allocates: 32 on ARM64 and with AVX-512, 16 on other x64.</summary>
    public int VectorRegisters { get; }

    /// <summary>The processors the process may run on. No rule reads it yet: the rules were measured at one thread and
    /// checked at two on a 2-core machine.</summary>
    public int Cores { get; }

    /// <summary>Whether the vector code has fused multiply-add: ARM64 (AdvSimd) and x64 with FMA; x64 without AVX2 (SSE or
    /// AVX alone) multiplies and adds separately.</summary>
    public bool FusedMultiplyAdd { get; }

    /// <summary>The floats in one vector of the preferred width.</summary>
    public int FloatsPerVector => Preferred.FloatsPerVector();

    /// <summary>Whether <paramref name="level"/> runs on this machine.</summary>
    public bool Runs(SimdLevel level) => level <= Widest;

    /// <summary>The width <paramref name="algorithm"/> (one of the kernels Auto chooses among) runs here when vectors are
    /// allowed: the preferred width, but OneTap asks for Vector512 and runs the widest width that runs.</summary>
    public SimdLevel WidthOf(ConvTranspose2dAlgorithm algorithm) => algorithm switch
    {
        ConvTranspose2dAlgorithm.OneTap => Widest,
        ConvTranspose2dAlgorithm.PhaseDirect or ConvTranspose2dAlgorithm.GemmCol2Im or ConvTranspose2dAlgorithm.ChannelVectorized
            or ConvTranspose2dAlgorithm.PatchScatter or ConvTranspose2dAlgorithm.Winograd => Preferred,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Not one of the kernels Auto chooses among."),
    };

    /// <summary>Whether the selection rules may pick <paramref name="algorithm"/> for its vector code here: it runs a vector
    /// width (the rules were measured at Vector512, Vector256 and Vector128; the portable loops are left to PhaseDirect and
    /// the GEMM).</summary>
    public bool MaySelect(ConvTranspose2dAlgorithm algorithm) => WidthOf(algorithm) >= SimdLevel.Vector128;

    private static class CurrentMachine
    {
        public static readonly MachineDescription Value =
            new(SimdPath.Preferred, SimdPath.Lower(SimdLevel.Vector512), SimdPath.VectorRegisters, Environment.ProcessorCount,
                Fma.IsSupported || AdvSimd.IsSupported);
    }
}
