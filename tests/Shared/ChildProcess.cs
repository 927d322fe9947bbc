using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;

namespace TConvGen.Tests.Shared;

/// <summary>
/// A child process the tests start (a <c>dotnet test</c> leg, a probe, <c>dotnet pack</c>): run to the end with its output
/// captured, or killed with its whole tree once <c>limit</c> has passed. It inherits this process's environment, with
/// <c>environment</c>'s changes applied (a null value removes the variable). (Compiled into each project that uses it.)
/// </summary>
internal static class ChildProcess
{
    /// <summary>What a finished child printed; <see cref="TimedOut"/> when it was killed.</summary>
    public sealed record Result(int ExitCode, string Output, string Errors, bool TimedOut);

    /// <summary>Runs <c>dotnet</c> (the host running this process where the SDK says which) with <paramref name="arguments"/>.</summary>
    public static Result RunDotnet(IEnumerable<string> arguments, TimeSpan limit,
        IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
            start.WorkingDirectory = workingDirectory;
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException($"{dotnet} did not start.");
        var output = child.StandardOutput.ReadToEndAsync();
        var errors = child.StandardError.ReadToEndAsync();
        bool finished = child.WaitForExit(limit);
        if (!finished)
            child.Kill(entireProcessTree: true);
        Task.WaitAll(output, errors);
        return new Result(finished ? child.ExitCode : -1, output.Result, errors.Result, !finished);
    }
}
