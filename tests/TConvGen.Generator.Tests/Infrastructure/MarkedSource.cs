namespace TConvGen.Generator.Tests.Infrastructure;

/// <summary>Source text with one span marked <c>[|...|]</c>: the place a diagnostic must point at.</summary>
internal static class MarkedSource
{
    public static (string Text, int Start, int Length) Parse(string marked)
    {
        int start = marked.IndexOf("[|", System.StringComparison.Ordinal);
        int end = marked.IndexOf("|]", System.StringComparison.Ordinal);
        string text = marked.Remove(end, 2).Remove(start, 2);
        return (text, start, end - start - 2);
    }
}
