using System;
using TConvGen.Tests.Shared;

namespace TConvGen.Sweep;

/// <summary>Runs kernels on a case and compares them with the reference by the tests' criterion (<see cref="OutputDifference"/>:
/// every element within 1e-5 of the largest expected magnitude, a NaN fails), with nothing written past the output
/// (<see cref="GuardedOutput"/>). An activated case is measured against its convolution's magnitude
/// (<see cref="OutputDifference.ActivatedMagnitude"/>: the activation squashes the values, not the convolution's rounding).
/// Counts and prints the results.</summary>
internal sealed class SweepChecker
{
    public int Passed { get; private set; }

    public int Failed { get; private set; }

    /// <summary>Every algorithm, through Run on one thread and through Prepare and Run on two.</summary>
    public void CheckAlgorithms(SweepCase c)
    {
        var expected = Expected(c);
        foreach (var algorithm in Enum.GetValues<ConvTranspose2dAlgorithm>())
            Check($"{algorithm}", ConvTranspose2d.Create(c.Options, algorithm), c, expected);
    }

    /// <summary>A generated kernel, through Run and through Prepare and Run.</summary>
    public void CheckGenerated(string name, ConvTranspose2d kernel, SweepCase c) => Check($"generated {name}", kernel, c, Expected(c));

    private void Check(string what, ConvTranspose2d kernel, SweepCase c, float[] expected)
    {
        var run = GuardedOutput.Create(expected.Length);
        kernel.Run(c.Input, c.Weight, c.Bias, run.AsSpan(0, expected.Length), c.Shape, 1);
        Record($"{what} Run", c, expected, run);

        var prepared = GuardedOutput.Create(expected.Length);
        kernel.Prepare(c.Weight, c.Bias, c.Shape.InChannels, c.Shape.OutChannels)
            .Run(c.Input, prepared.AsSpan(0, expected.Length), c.Shape.Batch, c.Shape.Height, c.Shape.Width, 2);
        Record($"{what} Prepare+Run", c, expected, prepared);
    }

    private void Record(string what, SweepCase c, float[] expected, float[] buffer)
    {
        var difference = OutputDifference.Between(expected, buffer.AsSpan(0, expected.Length), Magnitude(c, expected));
        int touched = GuardedOutput.TouchedAt(buffer, expected.Length);
        string? problem = !difference.IsClose ? difference.Describe("reference")
            : touched >= 0 ? $"wrote past the output, at index {touched} of {expected.Length}"
            : null;
        if (problem is null)
        {
            Passed++;
            return;
        }
        Failed++;
        Console.WriteLine($"FAILED {what}: {problem} for {c}");
    }

    private static float[] Expected(SweepCase c) => Expected(c.Options, c);

    private static float[] Expected(ConvTranspose2dOptions options, SweepCase c)
    {
        var expected = new float[ConvTranspose2dProblem.Create(options, c.Shape).OutputLength];
        ConvTranspose2d.Create(options, ConvTranspose2dAlgorithm.Reference).Run(c.Input, c.Weight, c.Bias, expected, c.Shape, 1);
        return expected;
    }

    /// <summary>The expected output's magnitude, or for an activated case its convolution's through the activation's largest
    /// slope (<see cref="ActivationLipschitz"/>).</summary>
    private static double Magnitude(SweepCase c, float[] expected)
    {
        var o = c.Options;
        if (o.Activation == ConvTransposeActivation.None)
            return OutputDifference.MagnitudeOf(expected);
        return OutputDifference.ActivatedMagnitude(Expected(o with { Activation = ConvTransposeActivation.None }, c), expected, ActivationLipschitz.Of(o.Activation, o.ActivationSlope));
    }
}
