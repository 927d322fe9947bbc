using System;
using Xunit.Abstractions;

namespace TConvGen.Tests.Shared;

/// <summary>
/// The report of a test: each testimony goes to the test's output (vstest shows it for failed tests, or with
/// <c>--logger "console;verbosity=detailed"</c>) and to this process's <see cref="PeerReportFile"/>, which the CI log
/// prints. (Compiled into each project that uses it.)
/// </summary>
internal sealed class PeerReport(ITestOutputHelper output) : IPeerReport
{
    /// <inheritdoc />
    public void Heard(Testimony testimony)
    {
        ArgumentNullException.ThrowIfNull(testimony);
        output.WriteLine(testimony.Describe());
        PeerReportFile.Process.Add(testimony);
    }
}
