using System;
using System.Runtime.Intrinsics;
using TConvGen;
using TConvGen.Runtime.Tests.Support;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>The width structs' inlined <c>exp</c> (<see cref="SimdExp"/>, which sigmoid, tanh and SiLU use): within 3e-7 of
/// <c>Math.Exp</c> relative over the normal range, the subnormal range within its spacing, +inf past 88.73, 0 at -inf, NaN
/// for NaN, at every vector width this machine runs.</summary>
public sealed class SimdExpTests
{
    private static float[] Inputs()
    {
        var values = new System.Collections.Generic.List<float>();
        for (double x = -110; x <= 95; x += 0.0137)
            values.Add((float)x);
        values.AddRange([0f, -0f, 1e-30f, -1e-30f, 88.72283f, 88.72284f, 88.7229f, -87.33654f, -103.972f, -104f, -150f, 89f, 1000f, -1000f,
            float.MaxValue, float.MinValue, float.PositiveInfinity, float.NegativeInfinity, float.NaN]);
        return values.ToArray();
    }

    [Fact]
    public void ExpIsWithinAFewUlpAndKeepsTheSpecialValues()
    {
        foreach (var level in VectorLevels.Running)
        foreach (float x in Inputs())
        {
            float actual = level switch
            {
                SimdLevel.Vector512 => Simd512.Exp(Vector512.Create(x)).GetElement(15),
                SimdLevel.Vector256 => Simd256.Exp(Vector256.Create(x)).GetElement(7),
                _ => Simd128.Exp(Vector128.Create(x)).GetElement(3),
            };
            double expected = Math.Exp(x);
            if (double.IsNaN(expected))
                Assert.True(float.IsNaN(actual), $"{level}: exp({x}) = {actual}, expected NaN");
            else if (expected > float.MaxValue)
                Assert.True(float.IsPositiveInfinity(actual), $"{level}: exp({x}) = {actual}, expected +inf");
            else if (expected < 1.17549435e-38)
                Assert.True(Math.Abs(actual - expected) <= 1.5e-45, $"{level}: exp({x}) = {actual:R}, expected {expected:R}");
            else
                Assert.True(Math.Abs(actual - expected) <= 3e-7 * expected, $"{level}: exp({x}) = {actual:R}, expected {expected:R}, relative error {Math.Abs(actual - expected) / expected:E2}");
        }
    }
}
