using System.Collections.Generic;
using TConvGen.Generator.Tests.Infrastructure;
using Xunit;

namespace TConvGen.Generator.Tests;

/// <summary>The snapshot helper's own rules.</summary>
public sealed class SnapshotAssertTests
{
    [Theory]
    [InlineData("1", null, true)]
    [InlineData("1", "false", true)]
    [InlineData("1", "true", false)]
    [InlineData("1", "TRUE", false)]
    [InlineData(null, null, false)]
    [InlineData("0", null, false)]
    public void AcceptsOnlyWhenAskedAndNotInCi(string? accept, string? ci, bool expected)
    {
        var environment = new Dictionary<string, string?> { [SnapshotAssert.AcceptVariable] = accept, ["CI"] = ci };
        Assert.Equal(expected, SnapshotAssert.Accepting(name => environment.GetValueOrDefault(name)));
    }

    [Fact]
    public void DiffShowsChangedLinesWithContext()
    {
        string diff = SnapshotAssert.Diff("a\nb\nc\nd\ne\nf\ng\n", "a\nb\nc\nX\ne\nf\ng\n");
        // Deleted lines have no position in the new text.
        Assert.Contains("- : d", diff);
        Assert.Contains("+ 4: X", diff);
        Assert.DoesNotContain("a", diff);
    }
}
