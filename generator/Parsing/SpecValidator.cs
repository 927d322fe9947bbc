using System;
using System.Collections.Generic;
using System.Globalization;
using TConvGen.Generator.Diagnostics;
using TConvGen.Generator.Model;

namespace TConvGen.Generator.Parsing;

/// <summary>Attribute values -> validated <see cref="ConvSpec"/>: the runtime's rules (<see cref="ConvTranspose2dRules"/>, linked
/// from the runtime) applied to the attribute's arguments, each violation reported on its argument in the generator's words.</summary>
internal static class SpecValidator
{
    /// <summary>The height axis of a 1-D convolution's planar form (<c>ConvTranspose1dOptions.ToPlanar</c>): kernel 1, stride 1,
    /// padding 0, output padding 0, dilation 1, so that an input of height 1 gives an output of height 1.</summary>
    public static readonly ConvAxis PlanarHeight = new(1, 1, 0, 0, 1);

    /// <summary>Resolves and checks a <c>[ConvTranspose]</c> attribute's values. The spec is null when any error was found;
    /// warnings keep it.</summary>
    public static (ConvSpec? Spec, List<SpecProblem> Problems) Validate(AttributeValues values) =>
        Validate(values.Integers, values.ActivationSlope);

    /// <summary>Resolves and checks the integer values and the activation slope of a <c>[ConvTranspose]</c> attribute.</summary>
    public static (ConvSpec? Spec, List<SpecProblem> Problems) Validate(IReadOnlyDictionary<string, int> values,
        float activationSlope = ConvTranspose2dRules.DefaultActivationSlope)
    {
        var (spec, problems) = CheckRules(values, activationSlope);
        if (spec is not null)
            AddSmallInputWarning(problems, spec.Height, spec.Width, SmallInputArgument(values));
        return (spec, problems);
    }

    /// <summary>Checks a <c>[ConvTranspose1d]</c> attribute's values, whose names are the 1-D parameters' (the 2-D attribute's
    /// square names, without per-axis overrides), by the same rules, and returns the planar spec the 2-D kernel is generated
    /// for: the width axis is the 1-D axis, the height axis <see cref="PlanarHeight"/>.</summary>
    public static (ConvSpec? Spec, List<SpecProblem> Problems) ValidateLine(AttributeValues values)
    {
        var (spec, problems) = CheckRules(values.Integers, values.ActivationSlope);
        if (spec is null)
            return (null, problems);
        var planar = spec with { Height = PlanarHeight };
        AddShortInputWarning(problems, planar.Width, SmallInputArgument(values.Integers));
        return (planar, problems);
    }

