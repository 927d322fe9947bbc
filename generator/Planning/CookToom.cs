using System;
using System.Collections.Generic;
using System.Linq;

namespace TConvGen.Generator.Planning;

/// <summary>
/// Winograd's minimal filtering F(m, r) from its interpolation points by Cook and Toom's construction (as in Lavin and Gray,
/// "Fast Algorithms for Convolutional Neural Networks"), in exact arithmetic: the correlation <c>y_i = sum_k g_k d_(i+k)</c>
/// (<c>i &lt; m</c>, <c>k &lt; r</c>, <c>n = m + r - 1</c> inputs) is <c>y = A^T [(G g) * (B^T d)]</c>. It is the transpose of
/// the polynomial product <c>s = g h</c> evaluated at the <c>n - 1</c> finite points and at infinity (the leading
/// coefficient) and interpolated back: <c>A^T[i][j] = a_j^i</c> (the evaluation of <c>h</c>), <c>G[j][k] = a_j^k / |f_j|</c>
/// (of <c>g</c>), and <c>B^T</c>'s row <c>j</c> the coefficients of <c>N_j(x) = prod_(l != j) (x - a_l)</c> over
/// <c>sign(f_j)</c>, where <c>f_j = N_j(a_j)</c>: Lagrange's basis <c>N_j / f_j</c>, its magnitude moved into G so that
/// the input and output transforms of small integer points have integer entries. The point at infinity's row of
/// <c>B^T</c> is <c>prod_l (x - a_l)</c> and its entry in G and A^T picks the leading coefficients; its sign in B^T and
/// A^T is free (the two cancel), and Lavin's F(2, 3) takes -1. Pure.
/// </summary>
internal static class CookToom
{
    /// <param name="outputs">m.</param>
    /// <param name="taps">r.</param>
    /// <param name="points">The <c>m + r - 2</c> distinct finite points.</param>
    /// <param name="infinitySign">The sign of the point at infinity's row of B^T and column of A^T: 1 or -1.</param>
    public static WinogradMatrices Derive(int outputs, int taps, IReadOnlyList<Rational> points, int infinitySign)
    {
        int n = outputs + taps - 1;
        if (outputs < 1 || taps < 1 || points.Count != n - 1 || points.Distinct().Count() != points.Count)
            throw new ArgumentException("F(m, r) needs m + r - 2 distinct finite points.", nameof(points));
        if (infinitySign is not (1 or -1))
            throw new ArgumentOutOfRangeException(nameof(infinitySign), infinitySign, "The sign must be 1 or -1.");

        var inputTransform = new List<Rational[]>();
        var kernelTransform = new List<Rational[]>();
        for (int j = 0; j < n - 1; j++)
        {
            var others = points.Where((_, l) => l != j).ToList();
            var basis = Coefficients(others, n);
            Rational f = others.Aggregate(Rational.One, (product, a) => product * (points[j] - a));
            inputTransform.Add(basis.Select(c => c * f.Sign).ToArray());
            kernelTransform.Add(Enumerable.Range(0, taps).Select(k => Power(points[j], k) / f.Abs).ToArray());
        }
        inputTransform.Add(Coefficients(points, n).Select(c => c * infinitySign).ToArray());
        kernelTransform.Add(Enumerable.Range(0, taps).Select(k => k == taps - 1 ? Rational.One : Rational.Zero).ToArray());

        var outputTransform = Enumerable.Range(0, outputs)
            .Select(i => points.Select(a => Power(a, i)).Append(i == outputs - 1 ? (Rational)infinitySign : Rational.Zero).ToArray())
            .ToList();
        return new WinogradMatrices(RationalMatrix.From(inputTransform), RationalMatrix.From(kernelTransform), RationalMatrix.From(outputTransform));
    }

    /// <summary>The coefficients of <c>prod (x - root)</c> from <c>x^0</c>, padded with zeros to <paramref name="length"/>.</summary>
    private static Rational[] Coefficients(IEnumerable<Rational> roots, int length)
    {
        var coefficients = new Rational[length];
        coefficients[0] = Rational.One;
        foreach (var root in roots)
        {
            // Multiply by (x - root), from the top down so that each coefficient is read before it is overwritten.
            for (int d = length - 1; d >= 0; d--)
                coefficients[d] = (d > 0 ? coefficients[d - 1] : Rational.Zero) - root * coefficients[d];
        }
        return coefficients;
    }

    private static Rational Power(Rational value, int exponent) =>
        Enumerable.Repeat(value, exponent).Aggregate(Rational.One, (product, factor) => product * factor);
}

/// <summary>The three matrices of one F(m, r): <c>y = A^T [(G g) * (B^T d)]</c>, and in two dimensions
/// <c>Y = A^T [(G g G^T) * (B^T d B)] A</c>.</summary>
/// <param name="InputTransform">B^T, n x n.</param>
/// <param name="KernelTransform">G, n x r.</param>
/// <param name="OutputTransform">A^T, m x n.</param>
internal sealed record WinogradMatrices(RationalMatrix InputTransform, RationalMatrix KernelTransform, RationalMatrix OutputTransform);
