using System;
using System.Collections.Generic;
using TConvGen.Generator.Parsing;
using TConvGen.Generator.Tests.Infrastructure;
using Xunit;

namespace TConvGen.Generator.Tests;

/// <summary>The generator checks an attribute with the runtime's own rules (linked sources): on a seeded sweep across every
/// rule's boundary (the activation's and its slope's too), an attribute is refused exactly when the options it describes are refused by
/// <see cref="ConvTranspose2dOptions.Validate"/>, and an accepted one resolves to those options.</summary>
public sealed class SpecValidatorParityTests
{
    [Fact]
    public void RefusesExactlyWhatTheRuntimeRefuses()
    {
        var random = new Random(20261201);
        int refused = 0, accepted = 0;
        for (int i = 0; i < 3000; i++)
        {
            // Each value at or just above its minimum, sometimes just below it; the width's sometimes its sentinel (the same as
            // the height's value). Output padding runs past max(stride, dilation) - 1 as often as not.
            int Near(int minimum) => random.Next(12) == 0 ? minimum - 1 - random.Next(2) : minimum + random.Next(3);
            int NearOrSame(int minimum, int sentinel) => random.Next(3) == 0 ? sentinel : Near(minimum);
            var values = new Dictionary<string, int>
            {
                [ArgumentNames.Kernel] = Near(1), [ArgumentNames.Stride] = Near(1), [ArgumentNames.Padding] = Near(0),
                [ArgumentNames.Dilation] = Near(1), [ArgumentNames.OutputPadding] = Near(0), [ArgumentNames.Groups] = Near(1),
                [ArgumentNames.KernelWidth] = NearOrSame(1, 0), [ArgumentNames.StrideWidth] = NearOrSame(1, 0),
                [ArgumentNames.PaddingWidth] = NearOrSame(0, -1), [ArgumentNames.DilationWidth] = NearOrSame(1, 0),
                [ArgumentNames.OutputPaddingWidth] = NearOrSame(0, -1),
                // Each function, and now and then a number past either end of the enum.
                [ArgumentNames.Activation] = random.Next(-1, 9),
            };
            float slope = random.Next(16) switch { 0 => float.NaN, 1 => float.PositiveInfinity, 2 => float.NegativeInfinity, int n => (n - 8) * 0.25f };
            var options = Options(values, slope);
            var (spec, _) = SpecValidator.Validate(values, slope);
            bool runtimeAccepts = Accepts(options.Validate);
            Assert.True(runtimeAccepts == (spec is not null), $"{options}: runtime {(runtimeAccepts ? "accepts" : "refuses")}, generator does not");
            if (spec is null)
            {
                refused++;
                continue;
            }
            accepted++;
            var o = options;
            Assert.Equal(new ConvAxis(o.KernelHeight, o.StrideHeight, o.PaddingHeight, o.OutputPaddingHeight, o.DilationHeight), spec.Height);
            Assert.Equal(new ConvAxis(o.KernelWidth, o.StrideWidth, o.PaddingWidth, o.OutputPaddingWidth, o.DilationWidth), spec.Width);
            Assert.Equal(o.Groups, spec.Groups);
            Assert.Equal((int)o.Activation, (int)spec.Activation);
            Assert.Equal(o.ActivationSlope, spec.ActivationSlope);
        }
        // Both outcomes are exercised, many times.
        Assert.True(refused > 500 && accepted > 500, $"refused {refused}, accepted {accepted}");
    }

    /// <summary>The same for <c>[ConvTranspose1d]</c> against <see cref="ConvTranspose1dOptions.Validate"/>; an accepted one is
    /// planned as its planar form: the width axis is the 1-D axis, the height axis kernel 1, stride 1, padding 0.</summary>
    [Fact]
    public void LineRefusesExactlyWhatTheRuntimeRefuses()
    {
        var random = new Random(20261202);
        int refused = 0, accepted = 0;
        for (int i = 0; i < 3000; i++)
        {
            int Near(int minimum) => random.Next(10) == 0 ? minimum - 1 - random.Next(2) : minimum + random.Next(4);
            var values = new Dictionary<string, int>
            {
                [ArgumentNames.Kernel] = Near(1), [ArgumentNames.Stride] = Near(1), [ArgumentNames.Padding] = Near(0),
                [ArgumentNames.Dilation] = Near(1), [ArgumentNames.OutputPadding] = Near(0), [ArgumentNames.Groups] = Near(1),
                [ArgumentNames.Activation] = random.Next(-1, 9),
            };
            float slope = random.Next(12) switch { 0 => float.NaN, 1 => float.NegativeInfinity, int n => n * 0.1f };
            var options = new ConvTranspose1dOptions(values[ArgumentNames.Kernel], values[ArgumentNames.Stride], values[ArgumentNames.Padding])
            {
                OutputPadding = values[ArgumentNames.OutputPadding], Dilation = values[ArgumentNames.Dilation], Groups = values[ArgumentNames.Groups],
                ActivationSlope = slope,
            };
            options = options with { Activation = RuntimeEnum.Numbered(options.Activation, values[ArgumentNames.Activation]) };
            var (spec, _) = SpecValidator.ValidateLine(new AttributeValues(values, slope));
            bool runtimeAccepts = Accepts(options.Validate);
            Assert.True(runtimeAccepts == (spec is not null), $"{options}: runtime {(runtimeAccepts ? "accepts" : "refuses")}, generator does not");
            if (spec is null)
            {
                refused++;
                continue;
            }
            accepted++;
            Assert.Equal(new ConvAxis(options.Kernel, options.Stride, options.Padding, options.OutputPadding, options.Dilation), spec.Width);
            Assert.Equal(new ConvAxis(1, 1, 0, 0, 1), spec.Height);
            Assert.Equal(options.Groups, spec.Groups);
            Assert.Equal((int)options.Activation, (int)spec.Activation);
            Assert.Equal(options.ActivationSlope, spec.ActivationSlope);
        }
        Assert.True(refused > 500 && accepted > 500, $"refused {refused}, accepted {accepted}");
    }

    /// <summary>The options the attribute describes: the width takes the height's value where it holds a sentinel.</summary>
    private static ConvTranspose2dOptions Options(Dictionary<string, int> v, float slope)
    {
        int Width(string name, int sentinel, string height) => v[name] == sentinel ? v[height] : v[name];
        var options = new ConvTranspose2dOptions(v[ArgumentNames.Kernel], v[ArgumentNames.Stride], v[ArgumentNames.Padding])
        {
            KernelWidth = Width(ArgumentNames.KernelWidth, 0, ArgumentNames.Kernel),
            StrideWidth = Width(ArgumentNames.StrideWidth, 0, ArgumentNames.Stride),
            PaddingWidth = Width(ArgumentNames.PaddingWidth, -1, ArgumentNames.Padding),
            DilationWidth = Width(ArgumentNames.DilationWidth, 0, ArgumentNames.Dilation),
            OutputPaddingHeight = v[ArgumentNames.OutputPadding],
            OutputPaddingWidth = Width(ArgumentNames.OutputPaddingWidth, -1, ArgumentNames.OutputPadding),
            DilationHeight = v[ArgumentNames.Dilation],
            Groups = v[ArgumentNames.Groups],
            ActivationSlope = slope,
        };
        return options with { Activation = RuntimeEnum.Numbered(options.Activation, v[ArgumentNames.Activation]) };
    }

    private static bool Accepts(Action validate)
    {
        try
        {
            validate();
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