    /// <summary>The rules on every value; the spec (no warnings yet) is null when any is broken.</summary>
    private static (ConvSpec? Spec, List<SpecProblem> Problems) CheckRules(IReadOnlyDictionary<string, int> values, float activationSlope)
    {
        var problems = new List<SpecProblem>();
        int Get(string name) => values.TryGetValue(name, out int value) ? value : ArgumentNames.Defaults[name];

        int kernel = Get(ArgumentNames.Kernel), stride = Get(ArgumentNames.Stride), padding = Get(ArgumentNames.Padding);
        int dilation = Get(ArgumentNames.Dilation), outputPadding = Get(ArgumentNames.OutputPadding), groups = Get(ArgumentNames.Groups);
        RequireAtLeast(problems, Descriptors.KernelTooSmall.Id, ArgumentNames.Kernel, kernel, ConvTranspose2dRules.MinimumKernel, "");
        RequireAtLeast(problems, Descriptors.StrideTooSmall.Id, ArgumentNames.Stride, stride, ConvTranspose2dRules.MinimumStride, "");
        RequireAtLeast(problems, Descriptors.PaddingNegative.Id, ArgumentNames.Padding, padding, ConvTranspose2dRules.MinimumPadding, "");
        RequireAtLeast(problems, Descriptors.DilationTooSmall.Id, ArgumentNames.Dilation, dilation, ConvTranspose2dRules.MinimumDilation, "");

        int kernelWidth = Resolve(problems, Descriptors.KernelTooSmall.Id, ArgumentNames.KernelWidth, Get(ArgumentNames.KernelWidth), 0, kernel,
            ConvTranspose2dRules.MinimumKernel, ArgumentNames.Kernel);
        int strideWidth = Resolve(problems, Descriptors.StrideTooSmall.Id, ArgumentNames.StrideWidth, Get(ArgumentNames.StrideWidth), 0, stride,
            ConvTranspose2dRules.MinimumStride, ArgumentNames.Stride);
        int paddingWidth = Resolve(problems, Descriptors.PaddingNegative.Id, ArgumentNames.PaddingWidth, Get(ArgumentNames.PaddingWidth), -1, padding,
            ConvTranspose2dRules.MinimumPadding, ArgumentNames.Padding);
        int dilationWidth = Resolve(problems, Descriptors.DilationTooSmall.Id, ArgumentNames.DilationWidth, Get(ArgumentNames.DilationWidth), 0, dilation,
            ConvTranspose2dRules.MinimumDilation, ArgumentNames.Dilation);
        int rawOutputPaddingWidth = Get(ArgumentNames.OutputPaddingWidth);
        int outputPaddingWidth = rawOutputPaddingWidth == -1 ? outputPadding : rawOutputPaddingWidth;

        // Output padding is checked against legal strides and dilations only (illegal ones are reported themselves).
        if (stride >= ConvTranspose2dRules.MinimumStride && dilation >= ConvTranspose2dRules.MinimumDilation)
            RequireOutputPadding(problems, ArgumentNames.OutputPadding, outputPadding, stride, dilation, "");
        bool legalWidth = strideWidth >= ConvTranspose2dRules.MinimumStride && dilationWidth >= ConvTranspose2dRules.MinimumDilation;
        // The width's is checked unless it repeats the height's output padding, stride and dilation (whose check covers it).
        if (legalWidth && (rawOutputPaddingWidth != -1 || stride != strideWidth || dilation != dilationWidth))
            RequireOutputPadding(problems, rawOutputPaddingWidth == -1 ? ArgumentNames.OutputPadding : ArgumentNames.OutputPaddingWidth,
                outputPaddingWidth, strideWidth, dilationWidth, rawOutputPaddingWidth == -1 ? " (along the width)" : " (or -1 for the same as OutputPadding)");

        if (ConvTranspose2dRules.AtLeast(ArgumentNames.Groups, groups, ConvTranspose2dRules.MinimumGroups) is { } badGroups)
            problems.Add(Problem(Descriptors.GroupsTooSmall.Id, ArgumentNames.Groups, Text(badGroups.Value), Text(badGroups.Minimum)));
        int inChannels = Get(ArgumentNames.InChannels), outChannels = Get(ArgumentNames.OutChannels);
        RequireChannels(problems, ArgumentNames.InChannels, inChannels, groups);
        RequireChannels(problems, ArgumentNames.OutChannels, outChannels, groups);
        int activation = Get(ArgumentNames.Activation);
        RequireActivation(problems, activation, activationSlope);

        if (problems.Count > 0)
            return (null, problems);

        var height = new ConvAxis(kernel, stride, padding, outputPadding, dilation);
        var width = new ConvAxis(kernelWidth, strideWidth, paddingWidth, outputPaddingWidth, dilationWidth);
        return (new ConvSpec(height, width, groups, inChannels, outChannels, (ConvTransposeActivation)activation, activationSlope), problems);
    }

    /// <summary>The smallest input length whose output is at least 1 along an axis.</summary>
    public static long SmallestInput(ConvAxis axis)
    {
        long deficit = 1 - axis.OutputLength(1);
        return deficit <= 0 ? 1 : 1 + (deficit + axis.Stride - 1) / axis.Stride;
    }

    /// <summary>The warning goes on the padding when written (usually the cause), else on the kernel.</summary>
    private static string SmallInputArgument(IReadOnlyDictionary<string, int> values) =>
        values.ContainsKey(ArgumentNames.Padding) ? ArgumentNames.Padding : ArgumentNames.Kernel;

