using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace TConvGen.CompilerServices;

/// <summary>
/// Building block for generated kernels: which vector width their bodies run on this machine, and the one store the
/// width structs (<see cref="IGeneratedKernelSimd{TVector}"/>) share. Not meant to be called by user code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedKernelVector
{
    /// <summary>The width the bodies run, widest accelerated first: Vector512 where it is the preferred width
    /// (<c>SimdPath.Preferred</c>: its multiply-adds measured faster than Vector256's), Vector256 with AVX2 and FMA,
    /// Vector128 where accelerated (AdvSimd on ARM64, SSE or AVX on x64); portable where none is, and generated kernels then
    /// delegate to the dynamic kernel.</summary>
    private static readonly SimdLevel Level =
        SimdPath.Preferred == SimdLevel.Vector512 ? SimdLevel.Vector512
        : SimdPath.IsSupported ? SimdLevel.Vector256
        : SimdPath.IsVector128Supported ? SimdLevel.Vector128
        : SimdLevel.Portable;

    /// <summary>Whether the vector bodies run on this machine; otherwise generated kernels delegate to the dynamic kernel.</summary>
    public static bool IsSupported => Level != SimdLevel.Portable;

    /// <summary>The width the bodies of a kernel with horizontal stride <paramref name="strideWidth"/> run: the machine's
    /// (<see cref="IsSupported"/>), but Vector256 in place of Vector512 past <see cref="GeneratedBodyWidths.MaxVector512Stride"/>.</summary>
    private static SimdLevel LevelFor(int strideWidth) =>
        Level == SimdLevel.Vector512 && !GeneratedBodyWidths.Vector512Runs(strideWidth) ? SimdLevel.Vector256 : Level;

    /// <summary>The floats per vector of the bodies that run for horizontal stride <paramref name="strideWidth"/>: 16
    /// (<see cref="GeneratedKernelSimd512"/>), 8 (<see cref="GeneratedKernelSimd256"/>), 4 (<see cref="GeneratedKernelSimd128"/>),
    /// or 0 where none runs.</summary>
    public static int LanesFor(int strideWidth) => LevelFor(strideWidth) is var level && level == SimdLevel.Portable ? 0 : level.FloatsPerVector();

    /// <summary>How the <c>Algorithm</c> of a generated kernel with horizontal stride <paramref name="strideWidth"/> names the
    /// width its bodies run: <c>Vector512</c>, <c>Vector256</c> or <c>Vector128</c>.</summary>
    public static string WidthFor(int strideWidth) => LevelFor(strideWidth).Label();

    /// <summary>Whether the JIT has 32 vector registers (ARM64, x64 with AVX-512): generated kernels then run the bodies blocked
    /// for 32; with 16 those would spill (measured on Zen 5 with AVX-512 off in the JIT, <c>DOTNET_EnableAVX512=0</c>: the 32-register
    /// bodies of 21->21 64x64 k4s2p1 1.09 ms against the 16-register ones' 0.53 ms, 32->32 32x32 k3s2p2d2 383 against 190 us).</summary>
    public static bool HasWideRegisterFile => SimdPath.VectorRegisters >= 32;

    /// <summary>Stores the lanes of one phase at every <paramref name="stride"/>-th output (strides other than 1 and 2).
    /// Unchecked: <c>destination + i * stride</c> must be writable for every lane <c>i</c> in [0, <c>TSimd.Count</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreStridedUnsafe<TSimd, TVector>(TVector values, ref float destination, int stride)
        where TSimd : struct, IGeneratedKernelSimd<TVector>
        where TVector : struct
    {
        // Lane by lane from the vector's memory (no width has a scatter worth its cost here).
        ref float lanes = ref Unsafe.As<TVector, float>(ref values);
        for (int i = 0; i < TSimd.Count; i++)
            Unsafe.Add(ref destination, i * stride) = Unsafe.Add(ref lanes, i);
    }
}
