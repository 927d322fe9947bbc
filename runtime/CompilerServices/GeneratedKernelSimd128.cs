using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TConvGen.CompilerServices;

/// <summary>
/// Building block for generated kernels: <see cref="IGeneratedKernelSimd{TVector}"/> over <see cref="Vector128{T}"/>, for ARM64 (AdvSimd) and x64 without AVX2 (SSE or AVX).
/// It forwards to the runtime's own Simd128, so that both run the same shuffles. Not meant to be called by user code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly unsafe struct GeneratedKernelSimd128 : IGeneratedKernelSimd<Vector128<float>>
{
    /// <inheritdoc />
    public static int Count => Vector128<float>.Count;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(ref float source, nuint offset) => Vector128.LoadUnsafe(ref source, offset);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<float> value, ref float destination) => value.StoreUnsafe(ref destination);

    /// <inheritdoc />
    /// <remarks>On x64 with AVX, one <c>vbroadcastss</c> from memory, as the runtime's Simd128 does: <c>Vector128.Create</c> loads
    /// and shuffles there (<c>vmovss</c>, <c>vpermilps</c>) when AVX2 is off, one more instruction per tap. The address is taken
    /// from the reference, which the contract requires not to move (<see cref="IGeneratedKernelSimd{TVector}.Broadcast"/>).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Broadcast(ref float source) =>
        Avx.IsSupported ? Avx.BroadcastScalarToVector128((float*)Unsafe.AsPointer(ref source)) : Vector128.Create(source);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> left, Vector128<float> right, Vector128<float> addend) =>
        Simd128.MultiplyAdd(left, right, addend);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreInterleaved(Vector128<float> even, Vector128<float> odd, ref float destination) =>
        Simd128.StoreInterleaved(ref destination, even, odd);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Create(float value) => Simd128.Create(value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Max(Vector128<float> left, Vector128<float> right) => Simd128.Max(left, right);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Min(Vector128<float> left, Vector128<float> right) => Simd128.Min(left, right);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Add(Vector128<float> left, Vector128<float> right) => left + right;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Subtract(Vector128<float> left, Vector128<float> right) => left - right;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Multiply(Vector128<float> left, Vector128<float> right) => left * right;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Divide(Vector128<float> left, Vector128<float> right) => left / right;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Exp(Vector128<float> value) => Simd128.Exp(value);
}
