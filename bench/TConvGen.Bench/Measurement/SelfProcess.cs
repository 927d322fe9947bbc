using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace TConvGen.Bench.Measurement;

/// <summary>Starts the benchmark again as a child process: the way to run code under an environment (the JIT's ISA
/// switches, oneDNN's variables) that is read only when a process starts.</summary>
internal static class SelfProcess
{
    /// <summary>A start description of this benchmark with <paramref name="arguments"/>; the caller adds the environment
    /// and any redirection.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        string host = System.Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        // Under `dotnet TConvGen.Bench.dll` the host is dotnet and needs the assembly; the apphost does not.
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
            start.ArgumentList.Add(typeof(SelfProcess).Assembly.Location);
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        return start;
    }
}
