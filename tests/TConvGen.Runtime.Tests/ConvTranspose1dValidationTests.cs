using System;
using System.Collections.Generic;
using TConvGen.CompilerServices;
using TConvGen.Runtime.Tests.Support;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>
/// <see cref="ConvTranspose1dOptions"/>, <see cref="ConvTranspose1d"/> and <see cref="PreparedConvTranspose1d"/> refuse bad
/// input as PyTorch's <c>nn.ConvTranspose1d</c> does, with messages in 1-D terms (Kernel, Length; never a height or a
/// width), before anything is written.
/// </summary>
public sealed class ConvTranspose1dValidationTests
{
    private const float Sentinel = -12345.5f;

    public static TheoryData<string, string, int, string> BadOptions => new()
    {
        { "kernel 0", "Kernel", 0, "Kernel must be >= 1, but got 0." },
        { "stride 0", "Stride", 0, "Stride must be >= 1, but got 0." },
        { "padding -1", "Padding", -1, "Padding must be >= 0, but got -1." },
        { "dilation 0", "Dilation", 0, "Dilation must be >= 1, but got 0." },
        { "groups 0", "Groups", 0, "Groups must be >= 1, but got 0." },
        { "output padding = stride", "OutputPadding", 3, "smaller than max(Stride=3, Dilation=1)" },
        { "output padding = dilation", "OutputPadding", 4, "smaller than max(Stride=2, Dilation=4)" },
        { "output padding -1", "OutputPadding", -1, "must be in [0, 2]" },
        { "unknown activation", "Activation", 7, "must be one of None" },
    };

