using System.ComponentModel;

namespace TConvGen.CompilerServices;

/// <summary>
/// Building block for kernels: the lane-wise arithmetic the activations need, over one vector type. The runtime's own
/// width structs and the generated kernels' (<see cref="IGeneratedKernelSimd{TVector}"/>) both have it, so that each
/// activation's vector formula (<see cref="IActivationFunction"/>) is written once. Not meant to be called by user code.
/// </summary>
/// <typeparam name="TVector">The vector of <see cref="float"/> the struct operates on.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IActivationSimd<TVector>
    where TVector : struct
{
    /// <summary>A vector of <paramref name="value"/> in every lane.</summary>
    static abstract TVector Create(float value);

    /// <summary>The lane-wise maximum; NaN in either operand gives NaN (IEEE 754 <c>maximum</c>).</summary>
    static abstract TVector Max(TVector left, TVector right);

    /// <summary>The lane-wise minimum; NaN in either operand gives NaN (IEEE 754 <c>minimum</c>).</summary>
    static abstract TVector Min(TVector left, TVector right);

    /// <summary><c>left + right</c>.</summary>
    static abstract TVector Add(TVector left, TVector right);

    /// <summary><c>left * right</c>.</summary>
    static abstract TVector Multiply(TVector left, TVector right);

    /// <summary><c>left / right</c>.</summary>
    static abstract TVector Divide(TVector left, TVector right);

    /// <summary><c>exp(value)</c> lane by lane, inlined (the runtime's Cephes-style SimdExp, within 3e-7 relative of <c>MathF.Exp</c>;
    /// <c>exp(-inf) = 0</c>, <c>exp(inf) = inf</c>, NaN kept).</summary>
    static abstract TVector Exp(TVector value);
}
