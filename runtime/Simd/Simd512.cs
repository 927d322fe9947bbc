using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TConvGen;

/// <summary><see cref="ISimd{TVector}"/> over <see cref="Vector512{T}"/>, for x64 with AVX-512F
/// (<see cref="SimdPath.IsVector512Supported"/>).</summary>
internal readonly unsafe struct Simd512 : ISimd<Vector512<float>>
{
    public static int Count => Vector512<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(float* source) => Vector512.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* destination, Vector512<float> value) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Broadcast(float* source) => Vector512.Create(*source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> left, Vector512<float> right, Vector512<float> addend) =>
        Avx512F.FusedMultiplyAdd(left, right, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreInterleaved(float* destination, Vector512<float> even, Vector512<float> odd) =>
        StoreInterleaved(ref *destination, even, odd);

    /// <summary><see cref="StoreInterleaved(float*, Vector512{float}, Vector512{float})"/> through a reference (the generated
    /// kernels' form, which needs no pinning). Unchecked: <paramref name="destination"/> and the 31 floats after it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreInterleaved(ref float destination, Vector512<float> even, Vector512<float> odd)
    {
        // One two-source permute per half: index i < 16 picks even[i], 16 + i picks odd[i].
        var low = Avx512F.PermuteVar16x32x2(even, Vector512.Create(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), odd);
        var high = Avx512F.PermuteVar16x32x2(even, Vector512.Create(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31), odd);
        low.StoreUnsafe(ref destination);
        high.StoreUnsafe(ref destination, 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Create(float value) => Vector512.Create(value);

    // Vector512.Max and Min follow IEEE 754 maximum and minimum: NaN in, NaN out (the native max instruction would drop it).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Max(Vector512<float> left, Vector512<float> right) => Vector512.Max(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Min(Vector512<float> left, Vector512<float> right) => Vector512.Min(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Add(Vector512<float> left, Vector512<float> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Multiply(Vector512<float> left, Vector512<float> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Divide(Vector512<float> left, Vector512<float> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> value) => SimdExp.Exp<Simd512, Vector512<float>>(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> RoundToEven(Vector512<float> value) => Vector512.Round(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ScaleByPowerOfTwo(Vector512<float> value, Vector512<float> exponent)
    {
        // The exponent in two halves, each a normal power of two: 2^(n/2) * 2^(n - n/2).
        var n = Vector512.ConvertToInt32Native(exponent);
        var half = Vector512.ShiftRightArithmetic(n, 1);
        var bias = Vector512.Create(127);
        return value * Vector512.ShiftLeft(half + bias, 23).AsSingle() * Vector512.ShiftLeft(n - half + bias, 23).AsSingle();
    }
}