    private static ConvTranspose1dOptions Mutate(string name) => name switch
    {
        "kernel 0" => new(0),
        "stride 0" => new(3, 0),
        "padding -1" => new(3, 1, -1),
        "dilation 0" => new(3) { Dilation = 0 },
        "groups 0" => new(3) { Groups = 0 },
        "output padding = stride" => new(3, 3) { OutputPadding = 3 },
        "output padding = dilation" => new(3, 2) { Dilation = 4, OutputPadding = 4 },
        "output padding -1" => new(3, 3) { OutputPadding = -1 },
        "unknown activation" => new(3) { Activation = (ConvTransposeActivation)7 },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void BadOptionsAreRefusedByTheirOneDimensionalName(string name, string parameter, int value, string fragment)
    {
        var options = Mutate(name);
        ExceptionAssert.OutOfRange(options.Validate, parameter, value, fragment);
        var exception = ExceptionAssert.OutOfRange(() => ConvTranspose1d.Create(options), parameter, value, fragment);
        AssertOneDimensional(exception);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void ANonFiniteSlopeIsRefused(float slope)
    {
        var options = new ConvTranspose1dOptions(3) { Activation = ConvTransposeActivation.LeakyRelu, ActivationSlope = slope };
        ExceptionAssert.Argument(() => ConvTranspose1d.Create(options), "ActivationSlope", "finite");
    }

    [Fact]
    public void TheLargestOutputPaddingIsLegal()
    {
        new ConvTranspose1dOptions(3, 3) { OutputPadding = 2 }.Validate();
        new ConvTranspose1dOptions(3, 2) { Dilation = 4, OutputPadding = 3 }.Validate();
    }

    [Fact]
    public void AnUnknownAlgorithmIsRefused() =>
        Assert.Equal("algorithm", Assert.Throws<ArgumentOutOfRangeException>(() =>
            ConvTranspose1d.Create(new ConvTranspose1dOptions(3), (ConvTranspose2dAlgorithm)99)).ParamName);

    [Fact]
    public void DefaultsAreThoseOfPyTorch()
    {
        var options = new ConvTranspose1dOptions(16);
        Assert.Equal((16, 1, 0, 0, 1, 1), (options.Kernel, options.Stride, options.Padding, options.OutputPadding, options.Dilation, options.Groups));
        Assert.Equal(ConvTransposeActivation.None, options.Activation);
        Assert.Equal(0.01f, options.ActivationSlope);
    }

    [Fact]
    public void ToStringIsPyTorchs()
    {
        Assert.Equal("ConvTranspose1d(kernel_size=(16,), stride=(8,), padding=(4,))", new ConvTranspose1dOptions(16, 8, 4).ToString());
        Assert.Equal("ConvTranspose1d(kernel_size=(3,), stride=(2,), padding=(1,), output_padding=(1,), dilation=(2,), groups=4) -> LeakyReLU(negative_slope=0.1)",
            new ConvTranspose1dOptions(3, 2, 1) { OutputPadding = 1, Dilation = 2, Groups = 4, Activation = ConvTransposeActivation.LeakyRelu, ActivationSlope = 0.1f }.ToString());
        Assert.Equal("ConvTranspose1d(kernel_size=(4,), stride=(1,), padding=(0,)) -> Tanh()",
            new ConvTranspose1dOptions(4) { Activation = ConvTransposeActivation.Tanh }.ToString());
    }

    [Fact]
    public void ThePlanarFormHasAHeightAxisThatDoesNothing()
    {
        var planar = new ConvTranspose1dOptions(5, 3, 2)
        {
            OutputPadding = 1, Dilation = 2, Groups = 3, Activation = ConvTransposeActivation.LeakyRelu, ActivationSlope = 0.2f,
        }.ToPlanar();
        Assert.Equal((1, 1, 0, 0, 1), (planar.KernelHeight, planar.StrideHeight, planar.PaddingHeight, planar.OutputPaddingHeight, planar.DilationHeight));
        Assert.Equal((5, 3, 2, 1, 2), (planar.KernelWidth, planar.StrideWidth, planar.PaddingWidth, planar.OutputPaddingWidth, planar.DilationWidth));
        Assert.Equal((3, ConvTransposeActivation.LeakyRelu, 0.2f), (planar.Groups, planar.Activation, planar.ActivationSlope));
    }

    [Theory]
    [InlineData(16, 8, 4, 1, 0, 86, 688)]   // HiFi-GAN V1's first upsampling
    [InlineData(4, 2, 1, 1, 0, 5504, 11008)]
    [InlineData(512, 128, 256, 1, 0, 24, 2944)] // inverse STFT, centred
    [InlineData(3, 2, 0, 3, 2, 5, 17)]
    [InlineData(1, 1, 0, 1, 0, 1, 1)]
    public void OutputLengthFollowsTheFormula(int k, int s, int p, int d, int op, int length, int expected)
    {
        var conv = ConvTranspose1d.Create(new ConvTranspose1dOptions(k, s, p) { Dilation = d, OutputPadding = op });
        Assert.Equal(expected, ConvTranspose1dDefinition.OutputLength(conv.Options, length));
        Assert.Equal(expected, conv.GetOutputLength(length));
    }

    [Fact]
    public void OutputLengthRefusesAnEmptyInputOrOutput()
    {
        var conv = ConvTranspose1d.Create(new ConvTranspose1dOptions(1, 1, 1));
        AssertOneDimensional(ExceptionAssert.OutOfRange(() => conv.GetOutputLength(0), "length", 0, "length must be >= 1, but got 0."));
        AssertOneDimensional(ExceptionAssert.OutOfRange(() => conv.GetOutputLength(1), "length", 1, "Calculated output length per channel: -1", "too small"));
        Assert.Equal(1, conv.GetOutputLength(3));
    }

    [Fact]
    public void OutputPaddingForARequestedLengthIsPyTorchs()
    {
        var conv = ConvTranspose1d.Create(new ConvTranspose1dOptions(16, 8, 4) { OutputPadding = 5 });
        // PyTorch: min = (86 - 1) * 8 - 8 + 15 + 1 = 688, max = min + stride - 1 = 695.
        Assert.Equal(0, conv.GetOutputPadding(86, 688));
        Assert.Equal(3, conv.GetOutputPadding(86, 691));
        Assert.Equal(7, conv.GetOutputPadding(86, 695));
        var exception = ExceptionAssert.OutOfRange(() => conv.GetOutputPadding(86, 696), "outputLength", 696,
            "requested an output size of [696], but valid sizes range from [688] to [695] (for an input of [86]).");
        AssertOneDimensional(exception);
        ExceptionAssert.OutOfRange(() => conv.GetOutputPadding(86, 687), "outputLength", 687, "from [688] to [695]");
        ExceptionAssert.OutOfRange(() => conv.GetOutputPadding(0, 688), "length", 0, "length must be >= 1");
    }

    [Fact]
    public void OutputPaddingMayReachASizeOnlyThePaddingMakes()
    {
        // k1 s3 p1 on 1 sample: min = -1, max = 1; only 1 is legal, with output padding 2.
        var conv = ConvTranspose1d.Create(new ConvTranspose1dOptions(1, 3, 1));
        Assert.Equal(2, conv.GetOutputPadding(1, 1));
        ExceptionAssert.OutOfRange(() => conv.GetOutputPadding(1, 0), "outputLength", 0, "from [1] to [1]");
    }

    // Cin 2, Cout 2, kernel 2, stride 2, length 4 -> 8: input 8, weight 8, bias 2, output 16 elements.
    private static readonly ConvTranspose1dOptions Options = new(kernel: 2, stride: 2);
    private static readonly ConvTranspose1dShape Shape = new(1, 2, 2, 4);
    private const int OutputElements = 16;

    private delegate void Call(ConvTranspose2dAlgorithm algorithm, float[] output);

    private static ConvTranspose1d K(ConvTranspose2dAlgorithm algorithm) => ConvTranspose1d.Create(Options, algorithm);

    private static PreparedConvTranspose1d P(ConvTranspose2dAlgorithm algorithm) => K(algorithm).Prepare(new float[8], new float[2], 2, 2);

    /// <summary>Each refused call, the parameter its exception names, and what its message must say.</summary>
    private static readonly Dictionary<string, (string Parameter, string Fragment, Call Call)> Failures = new()
    {
        ["input too short"] = ("input", "input must have Batch*InChannels*Length = 1*2*4 = 8 elements, but has 7.",
            (a, o) => K(a).Run(new float[7], new float[8], [], o, Shape)),
        ["output too long"] = ("output", "output must have Batch*OutChannels*OutputLength = 1*2*6 = 12 elements, but has 16.",
            (a, o) => K(a).Run(new float[6], new float[8], [], o, Shape with { Length = 3 })),
        ["weight too long"] = ("weight", "weight must have InChannels*(OutChannels/Groups)*Kernel = 2*2*2 = 8 elements, but has 9.",
            (a, o) => K(a).Run(new float[8], new float[9], [], o, Shape)),
        ["bias of the wrong length"] = ("bias", "bias must be empty (no bias) or have OutChannels = 2 elements, but has 3.",
            (a, o) => K(a).Run(new float[8], new float[8], new float[3], o, Shape)),
        ["output overlapping bias"] = ("output", "output must not overlap bias.", (a, o) => K(a).Run(new float[8], new float[8], o.AsSpan(0, 2), o, Shape)),
        ["output overlapping input"] = ("output", "output must not overlap input.", (a, o) => K(a).Run(o.AsSpan(8, 8), new float[8], [], o, Shape)),
        ["output overlapping weight"] = ("output", "output must not overlap weight.", (a, o) => K(a).Run(new float[8], o.AsSpan(4, 8), [], o, Shape)),
        ["zero threads"] = ("maxDegreeOfParallelism", "maxDegreeOfParallelism must be -1 (all cores) or >= 1, but got 0.",
            (a, o) => K(a).Run(new float[8], new float[8], [], o, Shape, 0)),
        ["negative batch"] = ("batch", "batch must be >= 0, but got -1.", (a, o) => K(a).Run([], new float[8], [], o, Shape with { Batch = -1 })),
        ["channels not divisible by groups"] = ("inChannels", "inChannels must be divisible by Groups (2), but got 3.", (a, o) =>
            ConvTranspose1d.Create(Options with { Groups = 2 }, a).Run(new float[12], new float[6], [], o, new ConvTranspose1dShape(1, 3, 2, 4))),
        ["no output channels"] = ("outChannels", "outChannels must be >= 1, but got 0.", (a, o) => K(a).Run(new float[8], [], [], o, Shape with { OutChannels = 0 })),
        ["input of length zero"] = ("length", "length must be >= 1, but got 0.", (a, o) => K(a).Run([], new float[8], [], o, Shape with { Length = 0 })),
        ["output too small"] = ("length", "Calculated output length per channel: -1.", (a, o) =>
            ConvTranspose1d.Create(new ConvTranspose1dOptions(kernel: 1, padding: 2), a).Run(new float[6], new float[4], [], o, Shape with { Length = 3 })),
        ["output longer than a span"] = ("length", "exceeds 2147483647", (a, o) =>
            ConvTranspose1d.Create(new ConvTranspose1dOptions(kernel: 2, stride: 1000), a).Run([], new float[8], [], o, Shape with { Length = 3_000_000 })),
        ["input longer than a span"] = ("input", "input would have Batch*InChannels*Length = 3*2*400000000", (a, o) =>
            K(a).Run([], new float[8], [], o, Shape with { Batch = 3, Length = 400_000_000 })),
        ["prepare: weight too short"] = ("weight", "InChannels*(OutChannels/Groups)*Kernel = 2*2*2 = 8", (a, o) => K(a).Prepare(new float[7], [], 2, 2)),
        ["prepare: bias too long"] = ("bias", "OutChannels = 2", (a, o) => K(a).Prepare(new float[8], new float[4], 2, 2)),
        ["prepare: channels not divisible by groups"] = ("outChannels", "outChannels must be divisible by Groups (2), but got 3.", (a, o) =>
            ConvTranspose1d.Create(Options with { Groups = 2 }, a).Prepare(new float[6], [], 2, 3)),
        ["prepared: input too long"] = ("input", "Batch*InChannels*Length = 1*2*4 = 8 elements, but has 9.", (a, o) => P(a).Run(new float[9], o, 1, 4)),
        ["prepared: output too long"] = ("output", "Batch*OutChannels*OutputLength = 1*2*4 = 8 elements, but has 16.", (a, o) => P(a).Run(new float[4], o, 1, 2)),
        ["prepared: output overlapping input"] = ("output", "output must not overlap input.", (a, o) => P(a).Run(o.AsSpan(0, 8), o, 1, 4)),
        ["prepared: -2 threads"] = ("maxDegreeOfParallelism", "but got -2.", (a, o) => P(a).Run(new float[8], o, 1, 4, -2)),
        ["prepared: length zero"] = ("length", "length must be >= 1, but got 0.", (a, o) => P(a).Run([], o, 1, 0)),
        ["prepared: negative batch"] = ("batch", "batch must be >= 0, but got -3.", (a, o) => P(a).Run([], o, -3, 4)),
    };

    public static TheoryData<ConvTranspose2dAlgorithm, string> Cases()
    {
        var data = new TheoryData<ConvTranspose2dAlgorithm, string>();
        foreach (var algorithm in Enum.GetValues<ConvTranspose2dAlgorithm>())
            foreach (string failure in Failures.Keys)
                data.Add(algorithm, failure);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RefusedCallNamesTheOneDimensionalParameterAndWritesNothing(ConvTranspose2dAlgorithm algorithm, string failure)
    {
        var (parameter, fragment, call) = Failures[failure];
        var output = new float[OutputElements];
        Array.Fill(output, Sentinel);

        var exception = Assert.ThrowsAny<ArgumentException>(() => call(algorithm, output));

        Assert.Equal(parameter, exception.ParamName);
        Assert.Contains(fragment, exception.Message, StringComparison.Ordinal);
        AssertOneDimensional(exception);
        Assert.All(output, value => Assert.Equal(Sentinel, value));
    }

    /// <summary>The same calls with valid arguments do write every element, so the test above can tell.</summary>
    [Theory]
    [MemberData(nameof(AllAlgorithms.Data), MemberType = typeof(AllAlgorithms))]
    public void AcceptedCallOverwritesEveryElement(ConvTranspose2dAlgorithm algorithm)
    {
        var output = new float[OutputElements];
        Array.Fill(output, Sentinel);
        K(algorithm).Run(new float[8], new float[8], new float[2], output, Shape);
        Assert.All(output, value => Assert.Equal(0f, value));

        Array.Fill(output, Sentinel);
        P(algorithm).Run(new float[8], output, 1, 4);
        Assert.All(output, value => Assert.Equal(0f, value));
    }

    [Fact]
    public void AGeneratedWrapperMustComputeThePlanarFormOfItsOptions()
    {
        var options = new ConvTranspose1dOptions(4, 2, 1) { Activation = ConvTransposeActivation.Relu };
        var wrapped = GeneratedConvTranspose1d.Create(options, ConvTranspose2d.Create(options.ToPlanar()));
        Assert.Same(options, wrapped.Options);

        var exception = ExceptionAssert.Argument(() => GeneratedConvTranspose1d.Create(options, ConvTranspose2d.Create(new ConvTranspose2dOptions(4, 2, 1))),
            "planar", "ConvTranspose1d(kernel_size=(4,), stride=(2,), padding=(1,)) -> ReLU()");
        Assert.Contains("but computes ConvTranspose2d(kernel_size=(4, 4)", exception.Message, StringComparison.Ordinal);
        ExceptionAssert.Argument(() => GeneratedConvTranspose1d.Create(options, ConvTranspose2d.Create(options.ToPlanar() with { Activation = ConvTransposeActivation.None })),
            "planar");
        ExceptionAssert.OutOfRange(() => GeneratedConvTranspose1d.Create(new ConvTranspose1dOptions(0), ConvTranspose2d.Create(options.ToPlanar())), "Kernel", 0);
        Assert.Throws<ArgumentNullException>(() => GeneratedConvTranspose1d.Create(null!, ConvTranspose2d.Create(options.ToPlanar())));
        Assert.Throws<ArgumentNullException>(() => GeneratedConvTranspose1d.Create(options, null!));
    }

    /// <summary>The message speaks of the 1-D problem: no height or width.</summary>
    private static void AssertOneDimensional(Exception exception)
    {
        Assert.DoesNotContain("height", exception.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("width", exception.Message, StringComparison.OrdinalIgnoreCase);
    }
}
