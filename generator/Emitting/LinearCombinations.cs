using System.Collections.Generic;
using System.Linq;
using TConvGen.Generator.Planning;

namespace TConvGen.Generator.Emitting;

/// <summary>The shared sub-expressions and the row expressions of one matrix applied to named values.</summary>
/// <param name="Shared">Locals to declare first, in order: name and expression.</param>
/// <param name="Rows">Row <c>i</c>'s expression, <c>sum_j M[i][j] * inputs[j]</c>.</param>
internal sealed record LinearCombination(IReadOnlyList<(string Name, string Expression)> Shared, IReadOnlyList<string> Rows);

/// <summary>
/// Matrix x named values -> expressions in a <see cref="CombinationSyntax"/> (the width struct's operations, or doubles), as
/// a hand-written transform writes them: zero coefficients dropped, ±1 as additions and subtractions, other constants as
/// multiplications by a literal, and a pair of inputs that several rows combine alike (<c>m1 + m2</c> in two of F(3, 2)'s
/// three output rows) computed once. A row starts from its shared pair, then its first positive term. Pure.
/// </summary>
internal static class LinearCombinations
{
    /// <param name="matrix">The coefficients: one row per result, one column per input.</param>
    /// <param name="inputs">The inputs' names.</param>
    /// <param name="sharedName">The shared locals' name; a second one in the same combination gets a suffix.</param>
    /// <param name="syntax">How the operations are written.</param>
    public static LinearCombination Combine(RationalMatrix matrix, IReadOnlyList<string> inputs, string sharedName, CombinationSyntax syntax)
    {
        var rows = Enumerable.Range(0, matrix.Rows)
            .Select(i => Enumerable.Range(0, matrix.Columns).Where(j => !matrix[i, j].IsZero).Select(j => new Term(matrix[i, j], inputs[j])).ToList())
            .ToList();
        var shared = new List<(string Name, string Expression)>();
        while (MostSharedPair(rows) is { } pair)
        {
            string name = shared.Count == 0 ? sharedName : sharedName + Literals.Int(shared.Count + 1);
            shared.Add((name, Expression(new List<Term> { new(Rational.One, pair.First), new(pair.Ratio, pair.Second) }, syntax)));
            foreach (var row in rows)
                Substitute(row, pair, name);
        }
        return new LinearCombination(shared, rows.Select(row => Expression(row, syntax)).ToList());
    }

    private sealed record Term(Rational Coefficient, string Input);

    /// <summary><c>First + Ratio * Second</c>, with a ratio of ±1.</summary>
    private sealed record Pair(string First, string Second, Rational Ratio);

    /// <summary>The ±1 pair of inputs that most rows (at least two) hold with the same ratio, the first such in row order.</summary>
    private static Pair? MostSharedPair(List<List<Term>> rows) =>
        rows.SelectMany(UnitPairs)
            .GroupBy(pair => pair)
            .Where(group => group.Count() >= 2)
            .OrderByDescending(group => group.Count())
            .Select(group => group.Key)
            .FirstOrDefault();

    private static IEnumerable<Pair> UnitPairs(List<Term> row) =>
        from first in row
        from second in row
        where row.IndexOf(first) < row.IndexOf(second) && first.Coefficient.Abs.Equals(Rational.One) && second.Coefficient.Abs.Equals(Rational.One)
        select new Pair(first.Input, second.Input, second.Coefficient / first.Coefficient);

    /// <summary>Replaces the pair's two terms in <paramref name="row"/>, if it holds them alike, by the shared local, first.</summary>
    private static void Substitute(List<Term> row, Pair pair, string name)
    {
        var first = row.FirstOrDefault(term => term.Input == pair.First);
        var second = row.FirstOrDefault(term => term.Input == pair.Second);
        if (first is null || second is null || !first.Coefficient.Abs.Equals(Rational.One) || !(second.Coefficient / first.Coefficient).Equals(pair.Ratio))
            return;
        row.Remove(first);
        row.Remove(second);
        row.Insert(0, new Term(first.Coefficient, name));
    }

    /// <summary>The terms folded left to right from the first positive one, e.g. <c>TSimd.Subtract(TSimd.Add(a, b), c)</c>.</summary>
    private static string Expression(List<Term> terms, CombinationSyntax syntax)
    {
        if (terms.Count == 0)
            return syntax.Zero;
        var start = terms.FirstOrDefault(term => term.Coefficient.Sign > 0) ?? terms[0];
        string expression = Scaled(start.Coefficient, start.Input, syntax);
        foreach (var term in terms.Where(term => !ReferenceEquals(term, start)))
        {
            string scaled = Scaled(term.Coefficient.Abs, term.Input, syntax);
            expression = term.Coefficient.Sign > 0 ? syntax.Add(expression, scaled) : syntax.Subtract(expression, scaled);
        }
        return expression;
    }

    /// <summary><c>input</c>, or the syntax's product, e.g. <c>TSimd.Multiply(TSimd.Create(0.5f), input)</c>.</summary>
    private static string Scaled(Rational coefficient, string input, CombinationSyntax syntax) =>
        coefficient.Equals(Rational.One) ? input : syntax.Scale(coefficient, input);
}
