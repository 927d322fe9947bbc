using System;
using System.Collections.Generic;
using TConvGen.Bench.Implementations;
using TConvGen.Bench.Suite;

namespace TConvGen.Bench.Measurement;

/// <summary>Checks every implementation's output against the reference kernel before anything is timed.</summary>
internal static class OutputVerifier
{
    /// <summary>Largest |difference| allowed, relative to the output's largest magnitude (floor 1).</summary>
    public const double Tolerance = 1e-4;

    /// <summary>Runs each implementation once per shape; returns the implementations that cannot load (name -> reason).</summary>
    /// <exception cref="InvalidOperationException">An implementation's output differs from the reference.</exception>
    public static Dictionary<string, string> Verify(IReadOnlyList<BenchShape> shapes, IReadOnlyList<string> implementations, int threads)
    {
        var unavailable = new Dictionary<string, string>();
        foreach (var shape in shapes)
        {
            var data = new BenchData(shape);
            var expected = new float[shape.OutputLength];
            ConvTranspose2d.Create(shape.Options, ConvTranspose2dAlgorithm.Reference).Run(data.Input, data.Weight, data.Bias, expected, shape.Shape);
            double scale = 1;
            foreach (float value in expected)
                scale = Math.Max(scale, Math.Abs(value));

            foreach (var name in implementations)
            {
                if (unavailable.ContainsKey(name))
                    continue;
                using var implementation = ImplementationCatalog.Create(name);
                try
                {
                    implementation.Setup(shape, data, threads);
                }
                catch (PeerUnavailableException e)
                {
                    unavailable[name] = e.Message;
                    continue;
                }
                implementation.Run();
                var actual = implementation.Output;
                for (int i = 0; i < expected.Length; i++)
                {
                    double error = Math.Abs(actual[i] - expected[i]);
                    if (!(error <= Tolerance * scale))
                    {
                        throw new InvalidOperationException(
                            $"{name} is wrong on shape {shape.Id} ({shape.Description}): output[{i}] = {actual[i]}, reference {expected[i]} " +
                            $"(|error| {error:G3} > {Tolerance} x {scale:G3}). Nothing was timed.");
                    }
                }
            }
        }
        return unavailable;
    }
}
