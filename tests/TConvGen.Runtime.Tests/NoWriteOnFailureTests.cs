using System;
using System.Collections.Generic;
using TConvGen.Runtime.Tests.Support;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>When a call is refused, the output span is left exactly as it was: validation happens before any write.</summary>
public sealed class NoWriteOnFailureTests
{
    private const float Sentinel = -12345.5f;

    // Cin 2, Cout 2, kernel 2, stride 2, 2x2 input -> 4x4 output: input 8, weight 16, bias 2, output 32 elements.
    private static readonly ConvTranspose2dOptions Options = new(kernel: 2, stride: 2);
    private static readonly ConvTranspose2dShape Shape = new(1, 2, 2, 2, 2);

    public static TheoryData<ConvTranspose2dAlgorithm, string> Cases()
    {
        var data = new TheoryData<ConvTranspose2dAlgorithm, string>();
        foreach (var algorithm in Enum.GetValues<ConvTranspose2dAlgorithm>())
            foreach (string failure in Failures.Keys)
                data.Add(algorithm, failure);
        return data;
    }

    private delegate void Call(ConvTranspose2dAlgorithm algorithm, float[] output);

    private static ConvTranspose2d K(ConvTranspose2dAlgorithm algorithm) => ConvTranspose2d.Create(Options, algorithm);

    private static PreparedConvTranspose2d P(ConvTranspose2dAlgorithm algorithm) => K(algorithm).Prepare(new float[16], new float[2], 2, 2);

    /// <summary>Each refused call, and the parameter its exception must name (so it is refused for the reason it is here for).</summary>
    private static readonly Dictionary<string, (string Parameter, Call Call)> Failures = new()
    {
        ["input too short"] = ("input", (a, o) => K(a).Run(new float[7], new float[16], [], o, Shape)),
        ["weight too long"] = ("weight", (a, o) => K(a).Run(new float[8], new float[17], [], o, Shape)),
        ["bias of the wrong length"] = ("bias", (a, o) => K(a).Run(new float[8], new float[16], new float[3], o, Shape)),
        ["output overlapping bias"] = ("output", (a, o) => K(a).Run(new float[8], new float[16], o.AsSpan(0, 2), o, Shape)),
        ["output overlapping input"] = ("output", (a, o) => K(a).Run(o.AsSpan(24, 8), new float[16], [], o, Shape)),
        ["output overlapping weight"] = ("output", (a, o) => K(a).Run(new float[8], o.AsSpan(16, 16), [], o, Shape)),
        ["zero threads"] = ("maxDegreeOfParallelism", (a, o) => K(a).Run(new float[8], new float[16], [], o, Shape, 0)),
        ["channels not divisible by groups"] = ("inChannels", (a, o) =>
            ConvTranspose2d.Create(Options with { Groups = 2 }, a).Run(new float[12], new float[12], [], o, new ConvTranspose2dShape(1, 3, 2, 2, 2))),
        ["input of zero rows"] = ("height", (a, o) => K(a).Run([], new float[16], [], o, new ConvTranspose2dShape(1, 2, 2, 0, 2))),
        ["output too small"] = ("height", (a, o) =>
            ConvTranspose2d.Create(new ConvTranspose2dOptions(kernel: 1, padding: 1), a).Run(new float[8], new float[4], [], o, new ConvTranspose2dShape(1, 2, 2, 1, 4))),
        ["prepared: input too long"] = ("input", (a, o) => P(a).Run(new float[9], o, 1, 2, 2)),
        ["prepared: output too long"] = ("output", (a, o) => P(a).Run(new float[4], o, 1, 2, 1)),
        ["prepared: output overlapping input"] = ("output", (a, o) => P(a).Run(o.AsSpan(0, 8), o, 1, 2, 2)),
        ["prepared: -2 threads"] = ("maxDegreeOfParallelism", (a, o) => P(a).Run(new float[8], o, 1, 2, 2, -2)),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void RefusedCallLeavesTheOutputUntouched(ConvTranspose2dAlgorithm algorithm, string failure)
    {
        var (parameter, call) = Failures[failure];
        var output = new float[32];
        Array.Fill(output, Sentinel);

        var exception = Assert.ThrowsAny<ArgumentException>(() => call(algorithm, output));

        Assert.Equal(parameter, exception.ParamName);

        Assert.All(output, value => Assert.Equal(Sentinel, value));
    }

    /// <summary>The same call with valid arguments does write every element, so the test above can tell.</summary>
    [Theory]
    [MemberData(nameof(AllAlgorithms.Data), MemberType = typeof(AllAlgorithms))]
    public void AcceptedCallOverwritesEveryElement(ConvTranspose2dAlgorithm algorithm)
    {
        var output = new float[32];
        Array.Fill(output, Sentinel);

        ConvTranspose2d.Create(Options, algorithm).Run(new float[8], new float[16], new float[2], output, Shape);
        var prepared = new float[32];
        Array.Fill(prepared, Sentinel);
        P(algorithm).Run(new float[8], prepared, 1, 2, 2);

        Assert.All(output, value => Assert.Equal(0f, value));
        Assert.All(prepared, value => Assert.Equal(0f, value));
    }
}
