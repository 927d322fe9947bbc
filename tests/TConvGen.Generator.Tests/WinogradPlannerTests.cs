using System;
using System.Linq;
using TConvGen.Generator.Emitting;
using TConvGen.Generator.Model;
using TConvGen.Generator.Planning;
using Xunit;

namespace TConvGen.Generator.Tests;

/// <summary>The Winograd matrices the planner derives (Cook-Toom in exact arithmetic), checked against Lavin's and the
/// runtime's hand-written ones and against the definition, and the linear combinations the emitter writes from them.</summary>
public sealed class WinogradPlannerTests
{
    private static readonly Rational Half = new(1, 2);

    private static ConvSpec Square(int k, int s, int p, int op = 0) => new(new ConvAxis(k, s, p, op, 1), new ConvAxis(k, s, p, op, 1), 1, 0, 0);

    private static RationalMatrix Matrix(params long[][] rows) => RationalMatrix.From(rows.Select(row => row.Select(v => (Rational)v).ToArray()).ToList());

    [Fact]
    public void F2x3IsLavins()
    {
        var plan = WinogradPlanner.Plan(Square(3, 1, 1))!;
        Assert.Equal(WinogradTiling.Tiles, plan.Tiling);
        Assert.Equal(Matrix([1, 0, -1, 0], [0, 1, 1, 0], [0, -1, 1, 0], [0, 1, 0, -1]), plan.Matrices.InputTransform);
        Assert.Equal(Matrix([1, 1, 1, 0], [0, 1, -1, -1]), plan.Matrices.OutputTransform);
        Assert.Equal(RationalMatrix.From(new[]
        {
            new Rational[] { 1, 0, 0 }, new[] { Half, Half, Half }, new[] { Half, -Half, Half }, new Rational[] { 0, 0, 1 },
        }), plan.Matrices.KernelTransform);
    }

    /// <summary>The runtime's WinogradPhaseTransforms and WinogradPhaseWeights (points 0, 1, -1 and infinity).</summary>
    [Fact]
    public void F3x2IsTheRuntimes()
    {
        var plan = WinogradPlanner.Plan(Square(4, 2, 1))!;
        Assert.Equal(WinogradTiling.PhaseTiles, plan.Tiling);
        Assert.Equal(Matrix([1, 0, -1, 0], [0, 1, 1, 0], [0, -1, 1, 0], [0, -1, 0, 1]), plan.Matrices.InputTransform);
        Assert.Equal(Matrix([1, 1, 1, 0], [0, 1, -1, 0], [0, 1, 1, 1]), plan.Matrices.OutputTransform);
        Assert.Equal(RationalMatrix.From(new[] { new Rational[] { 1, 0 }, new[] { Half, Half }, new[] { Half, -Half }, new Rational[] { 0, 1 } }),
            plan.Matrices.KernelTransform);
    }

    [Theory]
    [InlineData(3, 1, 0, 0, true)]
    [InlineData(3, 1, 2, 0, true)]
    [InlineData(4, 2, 1, 0, true)]
    [InlineData(4, 2, 1, 1, true)]
    [InlineData(3, 1, 3, 0, false)]
    [InlineData(4, 2, 2, 0, false)]
    [InlineData(3, 2, 1, 1, false)]
    [InlineData(5, 1, 2, 0, false)]
    public void OnlyTheRuntimesTilingsArePlanned(int k, int s, int p, int op, bool planned)
    {
        Assert.Equal(planned, WinogradPlanner.Plan(Square(k, s, p, op)) is not null);
        Assert.Equal(planned, Planner.Plan(Square(k, s, p, op)).Winograd is not null);
        var asymmetric = Square(k, s, p, op) with { Width = new ConvAxis(3, 1, 1, 0, 2) };
        Assert.Null(WinogradPlanner.Plan(asymmetric));
    }

    /// <summary><c>A^T [(G g) * (B^T d)]</c> is the correlation <c>y_i = sum_k g_k d_(i+k)</c>, exactly, for random rationals:
    /// both tilings and F(4, 3) on five points (whose matrices hold 2s, 4s and fractions other than halves).</summary>
    [Theory]
    [InlineData(2, 3, -1, new long[] { 0, 1, -1 })]
    [InlineData(3, 2, 1, new long[] { 0, 1, -1 })]
    [InlineData(4, 3, 1, new long[] { 0, 1, -1, 2, -2 })]
    [InlineData(2, 2, 1, new long[] { 0, 1 })]
    public void TheIdentityHoldsExactly(int m, int r, int infinitySign, long[] points)
    {
        var matrices = CookToom.Derive(m, r, points.Select(p => (Rational)p).ToList(), infinitySign);
        var random = new Random(m * 10 + r);
        int n = m + r - 1;
        for (int trial = 0; trial < 20; trial++)
        {
            var d = Enumerable.Range(0, n).Select(_ => new Rational(random.Next(-50, 51), random.Next(1, 9))).ToArray();
            var g = Enumerable.Range(0, r).Select(_ => new Rational(random.Next(-50, 51), random.Next(1, 9))).ToArray();
            var u = Apply(matrices.KernelTransform, g);
            var v = Apply(matrices.InputTransform, d);
            var y = Apply(matrices.OutputTransform, u.Zip(v, (a, b) => a * b).ToArray());
            for (int i = 0; i < m; i++)
                Assert.Equal(Enumerable.Range(0, r).Aggregate(Rational.Zero, (sum, k) => sum + g[k] * d[i + k]), y[i]);
        }
    }

