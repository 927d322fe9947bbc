using System;
using TConvGen.Generator.Planning;

namespace TConvGen.Generator.Emitting;

/// <summary>How <see cref="LinearCombinations"/> writes its operations: over the width struct's vectors (the input and
/// output transforms) or over doubles (the weight transform). Each operation takes its operands' text and returns the
/// expression's; a left operand may itself be a sum, which the double syntax leaves to C#'s left-to-right evaluation.</summary>
internal sealed class CombinationSyntax
{
    private CombinationSyntax(string zero, Func<string, string, string> add, Func<string, string, string> subtract, Func<Rational, string, string> scale)
    {
        Zero = zero;
        Add = add;
        Subtract = subtract;
        Scale = scale;
    }

    /// <summary>The width struct's operations: <c>TSimd.Add(a, b)</c>, <c>TSimd.Multiply(TSimd.Create(0.5f), x)</c>.</summary>
    public static CombinationSyntax Vector { get; } = new(
        "TSimd.Create(0f)",
        (left, right) => "TSimd.Add(" + left + ", " + right + ")",
        (left, right) => "TSimd.Subtract(" + left + ", " + right + ")",
        (coefficient, input) => "TSimd.Multiply(TSimd.Create(" + Literals.Float((float)coefficient.ToDouble()) + "), " + input + ")");

    /// <summary>Double arithmetic: <c>a + b</c>, <c>0.5d * x</c>.</summary>
    public static CombinationSyntax Double { get; } = new(
        "0d",
        (left, right) => left + " + " + right,
        (left, right) => left + " - " + right,
        (coefficient, input) => Literals.Double(coefficient.ToDouble()) + " * " + input);

    /// <summary>The empty sum.</summary>
    public string Zero { get; }

    /// <summary><c>left + right</c>.</summary>
    public Func<string, string, string> Add { get; }

    /// <summary><c>left - right</c>.</summary>
    public Func<string, string, string> Subtract { get; }

    /// <summary><c>coefficient * input</c>, for a coefficient other than 1.</summary>
    public Func<Rational, string, string> Scale { get; }
}
