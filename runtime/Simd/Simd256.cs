using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TConvGen;

/// <summary><see cref="ISimd{TVector}"/> over <see cref="Vector256{T}"/>, for x64 with AVX2 and FMA
/// (<see cref="SimdPath.IsSupported"/>).</summary>
internal readonly unsafe struct Simd256 : ISimd<Vector256<float>>
{
    public static int Count => Vector256<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(float* source) => Vector256.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* destination, Vector256<float> value) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Broadcast(float* source) => Vector256.Create(*source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> left, Vector256<float> right, Vector256<float> addend) =>
        Fma.MultiplyAdd(left, right, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreInterleaved(float* destination, Vector256<float> even, Vector256<float> odd) =>
        StoreInterleaved(ref *destination, even, odd);

    /// <summary><see cref="StoreInterleaved(float*, Vector256{float}, Vector256{float})"/> through a reference (the generated
    /// kernels' form, which needs no pinning). Unchecked: <paramref name="destination"/> and the 15 floats after it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreInterleaved(ref float destination, Vector256<float> even, Vector256<float> odd)
    {
        // unpack interleaves within each 128-bit lane; the lane permute puts the halves in order.
        var low = Avx.UnpackLow(even, odd);
        var high = Avx.UnpackHigh(even, odd);
        Avx.Permute2x128(low, high, 0x20).StoreUnsafe(ref destination);
        Avx.Permute2x128(low, high, 0x31).StoreUnsafe(ref destination, 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Create(float value) => Vector256.Create(value);

    // Vector256.Max and Min follow IEEE 754 maximum and minimum: NaN in, NaN out (the native max instruction would drop it).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Max(Vector256<float> left, Vector256<float> right) => Vector256.Max(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Min(Vector256<float> left, Vector256<float> right) => Vector256.Min(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Add(Vector256<float> left, Vector256<float> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Multiply(Vector256<float> left, Vector256<float> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Divide(Vector256<float> left, Vector256<float> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> value) => SimdExp.Exp<Simd256, Vector256<float>>(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> RoundToEven(Vector256<float> value) => Vector256.Round(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ScaleByPowerOfTwo(Vector256<float> value, Vector256<float> exponent)
    {
        // The exponent in two halves, each a normal power of two: 2^(n/2) * 2^(n - n/2).
        var n = Vector256.ConvertToInt32Native(exponent);
        var half = Vector256.ShiftRightArithmetic(n, 1);
        var bias = Vector256.Create(127);
        return value * Vector256.ShiftLeft(half + bias, 23).AsSingle() * Vector256.ShiftLeft(n - half + bias, 23).AsSingle();
    }
}
