using System;
using System.Linq;
using System.Reflection;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using TConvGen.CompilerServices;
using TConvGen.Tests.Shared;
using Xunit;
using Placement = TConvGen.Tests.Shared.NonFiniteData.Placement;

namespace TConvGen.Generator.Tests;

/// <summary>
/// The generated Winograd route (the compiled cases of <see cref="CompileAndRunTests"/>): on layers the selection rules give to
/// Winograd, a generated k3 s1 or k4 s2 p1 kernel runs the runtime's driver with its own unrolled transforms
/// (<see cref="GeneratedKernelDispatch.UsesWinograd"/>), and its outputs equal the Reference, with and without an activation,
/// and with NaN and infinities in the input (which the route sends to the exact path) or the weights (which never take it).
/// </summary>
public sealed class WinogradCompileAndRunTests
{
    [Theory]
    [InlineData("K3S1P1", 64, 64, 32, 1)]
    [InlineData("K3S1P1", 64, 64, 30, 2)]
    [InlineData("K4S2P1", 128, 64, 32, 1)]
    [InlineData("K4S2P1", 128, 64, 33, 2)]
    [InlineData("K3S1P1Relu", 64, 64, 32, 1)]
    [InlineData("K4S2P1LeakyRelu", 128, 64, 32, 1)]
    [InlineData("K4S2P1Sigmoid", 128, 64, 34, 1)]
    public void TheWinogradRouteMatchesTheReference(string name, int inChannels, int outChannels, int side, int batch)
    {
        var kernel = CompileAndRunTests.Kernel(name);
        var o = kernel.Options;
        var random = new Random(side * 1000 + inChannels);
        var shape = new ConvTranspose2dShape(batch, inChannels, outChannels, side, side + 3);
        var input = RandomData.Uniform(random, batch * inChannels * side * (side + 3));
        var weight = RandomData.Uniform(random, inChannels * outChannels * o.KernelHeight * o.KernelWidth);
        var bias = RandomData.Uniform(random, outChannels);
        var expected = ActivationCompileAndRunTests.Reference(o, input, weight, bias, shape);

        var prepared = kernel.Prepare(weight, bias, inChannels, outChannels);
        if (GeneratedKernelVector.IsSupported)
        {
            var dispatch = Assert.IsType<GeneratedKernelDispatch>(prepared);
            var problem = ConvTranspose2dProblem.Create(o, shape);
            Assert.Equal(WinogradExpected, dispatch.UsesWinograd(problem));
            Assert.Equal(!dispatch.UsesWinograd(problem), dispatch.UsesDynamicKernel(problem));
        }
        foreach (int threads in new[] { 1, 2 })
        {
            var buffer = OutputAssert.GuardedBuffer(expected.Length);
            prepared.Run(input, buffer.AsSpan(0, expected.Length), batch, shape.Height, shape.Width, threads);
            OutputAssert.CloseAndGuarded(expected, buffer, $"{name} {shape} Prepare threads={threads}");
        }
        var once = OutputAssert.GuardedBuffer(expected.Length);
        kernel.Run(input, weight, bias, once.AsSpan(0, expected.Length), shape, maxDegreeOfParallelism: 2);
        OutputAssert.CloseAndGuarded(expected, once, $"{name} {shape} Run");
    }

    /// <summary>Non-finite inputs keep the Winograd route, whose scan sends the run to the exact path; non-finite weights leave
    /// it for the dynamic kernel's exact path. Either way every output has the Reference's class.</summary>
    [Theory]
    [InlineData("K3S1P1", 64, 64)]
    [InlineData("K4S2P1", 128, 64)]
    [InlineData("K4S2P1Sigmoid", 128, 64)]
    public void NonFiniteValuesOnTheWinogradRouteMatchTheReference(string name, int inChannels, int outChannels)
    {
        var kernel = CompileAndRunTests.Kernel(name);
        var o = kernel.Options;
        var random = new Random(name.Length * 17);
        var shape = new ConvTranspose2dShape(1, inChannels, outChannels, 32, 32);
        foreach (var placement in new[] { Placement.InputNaN, Placement.InputInfinities, Placement.WeightNaN })
        {
            var (input, weight, bias) = NonFiniteData.Plant(placement, random, RandomData.Uniform(random, inChannels * 32 * 32),
                RandomData.Uniform(random, inChannels * outChannels * o.KernelHeight * o.KernelWidth), RandomData.Uniform(random, outChannels));
            var expected = ActivationCompileAndRunTests.Reference(o, input, weight, bias, shape);
            var prepared = kernel.Prepare(weight, bias, inChannels, outChannels);
            if (GeneratedKernelVector.IsSupported)
            {
                var dispatch = Assert.IsType<GeneratedKernelDispatch>(prepared);
                Assert.Equal(WinogradExpected && placement != Placement.WeightNaN, dispatch.UsesWinograd(ConvTranspose2dProblem.Create(o, shape)));
            }
            var buffer = OutputAssert.GuardedBuffer(expected.Length);
            prepared.Run(input, buffer.AsSpan(0, expected.Length), shape.Batch, shape.Height, shape.Width, maxDegreeOfParallelism: 2);
            OutputClassAssert.SameClassesAndGuarded(expected, buffer, $"{name} {placement} {shape}");
        }
    }

    /// <summary>A generated kernel's weight transform (<see cref="IWinogradTileTransform.Weight"/>,
    /// <see cref="IWinogradPhaseTransform.Weight"/>, from the plan's G) equals the runtime's bit for bit on random kernels over
    /// many binades: the same products and sums in double, in the same order.</summary>
    [Theory]
    [InlineData("K3S1P1", "TConvGen.WinogradTransforms", 9)]
    [InlineData("K4S2P1", "TConvGen.WinogradPhaseTransforms", 4)]
    [InlineData("K4S2P1LeakyRelu", "TConvGen.WinogradPhaseTransforms", 4)]
    public void TheGeneratedWeightTransformIsTheRuntimes(string name, string runtimeTransform, int taps)
    {
        var generated = WeightOf(CompileAndRunTests.Layers.Assembly.GetTypes().Single(type => type.Name.EndsWith("_Layers_" + name + "_Winograd", StringComparison.Ordinal)));
        var runtime = WeightOf(typeof(ConvTranspose2d).Assembly.GetType(runtimeTransform, throwOnError: true)!);
        var random = new Random(taps);
        for (int trial = 0; trial < 200; trial++)
        {
            var g = Enumerable.Range(0, taps)
                .Select(_ => (double)(float)((random.NextDouble() + 0.01) * (random.Next(2) * 2 - 1) * Math.Pow(2, random.Next(-30, 30))))
                .ToArray();
            double[] expected = new double[16], actual = new double[16];
            runtime(g, expected);
            generated(g, actual);
            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    private delegate void WeightTransform(ReadOnlySpan<double> g, Span<double> u);

    private static WeightTransform WeightOf(Type transform) =>
        transform.GetMethod("Weight", BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<WeightTransform>();

    /// <summary>Where the selection rules give these layers (64->64 k3s1p1, 128->64 k4s2p1, 30 x 30 and wider) to Winograd:
    /// from Vector256 on, and on x64's Vector128, which has no fused multiply-add (ARM64's has, and its Vector128 is not
    /// measured); never where no SIMD runs, since the kernel is then the dynamic one.</summary>
    private static bool WinogradExpected =>
        Vector256.IsHardwareAccelerated || (Vector128.IsHardwareAccelerated && X86Base.IsSupported && !Fma.IsSupported);
}
