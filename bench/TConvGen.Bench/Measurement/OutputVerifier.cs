using System;
using System.Collections.Generic;
using TConvGen.Bench.Implementations;
using TConvGen.Bench.Suite;

namespace TConvGen.Bench.Measurement;

/// <summary>
/// Checks every implementation's output against the reference kernel before anything is timed. The reference is the
/// judge: one of TConvGen's implementations that is wrong is a bug and stops the benchmark; a peer that is wrong is a
/// witness that erred (oneDNN's AVX-512 deconvolution was seen wrong on DCGAN's 100->512 on 1x1), and is recorded.
/// </summary>
internal static class OutputVerifier
{
    /// <summary>Largest |difference| allowed, relative to the output's largest magnitude (floor 1).</summary>
    public const double Tolerance = 1e-4;

    /// <summary>Runs each implementation once per shape.</summary>
    /// <exception cref="InvalidOperationException">One of TConvGen's implementations differs from the reference.</exception>
    public static Verification Verify(IReadOnlyList<BenchShape> shapes, IReadOnlyList<string> implementations, int threads)
    {
        var unavailable = new Dictionary<string, string>();
        var wrongPeers = new Dictionary<(string, string), WrongOutput>();
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
                if (!implementation.Supports(shape))
                    continue;
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
                if (FirstError(expected, implementation.Output, scale) is not { } error)
                    continue;
                if (!implementation.IsPeer)
                {
                    throw new InvalidOperationException(
                        $"{name} is wrong on shape {shape.Id} ({shape.Description}): {error}. Nothing was timed.");
                }
                var wrong = new WrongOutput(implementation.IsaFor(shape), error);
                wrongPeers[(name, shape.Id)] = wrong;
                Console.WriteLine($"  {name} is WRONG on shape {shape.Id} ({shape.Description}): {wrong}. It is timed and marked wrong.");
            }
        }
        return new Verification(unavailable, wrongPeers);
    }

    /// <summary>The first element out of tolerance, described, or null when every element is within it.</summary>
    private static string? FirstError(float[] expected, ReadOnlySpan<float> actual, double scale)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]);
            if (!(error <= Tolerance * scale))
                return $"output[{i}] = {actual[i]}, reference {expected[i]} (|error| {error:G3} > {Tolerance} x {scale:G3})";
        }
        return null;
    }
}
