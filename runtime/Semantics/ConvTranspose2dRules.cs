using System;

namespace TConvGen;

/// <summary>
/// The rules PyTorch's <c>ConvTranspose2d</c> imposes on the hyper-parameters and channel counts, written once: the runtime
/// throws on a violation (<c>ConvTranspose2dOptions.Validate</c>, <c>ConvTranspose2dProblem</c>); the generator,
/// which compiles this file too (netstandard2.0), reports it on the attribute's argument. Checks return the violation, or
/// null, rather than throw.
/// </summary>
internal static class ConvTranspose2dRules
{
    public const int MinimumKernel = 1;
    public const int MinimumStride = 1;
    public const int MinimumPadding = 0;
    public const int MinimumDilation = 1;
    public const int MinimumGroups = 1;

    /// <summary>LeakyReLU's negative slope when none is given, as in PyTorch.</summary>
    public const float DefaultActivationSlope = 0.01f;

    /// <summary>The largest <see cref="ConvTransposeActivation"/> value.</summary>
    public const int MaximumActivation = (int)ConvTransposeActivation.Silu;

    /// <summary><paramref name="value"/> must be at least <paramref name="minimum"/>.</summary>
    public static RuleViolation? AtLeast(string parameter, int value, int minimum) =>
        value >= minimum ? null : new(parameter, value, minimum, int.MaxValue, $"{parameter} must be >= {minimum}, but got {value}.");

    /// <summary>The largest legal output padding along an axis: it must be smaller than the stride or the dilation.</summary>
    public static int MaximumOutputPadding(int stride, int dilation) => Math.Max(stride, dilation) - 1;

    /// <summary>An axis's output padding must be in [0, max(stride, dilation) - 1].</summary>
    public static RuleViolation? OutputPaddingInRange(string parameter, int value, int stride, int dilation, string strideName, string dilationName)
    {
        int limit = MaximumOutputPadding(stride, dilation);
        return value >= 0 && value <= limit ? null : new(parameter, value, 0, limit,
            $"{parameter} must be in [0, {limit}] (smaller than max({strideName}={stride}, {dilationName}={dilation})), but got {value}.");
    }

    /// <summary>A channel count must be at least <paramref name="minimum"/> and divisible by the groups (checked only
    /// against legal groups: illegal groups are their own violation).</summary>
    public static RuleViolation? ChannelCount(string parameter, int channels, int groups, int minimum)
    {
        if (AtLeast(parameter, channels, minimum) is { } tooFew)
            return tooFew;
        return groups < MinimumGroups || channels % groups == 0 ? null : new(parameter, channels, minimum, int.MaxValue,
            $"{parameter} must be divisible by Groups ({groups}), but got {channels}.");
    }

    /// <summary>An activation must be one of <see cref="ConvTransposeActivation"/>'s values.</summary>
    public static RuleViolation? KnownActivation(string parameter, int value) =>
        value >= 0 && value <= MaximumActivation ? null : new(parameter, value, 0, MaximumActivation,
            $"{parameter} must be one of None, Relu, LeakyRelu, Relu6, Sigmoid, Tanh or Silu (0 to {MaximumActivation}), but got {value}.");

    /// <summary>The activation slope must be finite: the message when it is not, or null.</summary>
    public static string? FiniteSlope(string parameter, float value) =>
        !float.IsNaN(value) && !float.IsInfinity(value) ? null
            : $"{parameter} must be a finite number (LeakyReLU's negative slope, default {DefaultActivationSlope}), but got {value}.";

    /// <summary>Throws the violation's exception, if there is one.</summary>
    public static void ThrowIfViolated(RuleViolation? violation)
    {
        if (violation is not null)
            throw violation.ToException();
    }
}