    /// <summary>In two dimensions, <c>A^T [(G g G^T) * (B^T d B)] A</c> is the 2-D correlation, in doubles for random data.</summary>
    [Theory]
    [InlineData(3, 1, 1)]
    [InlineData(4, 2, 1)]
    public void TheTwoDimensionalIdentityHolds(int k, int s, int p)
    {
        var plan = WinogradPlanner.Plan(Square(k, s, p))!;
        int m = plan.Outputs, r = plan.Taps, n = plan.Inputs;
        var random = new Random(k);
        double[,] d = RandomMatrix(random, n, n), g = RandomMatrix(random, r, r);
        var bt = ToDouble(plan.Matrices.InputTransform);
        var gm = ToDouble(plan.Matrices.KernelTransform);
        var at = ToDouble(plan.Matrices.OutputTransform);
        var u = Multiply(Multiply(gm, g), Transpose(gm));
        var v = Multiply(Multiply(bt, d), Transpose(bt));
        var product = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                product[i, j] = u[i, j] * v[i, j];
        var y = Multiply(Multiply(at, product), Transpose(at));
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < m; j++)
            {
                double expected = 0;
                for (int ky = 0; ky < r; ky++)
                    for (int kx = 0; kx < r; kx++)
                        expected += g[ky, kx] * d[i + ky, j + kx];
                Assert.Equal(expected, y[i, j], 12);
            }
        }
    }

    [Fact]
    public void SharedPairsAreComputedOnceAndStartTheirRows()
    {
        var combination = LinearCombinations.Combine(Matrix([1, 1, 1, 0], [0, 1, -1, 0], [0, 1, 1, 1]), ["m0", "m1", "m2", "m3"], "sum", CombinationSyntax.Vector);
        Assert.Equal(new[] { ("sum", "TSimd.Add(m1, m2)") }, combination.Shared);
        Assert.Equal(new[] { "TSimd.Add(sum, m0)", "TSimd.Subtract(m1, m2)", "TSimd.Add(sum, m3)" }, combination.Rows);
    }

    [Fact]
    public void OtherCoefficientsAreMultipliedByFloatLiterals()
    {
        var matrix = RationalMatrix.From(new[] { new Rational[] { 0, -1, 0 }, new[] { Half, 2, -Half }, new Rational[] { -4, 0, 1 } });
        var combination = LinearCombinations.Combine(matrix, ["a", "b", "c"], "sum", CombinationSyntax.Vector);
        Assert.Empty(combination.Shared);
        Assert.Equal(new[]
        {
            "TSimd.Multiply(TSimd.Create(-1f), b)",
            "TSimd.Subtract(TSimd.Add(TSimd.Multiply(TSimd.Create(0.5f), a), TSimd.Multiply(TSimd.Create(2f), b)), TSimd.Multiply(TSimd.Create(0.5f), c))",
            "TSimd.Subtract(c, TSimd.Multiply(TSimd.Create(4f), a))",
        }, combination.Rows);
    }

    /// <summary>The weight transform's syntax: double arithmetic, left to right as C# evaluates it, with double literals.</summary>
    [Fact]
    public void TheDoubleSyntaxWritesPlainArithmetic()
    {
        var matrix = RationalMatrix.From(new[] { new Rational[] { 0, -1, 0 }, new[] { Half, -Half, Half }, new Rational[] { 1, 1, 0 }, new Rational[] { 0, 0, 0 } });
        var combination = LinearCombinations.Combine(matrix, ["g[0]", "g[3]", "g[6]"], "sum", CombinationSyntax.Double);
        Assert.Empty(combination.Shared);
        Assert.Equal(new[] { "-1d * g[3]", "0.5d * g[0] - 0.5d * g[3] + 0.5d * g[6]", "g[0] + g[3]", "0d" }, combination.Rows);
        Assert.Equal("0.1d", Literals.Double(0.1));
        Assert.Equal("2d", Literals.Double(2));
    }

    [Fact]
    public void TheDerivationRefusesBadPoints()
    {
        Assert.Throws<ArgumentException>(() => CookToom.Derive(2, 3, new Rational[] { 0, 1 }, 1));
        Assert.Throws<ArgumentException>(() => CookToom.Derive(2, 3, new Rational[] { 0, 1, 1 }, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => CookToom.Derive(2, 3, new Rational[] { 0, 1, -1 }, 0));
    }

    private static Rational[] Apply(RationalMatrix matrix, Rational[] vector) =>
        Enumerable.Range(0, matrix.Rows).Select(i => Enumerable.Range(0, matrix.Columns).Aggregate(Rational.Zero, (sum, j) => sum + matrix[i, j] * vector[j])).ToArray();

    private static double[,] RandomMatrix(Random random, int rows, int columns)
    {
        var result = new double[rows, columns];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
                result[i, j] = random.NextDouble() * 2 - 1;
        return result;
    }

    private static double[,] ToDouble(RationalMatrix matrix)
    {
        var result = new double[matrix.Rows, matrix.Columns];
        for (int i = 0; i < matrix.Rows; i++)
            for (int j = 0; j < matrix.Columns; j++)
                result[i, j] = matrix[i, j].ToDouble();
        return result;
    }

    private static double[,] Transpose(double[,] a)
    {
        var result = new double[a.GetLength(1), a.GetLength(0)];
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++)
                result[j, i] = a[i, j];
        return result;
    }

    private static double[,] Multiply(double[,] a, double[,] b)
    {
        var result = new double[a.GetLength(0), b.GetLength(1)];
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < b.GetLength(1); j++)
                for (int k = 0; k < a.GetLength(1); k++)
                    result[i, j] += a[i, k] * b[k, j];
        return result;
    }
}
