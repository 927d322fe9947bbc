using System.ComponentModel;

namespace TConvGen.CompilerServices;

/// <summary>
/// Building block for generated kernels: the vector operations an unrolled body needs, over one vector type, as static
/// members over <c>ref float</c> so that generated code compiles without unsafe code. A generated body is written once,
/// generic over <c>TSimd : struct, IGeneratedKernelSimd&lt;TVector&gt;</c>; the JIT compiles it once per implementing struct
/// (<see cref="GeneratedKernelSimd128"/>, <see cref="GeneratedKernelSimd256"/>, <see cref="GeneratedKernelSimd512"/>) with
/// every member inlined and <c>v * TSimd.Count</c> folded, as if it had been written for that width. Generated kernels
/// pick the struct with <see cref="GeneratedKernelVector.LanesFor"/>. Not meant to be called by user code.
/// </summary>
/// <remarks>Loads and stores, like <c>Vector256.LoadUnsafe</c>, read and write through a <c>ref float</c> without any
/// bounds check: the caller guarantees that every element they touch lies inside one allocation it owns. Generated kernels
/// prove that at compile time; called from other code they can corrupt memory.</remarks>
/// <typeparam name="TVector">The vector of <see cref="float"/> the struct operates on.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IGeneratedKernelSimd<TVector> : IActivationSimd<TVector>
    where TVector : struct
{
    /// <summary>The floats in a vector.</summary>
    static abstract int Count { get; }

    /// <summary>Loads <see cref="Count"/> floats from <c>source + offset</c>. Unchecked.</summary>
    static abstract TVector Load(ref float source, nuint offset);

    /// <summary>Stores <see cref="Count"/> floats at <paramref name="destination"/>. Unchecked.</summary>
    static abstract void Store(TVector value, ref float destination);

    /// <summary>A vector of <paramref name="source"/> in every lane (the JIT folds it into the consuming instruction where it can).
    /// <paramref name="source"/> must not move while the call runs: it is in pinned memory (the runtime's packed weights and
    /// bias are on the pinned object heap), a pinned local or the stack, since a width may broadcast from its address.</summary>
    static abstract TVector Broadcast(ref float source);

    /// <summary><c>left * right + addend</c>: fused where the hardware has fused multiply-add, a multiply and an add otherwise
    /// (never a software-emulated fused operation).</summary>
    static abstract TVector MultiplyAdd(TVector left, TVector right, TVector addend);

    /// <summary>Stores <c>even[0], odd[0], even[1], odd[1], ...</c>: <c>2 * Count</c> consecutive floats (the two phases of a
    /// stride-2 output row). Unchecked.</summary>
    static abstract void StoreInterleaved(TVector even, TVector odd, ref float destination);

    /// <summary><c>left - right</c> (the Winograd transforms' other operation, with <see cref="IActivationSimd{TVector}.Add"/>).</summary>
    static abstract TVector Subtract(TVector left, TVector right);
}
