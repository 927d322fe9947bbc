using System;
using System.Collections.Generic;
using TConvGen;
using TConvGen.Tests.Shared;
using Xunit;

namespace TConvGen.Generator.Consumer.Tests;

/// <summary>The generated methods of <see cref="EdgeCaseLayers"/>, whose strides, dilations, paddings and kernels are legal but
/// extreme, run right (against the Reference) in bounded memory (at most <see cref="AllocationAssert.DefaultLimit"/> per run
/// on one thread), with <c>Run</c> and <c>Prepare</c> + <c>Run</c>. The unrolled ones among them hand their runs to the
/// dynamic kernel's exact path; the others run the dynamic kernel.</summary>
public sealed class GeneratedKernelExtremeGeometryTests
{
    /// <summary>Each method with a shape whose output is small.</summary>
    private static readonly Dictionary<string, (Func<ConvTranspose2d> Get, ConvTranspose2dShape Shape)> Cases = new()
    {
        ["Stride2Pow20"] = (EdgeCaseLayers.Stride2Pow20, new(1, 1, 1, 1, 1)),
        ["Stride2Pow24"] = (EdgeCaseLayers.Stride2Pow24, new(1, 2, 3, 1, 1)),
        ["Stride2Pow26"] = (EdgeCaseLayers.Stride2Pow26, new(1, 1, 1, 1, 1)),
        ["StrideIntMax"] = (EdgeCaseLayers.StrideIntMax, new(2, 3, 2, 1, 1)),
        ["Stride10000"] = (EdgeCaseLayers.Stride10000, new(1, 1, 1, 1, 1)),
        ["Stride46341"] = (EdgeCaseLayers.Stride46341, new(1, 1, 1, 1, 1)),
        ["Stride65536"] = (EdgeCaseLayers.Stride65536, new(1, 4, 4, 1, 1)),
        ["DilatedPastTheOutput"] = (EdgeCaseLayers.DilatedPastTheOutput, new(1, 1, 1, 4, 8)),
        ["DilatedPastTheOutput 3->2"] = (EdgeCaseLayers.DilatedPastTheOutput, new(2, 3, 2, 4, 40)),
        ["DilatedFarApart"] = (EdgeCaseLayers.DilatedFarApart, new(1, 2, 3, 3, 40)),
        ["Dilated5000"] = (EdgeCaseLayers.Dilated5000, new(1, 2, 2, 6, 40)),
        ["StrideAndDilation2Pow20"] = (EdgeCaseLayers.StrideAndDilation2Pow20, new(1, 2, 1, 2, 1)),
        ["Kernel12000"] = (EdgeCaseLayers.Kernel12000, new(1, 1, 1, 1, 2000)),
        ["Kernel30000"] = (EdgeCaseLayers.Kernel30000, new(1, 1, 1, 1, 200)),
    };

    /// <summary>Each case with plain <c>Run</c> (false) and <c>Prepare</c> + <c>Run</c> (true).</summary>
    public static TheoryData<string, bool> CasesAndPaths()
    {
        var data = new TheoryData<string, bool>();
        foreach (string name in Cases.Keys)
        {
            data.Add(name, false);
            data.Add(name, true);
        }
        return data;
    }

    /// <summary>The output matches the Reference and the run allocates little.</summary>
    [Theory]
    [MemberData(nameof(CasesAndPaths))]
    public void RunsRightInBoundedMemory(string name, bool prepared)
    {
        var (get, shape) = Cases[name];
        var kernel = get();
        var o = kernel.Options;
        var random = new Random(name.Length);
        var input = Integers(random, shape.Batch * shape.InChannels * shape.Height * shape.Width);
        var weight = Integers(random, shape.InChannels * (shape.OutChannels / o.Groups) * o.KernelHeight * o.KernelWidth);
        var bias = Integers(random, shape.OutChannels);
        var (outHeight, outWidth) = kernel.GetOutputSize(shape.Height, shape.Width);
        int length = shape.Batch * shape.OutChannels * outHeight * outWidth;
        var expected = new float[length];
        ConvTranspose2d.Create(o, ConvTranspose2dAlgorithm.Reference).Run(input, weight, bias, expected, shape, 1);

        var buffer = OutputAssert.GuardedBuffer(length);
        var output = buffer.AsMemory(0, length);
        AllocationAssert.AtMost(() =>
        {
            if (prepared)
                kernel.Prepare(weight, bias, shape.InChannels, shape.OutChannels).Run(input, output.Span, shape.Batch, shape.Height, shape.Width, 1);
            else
                kernel.Run(input, weight, bias, output.Span, shape, 1);
        }, $"{name} {(prepared ? "Prepare+Run" : "Run")}");
        OutputAssert.CloseAndGuarded(expected, buffer, $"{name} {(prepared ? "Prepare+Run" : "Run")}");
    }

    /// <summary>The dilated layers are unrolled (so the tests above cover the generated kernels' dispatch, not only the
    /// dynamic kernel); the strides past 8 and the long kernels are not.</summary>
    [Fact]
    public void TheDilatedLayersAreUnrolled()
    {
        string generated = TConvGen.CompilerServices.GeneratedKernelVector.IsSupported ? "Generated (" + TConvGen.CompilerServices.GeneratedKernelVector.WidthFor(2) + ")" : ConvTranspose2d.Create(EdgeCaseLayers.Dilated5000().Options).Algorithm;
        Assert.Equal(generated, EdgeCaseLayers.DilatedPastTheOutput().Algorithm);
        Assert.Equal(generated, EdgeCaseLayers.DilatedFarApart().Algorithm);
        Assert.Equal(generated, EdgeCaseLayers.Dilated5000().Algorithm);
        Assert.NotEqual("Generated", EdgeCaseLayers.Stride2Pow20().Algorithm);
        Assert.NotEqual("Generated", EdgeCaseLayers.Kernel12000().Algorithm);
    }

    /// <summary>Small integers: every sum is exact in float32.</summary>
    private static float[] Integers(Random random, int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
            values[i] = random.Next(-3, 4);
        return values;
    }
}
