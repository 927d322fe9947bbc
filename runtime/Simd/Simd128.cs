using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace TConvGen;

/// <summary><see cref="ISimd{TVector}"/> over <see cref="Vector128{T}"/>: AdvSimd on ARM64, SSE or AVX on x64 (what Native AOT's
/// default instruction set and x64 without AVX2 run).</summary>
internal readonly unsafe struct Simd128 : ISimd<Vector128<float>>
{
    public static int Count => Vector128<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(float* source) => Vector128.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* destination, Vector128<float> value) => value.Store(destination);

    // With AVX but not AVX2 (DOTNET_EnableAVX2=0) the JIT makes Vector128.Create(*source) a load and a shuffle; AVX's
    // vbroadcastss from memory is a load alone. ARM64 makes Create one ld1r; SSE alone needs the shuffle anyway.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Broadcast(float* source) =>
        Avx.IsSupported ? Avx.BroadcastScalarToVector128(source) : Vector128.Create(*source);

    // The estimate is fused on ARM64 and on x64 with FMA, and a multiply and an add on x64 without it;
    // Vector128.FusedMultiplyAdd would call the C library's fmaf per lane there.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> left, Vector128<float> right, Vector128<float> addend) =>
        Vector128.MultiplyAddEstimate(left, right, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreInterleaved(float* destination, Vector128<float> even, Vector128<float> odd) =>
        StoreInterleaved(ref *destination, even, odd);

    /// <summary><see cref="StoreInterleaved(float*, Vector128{float}, Vector128{float})"/> through a reference (the generated
    /// kernels' form, which needs no pinning). Unchecked: <paramref name="destination"/> and the 7 floats after it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreInterleaved(ref float destination, Vector128<float> even, Vector128<float> odd)
    {
        if (AdvSimd.Arm64.IsSupported)
        {
            AdvSimd.Arm64.ZipLow(even, odd).StoreUnsafe(ref destination);
            AdvSimd.Arm64.ZipHigh(even, odd).StoreUnsafe(ref destination, 4);
        }
        else if (Sse.IsSupported)
        {
            Sse.UnpackLow(even, odd).StoreUnsafe(ref destination);
            Sse.UnpackHigh(even, odd).StoreUnsafe(ref destination, 4);
        }
        else
        {
            // Vector128 accelerated by neither (WebAssembly): lane by lane.
            for (int i = 0; i < 4; i++)
            {
                Unsafe.Add(ref destination, 2 * i) = even.GetElement(i);
                Unsafe.Add(ref destination, 2 * i + 1) = odd.GetElement(i);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Create(float value) => Vector128.Create(value);

    // Vector128.Max and Min follow IEEE 754 maximum and minimum: NaN in, NaN out (the native max instruction would drop it).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Max(Vector128<float> left, Vector128<float> right) => Vector128.Max(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Min(Vector128<float> left, Vector128<float> right) => Vector128.Min(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Add(Vector128<float> left, Vector128<float> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Multiply(Vector128<float> left, Vector128<float> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Divide(Vector128<float> left, Vector128<float> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Exp(Vector128<float> value) => SimdExp.Exp<Simd128, Vector128<float>>(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> RoundToEven(Vector128<float> value) => Vector128.Round(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ScaleByPowerOfTwo(Vector128<float> value, Vector128<float> exponent)
    {
        // The exponent in two halves, each a normal power of two: 2^(n/2) * 2^(n - n/2).
        var n = Vector128.ConvertToInt32Native(exponent);
        var half = Vector128.ShiftRightArithmetic(n, 1);
        var bias = Vector128.Create(127);
        return value * Vector128.ShiftLeft(half + bias, 23).AsSingle() * Vector128.ShiftLeft(n - half + bias, 23).AsSingle();
    }
}
