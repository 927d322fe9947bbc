using System.Collections.Generic;
using System.Linq;
using TConvGen.Generator.Model;

namespace TConvGen.Generator.Planning;

/// <summary>A matrix of exact fractions, row-major, compared by value (it is part of the pipeline's plan).</summary>
internal sealed record RationalMatrix(int Rows, int Columns, EquatableArray<Rational> Entries)
{
    public Rational this[int row, int column] => Entries[row * Columns + column];

    /// <summary>Row <paramref name="row"/>'s entries.</summary>
    public IEnumerable<Rational> Row(int row) => Enumerable.Range(0, Columns).Select(column => this[row, column]);

    public static RationalMatrix From(IReadOnlyList<Rational[]> rows) =>
        new(rows.Count, rows.Count == 0 ? 0 : rows[0].Length, EquatableArray.From(rows.SelectMany(row => row)));

    /// <summary>e.g. <c>[1 0 -1 0; 0 1 1 0]</c>, as the runtime's comments write the matrices.</summary>
    public override string ToString() =>
        "[" + string.Join("; ", Enumerable.Range(0, Rows).Select(row => string.Join(" ", Row(row)))) + "]";
}
