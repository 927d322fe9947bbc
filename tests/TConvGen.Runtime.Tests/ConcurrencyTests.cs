using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TConvGen.Runtime.Tests.Support;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>
/// Kernels and prepared kernels are immutable and safe to share: one object used from many threads at once gives,
/// for each call, exactly what the same call gives when the calls run one after another.
/// </summary>
public sealed class ConcurrencyTests
{
    private const int Threads = 8;
    private const int CallsPerThread = 3;

    // Large enough (Cin 16 x Cout 16 x 4x4 taps x 16x16 pixels = 1M multiply-adds) for kernels to split a call over cores too.
    private static readonly ConvTranspose2dOptions Options = new(kernel: 4, stride: 2, padding: 1);
    private static readonly ConvTranspose2dShape Shape = new(2, 16, 16, 16, 16);

    public static TheoryData<ConvTranspose2dAlgorithm, int> Cases()
    {
        var data = new TheoryData<ConvTranspose2dAlgorithm, int>();
        foreach (var algorithm in Enum.GetValues<ConvTranspose2dAlgorithm>())
        {
            data.Add(algorithm, 1);
            data.Add(algorithm, -1);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SharedKernelGivesTheSequentialResults(ConvTranspose2dAlgorithm algorithm, int maxDegreeOfParallelism)
    {
        var problems = Problems();
        var kernel = ConvTranspose2d.Create(Options, algorithm);
        float[] Run(TestProblem p)
        {
            var output = new float[p.OutputLength];
            kernel.Run(p.Input, p.Weight, p.Bias, output, p.Shape, maxDegreeOfParallelism);
            return output;
        }

        var sequential = problems.Select(Run).ToArray();
        var concurrent = RunConcurrently(problems, Run);

        for (int i = 0; i < problems.Length; i++)
            Assert.True(sequential[i].AsSpan().SequenceEqual(concurrent[i]), $"call {i} differs when run concurrently");
        Assert.NotEqual(sequential[0], sequential[1]); // distinct calls, so a mix-up between threads would show
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SharedPreparedKernelGivesTheSequentialResults(ConvTranspose2dAlgorithm algorithm, int maxDegreeOfParallelism)
    {
        var problems = Problems();
        var prepared = ConvTranspose2d.Create(Options, algorithm).Prepare(problems[0].Weight, problems[0].Bias, Shape.InChannels, Shape.OutChannels);
        float[] Run(TestProblem p)
        {
            var output = new float[p.OutputLength];
            prepared.Run(p.Input, output, Shape.Batch, Shape.Height, Shape.Width, maxDegreeOfParallelism);
            return output;
        }

        var sequential = problems.Select(Run).ToArray();
        var concurrent = RunConcurrently(problems, Run);

        for (int i = 0; i < problems.Length; i++)
            Assert.True(sequential[i].AsSpan().SequenceEqual(concurrent[i]), $"call {i} differs when run concurrently");
        Assert.NotEqual(sequential[0], sequential[1]);
    }

    /// <summary>A different input (and weights, for the unprepared kernel) for every call.</summary>
    private static TestProblem[] Problems() =>
        Enumerable.Range(0, Threads * CallsPerThread).Select(i => TestProblem.Filled(Options, Shape, new Random(1000 + i))).ToArray();

    /// <summary>Starts all threads together (a barrier), each running its share of the calls.</summary>
    private static float[][] RunConcurrently(TestProblem[] problems, Func<TestProblem, float[]> run)
    {
        var results = new float[problems.Length][];
        using var barrier = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            barrier.SignalAndWait();
            for (int c = 0; c < CallsPerThread; c++)
            {
                int i = c * Threads + t;
                results[i] = run(problems[i]);
            }
        })).ToArray();
        foreach (var thread in threads)
            thread.Start();
        foreach (var thread in threads)
            thread.Join();
        return results;
    }
}
