using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace TConvGen.CompilerServices;

/// <summary>
/// Building block for kernels: one activation's vector formula, applied to a block's accumulators just before they are
/// stored. Kernels are generic over it (<c>where TActivation : struct, IActivationFunction</c>), so the JIT compiles one
/// copy per activation and <see cref="Identity"/> costs nothing. The formulas are those of <c>ActivationFunction</c>,
/// the scalar semantics. Not meant to be called by user code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IActivationFunction
{
    /// <summary>The activation of every lane of <paramref name="x"/>.</summary>
    TVector Apply<TSimd, TVector>(TVector x)
        where TSimd : struct, IActivationSimd<TVector>
        where TVector : struct;
}

/// <summary>No activation. Not meant to be called by user code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Identity : IActivationFunction
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Apply<TSimd, TVector>(TVector x) where TSimd : struct, IActivationSimd<TVector> where TVector : struct => x;
}

/// <summary><c>max(x, 0)</c>. Not meant to be called by user code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Relu : IActivationFunction
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Apply<TSimd, TVector>(TVector x) where TSimd : struct, IActivationSimd<TVector> where TVector : struct =>
        TSimd.Max(x, TSimd.Create(0f));
}

/// <summary><c>x &gt; 0 ? x : slope * x</c>, as <c>max(x, 0) + slope * min(x, 0)</c> (any finite slope). Not meant to be called by user code.</summary>
/// <param name="slope">The negative slope.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct LeakyRelu(float slope) : IActivationFunction
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Apply<TSimd, TVector>(TVector x) where TSimd : struct, IActivationSimd<TVector> where TVector : struct
    {
        var zero = TSimd.Create(0f);
        return TSimd.Add(TSimd.Max(x, zero), TSimd.Multiply(TSimd.Create(slope), TSimd.Min(x, zero)));
    }
}

/// <summary><c>min(max(x, 0), 6)</c>. Not meant to be called by user code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Relu6 : IActivationFunction
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Apply<TSimd, TVector>(TVector x) where TSimd : struct, IActivationSimd<TVector> where TVector : struct =>
        TSimd.Min(TSimd.Max(x, TSimd.Create(0f)), TSimd.Create(6f));
}

/// <summary><c>1 / (1 + exp(-x))</c>. Not meant to be called by user code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Sigmoid : IActivationFunction
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Apply<TSimd, TVector>(TVector x) where TSimd : struct, IActivationSimd<TVector> where TVector : struct
    {
        var one = TSimd.Create(1f);
        return TSimd.Divide(one, TSimd.Add(one, TSimd.Exp(TSimd.Multiply(x, TSimd.Create(-1f)))));
    }
}

/// <summary><c>tanh(x) = 2 / (1 + exp(-2x)) - 1</c>: exactly -1 and 1 at the infinities, within a few 1e-8 of tanh elsewhere.
/// Not meant to be called by user code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Tanh : IActivationFunction
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Apply<TSimd, TVector>(TVector x) where TSimd : struct, IActivationSimd<TVector> where TVector : struct
    {
        var one = TSimd.Create(1f);
        var sigmoid = TSimd.Divide(TSimd.Create(2f), TSimd.Add(one, TSimd.Exp(TSimd.Multiply(x, TSimd.Create(-2f)))));
        return TSimd.Add(sigmoid, TSimd.Create(-1f));
    }
}

/// <summary><c>x / (1 + exp(-x))</c>, as PyTorch computes SiLU. Not meant to be called by user code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Silu : IActivationFunction
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Apply<TSimd, TVector>(TVector x) where TSimd : struct, IActivationSimd<TVector> where TVector : struct =>
        TSimd.Divide(x, TSimd.Add(TSimd.Create(1f), TSimd.Exp(TSimd.Multiply(x, TSimd.Create(-1f)))));
}
