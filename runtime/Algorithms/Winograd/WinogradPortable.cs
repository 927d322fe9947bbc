using System.Runtime.CompilerServices;

namespace TConvGen;

/// <summary><see cref="ISimd{TVector}"/> over one <see cref="float"/>: the Winograd kernel's portable code is its vector code
/// instantiated with one lane, so both run the same transforms in the same order.</summary>
internal readonly unsafe struct WinogradPortable : ISimd<float>
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
}
