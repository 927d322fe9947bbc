using System;

namespace TConvGen.Generator.Planning;

/// <summary>An exact fraction in lowest terms with a positive denominator, for the Winograd matrices: their entries are
/// small (powers of the interpolation points over products of their differences), so 64 bits never overflow here, and
/// checked arithmetic would say so if they did.</summary>
internal readonly struct Rational : IEquatable<Rational>
{
    public Rational(long numerator, long denominator = 1)
    {
        if (denominator == 0)
            throw new ArgumentOutOfRangeException(nameof(denominator), denominator, "The denominator must not be zero.");
        long divisor = Gcd(Math.Abs(numerator), Math.Abs(denominator));
        long sign = denominator < 0 ? -1 : 1;
        Numerator = checked(sign * numerator / divisor);
        _denominator = checked(sign * denominator / divisor);
    }

    private readonly long _denominator;

    public long Numerator { get; }

    /// <summary>Positive; 1 for the default value (zero).</summary>
    public long Denominator => _denominator == 0 ? 1 : _denominator;

    public static Rational Zero => default;
    public static Rational One => new(1);

    public bool IsZero => Numerator == 0;

    /// <summary>-1, 0 or 1.</summary>
    public int Sign => Math.Sign(Numerator);

    public Rational Abs => new(Math.Abs(Numerator), Denominator);

    public static Rational operator +(Rational a, Rational b) =>
        new(checked(a.Numerator * b.Denominator + b.Numerator * a.Denominator), checked(a.Denominator * b.Denominator));

    public static Rational operator -(Rational a, Rational b) => a + -b;

    public static Rational operator -(Rational a) => new(-a.Numerator, a.Denominator);

    public static Rational operator *(Rational a, Rational b) =>
        new(checked(a.Numerator * b.Numerator), checked(a.Denominator * b.Denominator));

    public static Rational operator /(Rational a, Rational b) =>
        new(checked(a.Numerator * b.Denominator), checked(a.Denominator * b.Numerator));

    public static implicit operator Rational(long value) => new(value);

    /// <summary>The nearest double (exact for the halves and quarters the tiles use).</summary>
    public double ToDouble() => (double)Numerator / Denominator;

    public bool Equals(Rational other) => Numerator == other.Numerator && Denominator == other.Denominator;

    public override bool Equals(object? obj) => obj is Rational other && Equals(other);

    public override int GetHashCode() => unchecked((int)(Numerator * 31 + Denominator));

    public override string ToString() => Denominator == 1 ? Numerator.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : Numerator.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/" + Denominator.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static long Gcd(long a, long b)
    {
        while (b != 0)
            (a, b) = (b, a % b);
        return a == 0 ? 1 : a;
    }
}