    private static void AddSmallInputWarning(List<SpecProblem> problems, ConvAxis height, ConvAxis width, string argument)
    {
        long outHeight = height.OutputLength(1), outWidth = width.OutputLength(1);
        if (outHeight >= 1 && outWidth >= 1)
            return;
        problems.Add(Problem(Descriptors.EmptyOutputForSmallInputs.Id, argument, string.Format(CultureInfo.InvariantCulture,
            "a 1x1 input gives a {0}x{1} output; inputs must be at least {2}x{3} for the output to be >= 1 along both axes",
            outHeight, outWidth, SmallestInput(height), SmallestInput(width))));
    }

    private static void AddShortInputWarning(List<SpecProblem> problems, ConvAxis axis, string argument)
    {
        long length = axis.OutputLength(1);
        if (length >= 1)
            return;
        problems.Add(Problem(Descriptors.EmptyOutputForSmallInputs.Id, argument, string.Format(CultureInfo.InvariantCulture,
            "an input of length 1 gives an output of length {0}; inputs must be at least {1} long for the output to be >= 1",
            length, SmallestInput(axis))));
    }

    private static void RequireAtLeast(List<SpecProblem> problems, string id, string name, int value, int minimum, string suffix)
    {
        if (ConvTranspose2dRules.AtLeast(name, value, minimum) is { } violation)
            problems.Add(Problem(id, name, name, Text(violation.Value), Text(violation.Minimum), suffix));
    }

    /// <summary>A width override: the sentinel means "same as the height value"; anything else must meet the minimum.</summary>
    private static int Resolve(List<SpecProblem> problems, string id, string name, int value, int sameAsHeight, int height, int minimum, string heightName)
    {
        if (value == sameAsHeight)
            return height;
        RequireAtLeast(problems, id, name, value, minimum, string.Format(CultureInfo.InvariantCulture, " (or {0} for the same as {1})", sameAsHeight, heightName));
        return value;
    }

    private static void RequireOutputPadding(List<SpecProblem> problems, string name, int value, int stride, int dilation, string suffix)
    {
        if (ConvTranspose2dRules.OutputPaddingInRange(name, value, stride, dilation, ArgumentNames.Stride, ArgumentNames.Dilation) is { } violation)
            problems.Add(Problem(Descriptors.OutputPaddingOutOfRange.Id, name, name, Text(violation.Value), Text(violation.Maximum), Text(stride), Text(dilation), suffix));
    }

    /// <summary>0 means "decided at run time"; any other count follows the runtime's rule.</summary>
    private static void RequireChannels(List<SpecProblem> problems, string name, int value, int groups)
    {
        if (ConvTranspose2dRules.ChannelCount(name, value, groups, minimum: 0) is { } violation)
            problems.Add(Problem(Descriptors.ChannelsInvalid.Id, name, name, Text(violation.Value), Text(Math.Max(groups, ConvTranspose2dRules.MinimumGroups))));
    }

    /// <summary>The runtime's two rules on the activation, reported in the runtime's words: a known function, a finite slope
    /// (checked whatever the function, as <c>ConvTranspose2dOptions.Validate</c> does).</summary>
    private static void RequireActivation(List<SpecProblem> problems, int activation, float slope)
    {
        if (ConvTranspose2dRules.KnownActivation(ArgumentNames.Activation, activation) is { } unknown)
            problems.Add(Problem(Descriptors.UnknownActivation.Id, ArgumentNames.Activation, unknown.Message));
        if (ConvTranspose2dRules.FiniteSlope(ArgumentNames.ActivationSlope, slope) is { } notFinite)
            problems.Add(Problem(Descriptors.ActivationSlopeNotFinite.Id, ArgumentNames.ActivationSlope, notFinite));
    }

    private static SpecProblem Problem(string id, string argument, params string[] messageArguments) =>
        new(id, argument, EquatableArray.From(messageArguments));

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
