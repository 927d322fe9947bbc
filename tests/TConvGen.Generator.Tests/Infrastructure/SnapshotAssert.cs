using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Microsoft.CodeAnalysis;
using Xunit;

namespace TConvGen.Generator.Tests.Infrastructure;

/// <summary>
/// A small in-repo stand-in for Verify.SourceGenerators: each generated file is compared with
/// <c>Snapshots/{TestClass}.{TestMethod}#{HintName}.verified.cs</c> (first line <c>//HintName: ...</c>). A mismatch writes
/// <c>.received.cs</c> beside it and fails with a line diff. Setting <c>TCONVGEN_ACCEPT_SNAPSHOTS=1</c> accepts the received
/// text instead, except when <c>CI=true</c>: accepting is a deliberate local step.
/// </summary>
internal static class SnapshotAssert
{
    public const string AcceptVariable = "TCONVGEN_ACCEPT_SNAPSHOTS";

    public static void Matches(GeneratorRunResult result, string testClass, [CallerMemberName] string testMethod = "")
    {
        Assert.Null(result.Exception);
        Assert.NotEmpty(result.GeneratedSources);
        string folder = Path.Combine(ProjectDirectory(), "Snapshots");
        foreach (var source in result.GeneratedSources.OrderBy(source => source.HintName, StringComparer.Ordinal))
        {
            string hint = source.HintName.EndsWith(".cs", StringComparison.Ordinal) ? source.HintName[..^3] : source.HintName;
            string stem = Path.Combine(folder, $"{testClass}.{testMethod}#{hint}");
            string received = "//HintName: " + source.HintName + "\n" + source.SourceText.ToString().Replace("\r\n", "\n");
            Compare(stem + ".verified.cs", stem + ".received.cs", received);
        }
    }

    /// <summary>The test project's source directory, recorded at build time.</summary>
    private static string ProjectDirectory() =>
        typeof(SnapshotAssert).Assembly.GetCustomAttributes<System.Reflection.AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "ProjectDirectory").Value!;

    /// <summary>Whether mismatches are accepted: the variable is set and this is not CI.</summary>
    public static bool Accepting(Func<string, string?> environment) =>
        environment(AcceptVariable) == "1" && !string.Equals(environment("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static void Compare(string verifiedPath, string receivedPath, string received)
    {
        string? verified = File.Exists(verifiedPath) ? File.ReadAllText(verifiedPath).Replace("\r\n", "\n") : null;
        if (verified == received)
        {
            File.Delete(receivedPath);
            return;
        }
        if (Accepting(Environment.GetEnvironmentVariable))
        {
            File.WriteAllText(verifiedPath, received, new UTF8Encoding(false));
            File.Delete(receivedPath);
            return;
        }
        File.WriteAllText(receivedPath, received, new UTF8Encoding(false));
        string message = verified is null
            ? $"No snapshot {Path.GetFileName(verifiedPath)}; wrote {Path.GetFileName(receivedPath)}. Review it, then accept with {AcceptVariable}=1."
            : $"Snapshot {Path.GetFileName(verifiedPath)} differs; wrote {Path.GetFileName(receivedPath)}. Accept with {AcceptVariable}=1 if intended.\n" + Diff(verified, received);
        Assert.Fail(message);
    }

    /// <summary>A unified-style diff of the changed lines with two lines of context.</summary>
    public static string Diff(string expected, string actual)
    {
        var lines = InlineDiffBuilder.Diff(expected, actual, ignoreWhiteSpace: false).Lines;
        var text = new StringBuilder();
        for (int i = 0; i < lines.Count; i++)
        {
            bool near = false;
            for (int j = Math.Max(0, i - 2); j <= Math.Min(lines.Count - 1, i + 2); j++)
                near |= lines[j].Type != ChangeType.Unchanged;
            if (!near)
                continue;
            string prefix = lines[i].Type switch { ChangeType.Inserted => "+ ", ChangeType.Deleted => "- ", _ => "  " };
            text.Append(prefix).Append(lines[i].Position?.ToString() ?? "").Append(": ").AppendLine(lines[i].Text);
        }
        return text.ToString();
    }
}
