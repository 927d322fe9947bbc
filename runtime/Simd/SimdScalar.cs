using System;
using System.Runtime.CompilerServices;
using TConvGen.CompilerServices;

namespace TConvGen;

/// <summary><see cref="ISimd{TVector}"/> over one <see cref="float"/>: a kernel's portable code (where no vector width is
/// accelerated) and its scalar tails can be its vector code instantiated with one lane, so both compute in the same order.
/// It is also the one-lane <see cref="IGeneratedKernelSimd{TVector}"/>, for the Winograd transforms' portable code.</summary>
internal readonly unsafe struct SimdScalar : ISimd<float>, IGeneratedKernelSimd<float>
{
    public static int Count => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Load(float* source) => *source;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* destination, float value) => *destination = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Broadcast(float* source) => *source;

    /// <summary>A multiply and an add (never a software-emulated fused operation).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MultiplyAdd(float left, float right, float addend) => left * right + addend;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreInterleaved(float* destination, float even, float odd)
    {
        destination[0] = even;
        destination[1] = odd;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Load(ref float source, nuint offset) => Unsafe.Add(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float value, ref float destination) => destination = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Broadcast(ref float source) => source;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreInterleaved(float even, float odd, ref float destination)
    {
        destination = even;
        Unsafe.Add(ref destination, 1) = odd;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Subtract(float left, float right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Create(float value) => value;

    // MathF.Max and Min return NaN when either operand is NaN, as the vector widths' Max and Min do.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Max(float left, float right) => MathF.Max(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Min(float left, float right) => MathF.Min(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Add(float left, float right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Multiply(float left, float right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Divide(float left, float right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp(float value) => MathF.Exp(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float RoundToEven(float value) => MathF.Round(value, MidpointRounding.ToEven);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ScaleByPowerOfTwo(float value, float exponent) => MathF.ScaleB(value, (int)exponent);
}
