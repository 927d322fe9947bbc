using System;

namespace TConvGen.Sweep;

/// <summary>Runs kernels on a case and compares them with the reference: every element within 1e-5 of the largest
/// expected magnitude (a NaN fails), and nothing written past the output. Counts and prints the results.</summary>
internal sealed class SweepChecker
{
    private const double Relative = 1e-5;
    private const int GuardLength = 64;
    private const float Guard = -12345.5f;

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
        var run = Guarded(expected.Length);
        kernel.Run(c.Input, c.Weight, c.Bias, run.AsSpan(0, expected.Length), c.Shape, 1);
        Record($"{what} Run", c, expected, run);

        var prepared = Guarded(expected.Length);
        kernel.Prepare(c.Weight, c.Bias, c.Shape.InChannels, c.Shape.OutChannels)
            .Run(c.Input, prepared.AsSpan(0, expected.Length), c.Shape.Batch, c.Shape.Height, c.Shape.Width, 2);
        Record($"{what} Prepare+Run", c, expected, prepared);
    }

    private void Record(string what, SweepCase c, float[] expected, float[] buffer)
    {
        if (Mismatch(expected, buffer) is string problem)
        {
            Failed++;
            Console.WriteLine($"FAILED {what}: {problem} for {c}");
        }
        else
        {
            Passed++;
        }
    }

    private static float[] Expected(SweepCase c)
    {
        var expected = new float[ConvTranspose2dProblem.Create(c.Options, c.Shape).OutputLength];
        ConvTranspose2d.Create(c.Options, ConvTranspose2dAlgorithm.Reference).Run(c.Input, c.Weight, c.Bias, expected, c.Shape, 1);
        return expected;
    }

    // The output part filled with NaN, so that an element left unwritten fails; the guard behind it catches stores past the end.
    private static float[] Guarded(int length)
    {
        var buffer = new float[length + GuardLength];
        buffer.AsSpan(0, length).Fill(float.NaN);
        buffer.AsSpan(length).Fill(Guard);
        return buffer;
    }

    private static string? Mismatch(float[] expected, float[] buffer)
    {
        double scale = 1e-30;
        foreach (float value in expected)
            scale = Math.Max(scale, Math.Abs(value));
        for (int i = 0; i < expected.Length; i++)
        {
            if (!(Math.Abs(expected[i] - buffer[i]) <= Relative * scale))
                return $"output[{i}] is {buffer[i]}, expected {expected[i]} (tolerance {Relative * scale})";
        }
        int touched = Array.FindIndex(buffer, expected.Length, value => value != Guard);
        return touched >= 0 ? $"wrote past the output, at index {touched} of {expected.Length}" : null;
    }
}
