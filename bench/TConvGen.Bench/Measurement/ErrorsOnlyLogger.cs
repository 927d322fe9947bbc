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
        // BenchmarkDotNet's configuration notes ("// * No exporters defined ...") are not errors of a run.
        if (logKind == LogKind.Error && !text.TrimStart().StartsWith("//", StringComparison.Ordinal))
            Console.WriteLine("  " + text);
    }

    public void Flush()
    {
    }
}
