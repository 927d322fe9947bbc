using System;
using BenchmarkDotNet.Loggers;

namespace TConvGen.Bench.Measurement;

/// <summary>Keeps BenchmarkDotNet quiet but for errors; <see cref="ConvTransposeBenchmarks"/> prints one line per case.</summary>
internal sealed class ErrorsOnlyLogger : ILogger
{
    public string Id => nameof(ErrorsOnlyLogger);

    public int Priority => 0;

    public void Write(LogKind logKind, string text)
    {
    }

    public void WriteLine()
    {
    }

    public void WriteLine(LogKind logKind, string text)
    {
        if (logKind == LogKind.Error)
            Console.WriteLine("  " + text);
    }

    public void Flush()
    {
    }
}
