using System.Collections.Generic;
using TConvGen.Tests.Shared;
using Xunit.Abstractions;

namespace TConvGen.Generator.Consumer.Tests;

/// <summary>A peer report that keeps what it is told, for the tests of the witness rule. It writes to the test's output
/// but not to the process's peer report file, so that the deliberately wrong peers of those tests do not read as real
/// disagreements in the CI log.</summary>
internal sealed class RecordingPeerReport(ITestOutputHelper output) : IPeerReport
{
    private readonly List<Testimony> _heard = [];

    /// <summary>Everything heard, in order.</summary>
    public IReadOnlyList<Testimony> Testimonies => _heard;

    /// <inheritdoc />
    void IPeerReport.Heard(Testimony testimony)
    {
        _heard.Add(testimony);
        output.WriteLine("(test of the witness rule) " + testimony.Describe());
    }
}
