using System.Runtime.CompilerServices;
using TConvGen.CompilerServices;

namespace TConvGen;

/// <summary>
/// A micro-kernel's final stores with the activation applied, at one width. Activations that are lane arithmetic (ReLU and
/// its kin) are applied to the accumulators in registers as they are stored. Those that need <c>Exp</c> (sigmoid, tanh, SiLU)
/// are not: with CoreLib's out-of-line <c>Exp</c> every accumulator was live across a call and the JIT spilled them all inside
/// the multiply-add loop (PhaseDirect 64->64 56x56 k3s1p1 ran 3.9 times slower), and with the inlined one
/// (<see cref="SimdExp"/>) the formula's temporaries still push ChannelVectorized's 24 accumulators out of the registers
/// (256->128 16x16 k4s2p1 sigmoid 1.41 times None, against 1.03 this way). For those the stores write the sums and
/// <see cref="Complete"/> activates the block just written, from L1, once the accumulators are dead.
/// </summary>
/// <param name="activation">The activation.</param>
internal readonly unsafe struct ActivatedOutput<TSimd, TVector, TActivation>(TActivation activation)
    where TSimd : struct, ISimd<TVector>
    where TVector : struct
    where TActivation : struct, IActivationFunction
{
    private readonly TActivation _activation = activation;

    /// <summary>Whether the activation is applied after the stores (sigmoid, tanh and SiLU, see <see cref="Complete"/>), so that
    /// code storing outside this struct (the Winograd output transforms) stores the sums and lets <see cref="Complete"/> activate.</summary>
    public static bool AppliedAfterStores =>
        typeof(TActivation) == typeof(Sigmoid) || typeof(TActivation) == typeof(Tanh) || typeof(TActivation) == typeof(Silu);

    /// <summary>Stores <paramref name="value"/> at <paramref name="destination"/>, activated unless <see cref="Complete"/> will
    /// (sigmoid, tanh and SiLU).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(float* destination, TVector value)
    {
        // The value first: the address then folds into the store, as in a plain TSimd.Store (Identity compiles to the same code).
        var stored = Activated(value);
        TSimd.Store(destination, stored);
    }

    /// <summary><see cref="ISimd{TVector}.StoreInterleaved"/>, activated unless <see cref="Complete"/> will.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StoreInterleaved(float* destination, TVector even, TVector odd)
    {
        var storedEven = Activated(even);
        var storedOdd = Activated(odd);
        TSimd.StoreInterleaved(destination, storedEven, storedOdd);
    }

    /// <summary>The value a store writes. A statement, not a conditional expression: the JIT then drops the branch not taken
    /// before it imports it, and the formula's inlinees do not use up the micro-kernel's inlining budget (an <c>Exp</c> per
    /// accumulator did, and the stores became calls).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private TVector Activated(TVector value)
    {
        // Applied after the stores (Complete)? The type tests are written out, not behind a property, so that the JIT folds
        // them as it imports this method and never imports the formula of the activations that take the other branch.
        if (typeof(TActivation) == typeof(Sigmoid) || typeof(TActivation) == typeof(Tanh) || typeof(TActivation) == typeof(Silu))
            return value;
        return _activation.Apply<TSimd, TVector>(value);
    }

    /// <summary>Ends a micro-kernel's stores: <paramref name="rows"/> runs of <paramref name="floats"/> (a multiple of the vector's
    /// floats) from <paramref name="destination"/>, <paramref name="stride"/> apart, are what it wrote. A no-op unless the activation
    /// is applied after the stores; then it activates them in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Complete(float* destination, nint stride, int rows, int floats)
    {
        if (!(typeof(TActivation) == typeof(Sigmoid) || typeof(TActivation) == typeof(Tanh) || typeof(TActivation) == typeof(Silu)))
            return;
        ActivateInPlace(destination, stride, rows, floats, _activation);
    }

    // Out of line, so that the micro-kernel's accumulators are dead before the Exp calls; fully optimised from the first call, as
    // the micro-kernels are (at tier 0 its generic calls are not inlined: a sigmoid layer ran 2-3 times slower until it tiered up).
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void ActivateInPlace(float* destination, nint stride, int rows, int floats, TActivation activation)
    {
        for (int r = 0; r < rows; r++, destination += stride)
        {
            for (int i = 0; i < floats; i += TSimd.Count)
                TSimd.Store(destination + i, activation.Apply<TSimd, TVector>(TSimd.Load(destination + i)));
        }
    }
}
