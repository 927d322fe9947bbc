using System;

namespace TConvGen.Parity.Tests.Probe;

/// <summary>
/// The test assembly's entry point (the test SDK's generated one is switched off in the .csproj). Under vstest it is never
/// called; the tests start the assembly as a child process (<c>dotnet TConvGen.Parity.Tests.dll libtorch-probe SET</c>)
/// to run libtorch in an environment of their choosing: oneDNN reads ONEDNN_MAX_CPU_ISA and ONEDNN_VERBOSE only from
/// the environment a process starts with.
/// </summary>
public static class Program
{
    /// <summary>Runs <see cref="LibTorchProbe"/>; 2 on a wrong command line.</summary>
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args is [LibTorchProbe.Command, string set] && LibTorchProbe.Cases(set) is { } cases)
            return LibTorchProbe.Run(cases, Console.Out);
        Console.Error.WriteLine($"usage: {LibTorchProbe.Command} {string.Join("|", LibTorchProbe.Sets)}");
        return 2;
    }
}
