using System;
using System.Collections.Generic;
using System.Globalization;
using TConvGen.Generator.Diagnostics;
using TConvGen.Generator.Model;

namespace TConvGen.Generator.Parsing;

/// <summary>Attribute values -> validated <see cref="ConvSpec"/>, with the runtime's rules (ConvTranspose2dOptions.Validate).</summary>
internal static class SpecValidator
{
    /// <summary>Resolves and checks the values. The spec is null when any error was found; warnings keep it.</summary>
    public static (ConvSpec? Spec, List<SpecProblem> Problems) Validate(IReadOnlyDictionary<string, int> values)
    {
        var problems = new List<SpecProblem>();
        int Get(string name) => values.TryGetValue(name, out int value) ? value : ArgumentNames.Defaults[name];

        int kernel = Get(ArgumentNames.Kernel), stride = Get(ArgumentNames.Stride), padding = Get(ArgumentNames.Padding);
        int dilation = Get(ArgumentNames.Dilation), outputPadding = Get(ArgumentNames.OutputPadding), groups = Get(ArgumentNames.Groups);
        RequireAtLeast(problems, Descriptors.KernelTooSmall.Id, ArgumentNames.Kernel, kernel, 1, "");
        RequireAtLeast(problems, Descriptors.StrideTooSmall.Id, ArgumentNames.Stride, stride, 1, "");
        RequireAtLeast(problems, Descriptors.PaddingNegative.Id, ArgumentNames.Padding, padding, 0, "");
        RequireAtLeast(problems, Descriptors.DilationTooSmall.Id, ArgumentNames.Dilation, dilation, 1, "");

        int kernelWidth = Resolve(problems, Descriptors.KernelTooSmall.Id, ArgumentNames.KernelWidth, Get(ArgumentNames.KernelWidth), 0, kernel, 1, ArgumentNames.Kernel);
        int strideWidth = Resolve(problems, Descriptors.StrideTooSmall.Id, ArgumentNames.StrideWidth, Get(ArgumentNames.StrideWidth), 0, stride, 1, ArgumentNames.Stride);
        int paddingWidth = Resolve(problems, Descriptors.PaddingNegative.Id, ArgumentNames.PaddingWidth, Get(ArgumentNames.PaddingWidth), -1, padding, 0, ArgumentNames.Padding);
        int dilationWidth = Resolve(problems, Descriptors.DilationTooSmall.Id, ArgumentNames.DilationWidth, Get(ArgumentNames.DilationWidth), 0, dilation, 1, ArgumentNames.Dilation);
        int rawOutputPaddingWidth = Get(ArgumentNames.OutputPaddingWidth);
        int outputPaddingWidth = rawOutputPaddingWidth == -1 ? outputPadding : rawOutputPaddingWidth;

        if (stride >= 1 && dilation >= 1)
            RequireOutputPadding(problems, ArgumentNames.OutputPadding, outputPadding, stride, dilation, "");
        if (strideWidth >= 1 && dilationWidth >= 1 && (rawOutputPaddingWidth != -1 || stride != strideWidth || dilation != dilationWidth))
            RequireOutputPadding(problems, rawOutputPaddingWidth == -1 ? ArgumentNames.OutputPadding : ArgumentNames.OutputPaddingWidth,
                outputPaddingWidth, strideWidth, dilationWidth, rawOutputPaddingWidth == -1 ? " (along the width)" : " (or -1 for the same as OutputPadding)");

        if (groups < 1)
            problems.Add(Problem(Descriptors.GroupsTooSmall.Id, ArgumentNames.Groups, Text(groups)));
        int inChannels = Get(ArgumentNames.InChannels), outChannels = Get(ArgumentNames.OutChannels);
        RequireChannels(problems, ArgumentNames.InChannels, inChannels, groups);
        RequireChannels(problems, ArgumentNames.OutChannels, outChannels, groups);

        if (problems.Count > 0)
            return (null, problems);

        var height = new AxisSpec(kernel, stride, padding, outputPadding, dilation);
        var width = new AxisSpec(kernelWidth, strideWidth, paddingWidth, outputPaddingWidth, dilationWidth);
        AddSmallInputWarning(problems, height, width, values.ContainsKey(ArgumentNames.Padding) ? ArgumentNames.Padding : ArgumentNames.Kernel);
        return (new ConvSpec(height, width, groups, inChannels, outChannels), problems);
    }

    /// <summary>The smallest input length whose output is at least 1 along an axis.</summary>
    public static long SmallestInput(AxisSpec axis)
    {
        long deficit = 1 - axis.OutputLength(1);
        return deficit <= 0 ? 1 : 1 + (deficit + axis.Stride - 1) / axis.Stride;
    }

    private static void AddSmallInputWarning(List<SpecProblem> problems, AxisSpec height, AxisSpec width, string argument)
    {
        long outHeight = height.OutputLength(1), outWidth = width.OutputLength(1);
        if (outHeight >= 1 && outWidth >= 1)
            return;
        problems.Add(Problem(Descriptors.EmptyOutputForSmallInputs.Id, argument, Text(outHeight), Text(outWidth),
            Text(SmallestInput(height)), Text(SmallestInput(width))));
    }

    private static void RequireAtLeast(List<SpecProblem> problems, string id, string name, int value, int minimum, string suffix)
    {
        if (value < minimum)
            problems.Add(Problem(id, name, name, Text(value), suffix));
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
        int limit = Math.Max(stride, dilation) - 1;
        if (value < 0 || value > limit)
            problems.Add(Problem(Descriptors.OutputPaddingOutOfRange.Id, name, name, Text(value), Text(limit), Text(stride), Text(dilation), suffix));
    }

    private static void RequireChannels(List<SpecProblem> problems, string name, int value, int groups)
    {
        if (value < 0 || (value > 0 && groups >= 1 && value % groups != 0))
            problems.Add(Problem(Descriptors.ChannelsInvalid.Id, name, name, Text(value), Text(Math.Max(groups, 1))));
    }

    private static SpecProblem Problem(string id, string argument, params string[] messageArguments) =>
        new(id, argument, EquatableArray.From(messageArguments));

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
