using System;
using TConvGen;
using TConvGen.Runtime.Tests.Support;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>The activation options: None and slope 0.01 by default, an unknown activation or a non-finite slope refused by
/// Validate and by Create for every algorithm before anything runs, any finite slope accepted, and the description ending in
/// PyTorch's module.</summary>
public sealed class ActivationOptionsTests
{
    [Fact]
    public void TheDefaultIsNoActivationWithPyTorchsSlope()
    {
        var options = new ConvTranspose2dOptions(3);
        Assert.Equal(ConvTransposeActivation.None, options.Activation);
        Assert.Equal(0.01f, options.ActivationSlope);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void AnUnknownActivationIsRefused(int value)
    {
        var options = new ConvTranspose2dOptions(3) { Activation = (ConvTransposeActivation)value };
        ExceptionAssert.OutOfRange(options.Validate, nameof(ConvTranspose2dOptions.Activation), value, "0 to 6", "Silu");
        foreach (var algorithm in Enum.GetValues<ConvTranspose2dAlgorithm>())
            ExceptionAssert.OutOfRange(() => ConvTranspose2d.Create(options, algorithm), nameof(ConvTranspose2dOptions.Activation), value, "0 to 6");
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void ANonFiniteSlopeIsRefused(float slope)
    {
        // Refused whatever the activation: a slope is either meaningful or a mistake waiting for LeakyRelu.
        foreach (var activation in new[] { ConvTransposeActivation.LeakyRelu, ConvTransposeActivation.None })
        {
            var options = new ConvTranspose2dOptions(3) { Activation = activation, ActivationSlope = slope };
            ExceptionAssert.Argument(options.Validate, nameof(ConvTranspose2dOptions.ActivationSlope), "finite",
                slope.ToString(System.Globalization.CultureInfo.CurrentCulture));
            foreach (var algorithm in Enum.GetValues<ConvTranspose2dAlgorithm>())
                ExceptionAssert.Argument(() => ConvTranspose2d.Create(options, algorithm), nameof(ConvTranspose2dOptions.ActivationSlope), "finite");
        }
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-0.5f)]
    [InlineData(3f)]
    [InlineData(float.MaxValue)]
    [InlineData(-float.Epsilon)]
    public void AnyFiniteSlopeIsAccepted(float slope)
    {
        var options = new ConvTranspose2dOptions(3) { Activation = ConvTransposeActivation.LeakyRelu, ActivationSlope = slope };
        options.Validate();
        foreach (var algorithm in Enum.GetValues<ConvTranspose2dAlgorithm>())
            Assert.NotNull(ConvTranspose2d.Create(options, algorithm));
    }

    [Theory]
    [InlineData(ConvTransposeActivation.None, 0.01f, "")]
    [InlineData(ConvTransposeActivation.Relu, 0.01f, " -> ReLU()")]
    [InlineData(ConvTransposeActivation.LeakyRelu, 0.2f, " -> LeakyReLU(negative_slope=0.2)")]
    [InlineData(ConvTransposeActivation.LeakyRelu, -0.5f, " -> LeakyReLU(negative_slope=-0.5)")]
    [InlineData(ConvTransposeActivation.Relu6, 0.01f, " -> ReLU6()")]
    [InlineData(ConvTransposeActivation.Sigmoid, 0.01f, " -> Sigmoid()")]
    [InlineData(ConvTransposeActivation.Tanh, 0.01f, " -> Tanh()")]
    [InlineData(ConvTransposeActivation.Silu, 0.01f, " -> SiLU()")]
    public void TheDescriptionEndsInPyTorchsModule(ConvTransposeActivation activation, float slope, string suffix)
    {
        var options = new ConvTranspose2dOptions(4, 2, 1) { Activation = activation, ActivationSlope = slope };
        Assert.Equal("ConvTranspose2d(kernel_size=(4, 4), stride=(2, 2), padding=(1, 1))" + suffix, options.ToString());
    }

    [Fact]
    public void OptionsDifferingOnlyInTheActivationAreNotEqual()
    {
        var relu = new ConvTranspose2dOptions(3) { Activation = ConvTransposeActivation.Relu };
        Assert.NotEqual(new ConvTranspose2dOptions(3), relu);
        var leaky = relu with { Activation = ConvTransposeActivation.LeakyRelu };
        Assert.NotEqual(leaky, leaky with { ActivationSlope = 0.2f });
        Assert.Equal(relu, new ConvTranspose2dOptions(3) { Activation = ConvTransposeActivation.Relu });
    }
}
