using System;
using TConvGen.Parity.Tests.Support;

namespace TConvGen.Parity.Tests;

/// <summary>Compares every algorithm of the enum, through Run and through Prepare, with a peer's output.</summary>
internal static class ParityAssert
{
    public static void AllAlgorithmsMatch(string peer, ParityCase c, (float[] Output, long[] Shape) expected)
    {
        foreach (var algorithm in Enum.GetValues<ConvTranspose2dAlgorithm>())
        {
            var (run, prepared, shape) = c.RunTConvGen(algorithm);
            Closeness.Assert($"{c}, {algorithm}.Run vs {peer}", expected.Output, expected.Shape, run, shape);
            Closeness.Assert($"{c}, {algorithm}.Prepare+Run vs {peer}", expected.Output, expected.Shape, prepared, shape);
        }
    }
}
