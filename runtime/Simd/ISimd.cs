namespace TConvGen;

/// <summary>
/// The operations a width-generic micro-kernel needs, over one vector type: a kernel written once as a generic method
/// (<c>where TSimd : struct, ISimd&lt;TVector&gt;</c>) is compiled by the JIT once per implementing struct
/// (<see cref="Simd128"/>, <see cref="Simd256"/>, <see cref="Simd512"/>), with every member inlined, as if it had been
/// written for that width. (.NET's own <c>ISimdVector&lt;TSelf, T&gt;</c> is internal.) Callers check that the width
/// runs on this machine (<see cref="SimdPath"/>) before they call a kernel instantiated with it.
/// </summary>
/// <typeparam name="TVector">The vector of <see cref="float"/> the struct operates on.</typeparam>
internal unsafe interface ISimd<TVector> : CompilerServices.IActivationSimd<TVector>
    where TVector : struct
{
    /// <summary>The floats in a vector.</summary>
    static abstract int Count { get; }

    /// <summary>Loads <see cref="Count"/> floats from <paramref name="source"/> (no alignment needed).</summary>
    static abstract TVector Load(float* source);

    /// <summary>Stores <see cref="Count"/> floats at <paramref name="destination"/> (no alignment needed).</summary>
    static abstract void Store(float* destination, TVector value);

    /// <summary>A vector of <c>*source</c> in every lane (the JIT folds it into the consuming instruction where it can).</summary>
    static abstract TVector Broadcast(float* source);

    /// <summary><c>left * right + addend</c>: fused where the hardware has fused multiply-add, a multiply and an add otherwise
    /// (never a software-emulated fused operation).</summary>
    static abstract TVector MultiplyAdd(TVector left, TVector right, TVector addend);

    /// <summary>Stores <c>even[0], odd[0], even[1], odd[1], ...</c>: <c>2 * Count</c> consecutive floats (the two phases
    /// of a stride-2 output row).</summary>
    static abstract void StoreInterleaved(float* destination, TVector even, TVector odd);

    /// <summary>Each lane rounded to the nearest integer, ties to even.</summary>
    static abstract TVector RoundToEven(TVector value);

    /// <summary><c>value * 2^exponent</c>, for lanes of <paramref name="exponent"/> that are integers in [-150, 128] (two exact
    /// scalings, so that the result may be subnormal or overflow to infinity).</summary>
    static abstract TVector ScaleByPowerOfTwo(TVector value, TVector exponent);
}
