using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Microsoft.CodeAnalysis;
using TConvGen.CompilerServices;
using TConvGen.Generator.Tests.Infrastructure;
using TConvGen.Tests.Shared;
using Xunit;

namespace TConvGen.Generator.Tests;

/// <summary>
/// Generated code for the snapshot set plus a seeded random sweep, compiled in memory as a user's library would be
/// (warnings as errors, nullable, XML docs, no unsafe code), next to user types named as the generated code's own names
/// (<see cref="CaptureBait"/>), loaded, and compared with the reference kernel.
/// </summary>
public sealed class CompileAndRunTests
{
    private static readonly List<AttributeCase> Cases =
        Configurations.Snapshot.Concat(Configurations.Activated).Concat(Configurations.RandomSweep(seed: 20261125, count: 36)).ToList();

    private static readonly Lazy<Type> s_layers = new(CompileLayers);

    /// <summary>The compiled <c>Snapshots.Layers</c>, one method per case and per 1-D case (shared with
    /// <see cref="ActivationCompileAndRunTests"/> and <see cref="LineCompileAndRunTests"/>).</summary>
    internal static Type Layers => s_layers.Value;

    /// <summary>The kernel a compiled case's method returns.</summary>
    internal static ConvTranspose2d Kernel(string name) => (ConvTranspose2d)Layers.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, null)!;

    public static TheoryData<string> CaseNames => new(Cases.Select(c => c.Name));

    [Fact]
    public void AtLeastFortyConfigurations() => Assert.True(Cases.Count >= 40);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void MatchesTheReference(string name)
    {
        var kernel = (ConvTranspose2d)s_layers.Value.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, null)!;
        Assert.Same(kernel, s_layers.Value.GetMethod(name)!.Invoke(null, null));
        string attribute = Cases.Single(c => c.Name == name).Attribute;
        if (!name.StartsWith("Fallback", StringComparison.Ordinal) && GeneratedKernelVector.IsSupported)
            Assert.Equal("Generated (" + GeneratedKernelVector.WidthFor(kernel.Options.StrideWidth) + ")", kernel.Algorithm);
        var o = kernel.Options;
        // A seed from the name that every run repeats (string.GetHashCode is randomised per process).
        var random = new Random(name.Aggregate(17, (hash, c) => unchecked(hash * 31 + c)) & 0xFFFF);
        int fixedIn = FixedChannels(attribute, "InChannels"), fixedOut = FixedChannels(attribute, "OutChannels");
        int minHeight = SmallestInput(o.StrideHeight, o.PaddingHeight, o.DilationHeight, o.KernelHeight, o.OutputPaddingHeight);
        int minWidth = SmallestInput(o.StrideWidth, o.PaddingWidth, o.DilationWidth, o.KernelWidth, o.OutputPaddingWidth);
        // Narrow rows run on the dynamic kernel (GeneratedKernelDispatch); the wide ones (at least one 64-position column block per
        // phase, whole or not) run the generated bodies.
        var sizes = new[] { (1, 1), (2, 3), (o.KernelHeight - 1, o.KernelWidth - 1), (7, 11), (13, 21), (24, 40), (5, 67), (3, 150) };
        int compared = 0;
        foreach (var (h, w) in sizes)
        {
            int height = Math.Max(h, minHeight), width = Math.Max(w, minWidth);
            int groups = o.Groups;
            int cin = fixedIn > 0 ? fixedIn : groups * random.Next(1, 4);
            int cout = fixedOut > 0 ? fixedOut : groups * random.Next(1, 10);
            int batch = random.Next(1, 3);
            Compare(kernel, new ConvTranspose2dShape(batch, cin, cout, height, width), random, threads: compared % 2 == 0 ? 1 : 4);
            compared++;
        }
        Assert.Equal(sizes.Length, compared);
    }

    /// <summary>The bait is in the compiled assembly: the generated code compiled beside it.</summary>
    [Fact]
    public void UserTypesNamedAsTheGeneratedCodesCaptureNothing()
    {
        var assembly = s_layers.Value.Assembly;
        foreach (string ns in CaptureBait.Namespaces)
        {
            foreach (string type in CaptureBait.Types)
            {
                string name = (ns.Length == 0 ? "" : ns + ".") + type.Replace("<T>", "`1", StringComparison.Ordinal);
                Assert.NotNull(assembly.GetType(name, throwOnError: false));
            }
        }
    }

    /// <summary>A generated kernel names the width its bodies run, and runs them (not the dynamic kernel) on a wide layer at
    /// every width: Vector128 where Vector256 is not accelerated (ARM64, x64 without AVX2: the SimdLeg run with
    /// DOTNET_EnableAVX2=0), Vector256 with AVX2 and FMA, Vector512 only where AVX-512 is; the fallback where no SIMD runs.</summary>
    [Fact]
    public void TheAlgorithmNamesTheWidthTheBodiesRun()
    {
        var kernel = (ConvTranspose2d)s_layers.Value.GetMethod("K4S2P1")!.Invoke(null, null)!;
        // Where Vector512 runs, SimdPath.Preferred (measured) picks between it and Vector256.
        string? expected =
            !Vector128.IsHardwareAccelerated ? null
            : !(Vector256.IsHardwareAccelerated && Avx2.IsSupported && Fma.IsSupported) ? "Vector128"
            : Vector512.IsHardwareAccelerated && Avx512F.IsSupported && GeneratedKernelVector.WidthFor(2) == "Vector512" ? "Vector512"
            : "Vector256";
        if (expected is null)
        {
            Assert.False(GeneratedKernelVector.IsSupported);
            Assert.DoesNotContain("Generated", kernel.Algorithm, StringComparison.Ordinal);
            return;
        }
        Assert.Equal(expected, "Vector" + (GeneratedKernelVector.LanesFor(2) * 32).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Generated (" + expected + ")", kernel.Algorithm);
        var shape = new ConvTranspose2dShape(1, 4, 4, 8, 80);
        var random = new Random(7);
        var weight = RandomData.Uniform(random, 4 * 4 * 16);
        var prepared = Assert.IsType<GeneratedKernelDispatch>(kernel.Prepare(weight, [], 4, 4));
        Assert.Equal("Generated (" + expected + ")", prepared.Kernel.Algorithm);
        Assert.False(prepared.UsesDynamicKernel(ConvTranspose2dProblem.Create(kernel.Options, shape)));
        Compare(kernel, shape, random, threads: 1);
    }

    private static void Compare(ConvTranspose2d kernel, ConvTranspose2dShape shape, Random random, int threads)
    {
        var o = kernel.Options;
        var input = RandomData.Uniform(random, shape.Batch * shape.InChannels * shape.Height * shape.Width);
        var weight = RandomData.Uniform(random, shape.InChannels * (shape.OutChannels / o.Groups) * o.KernelHeight * o.KernelWidth);
        var bias = random.Next(3) == 0 ? Array.Empty<float>() : RandomData.Uniform(random, shape.OutChannels);
        var (outHeight, outWidth) = kernel.GetOutputSize(shape.Height, shape.Width);
        int length = shape.Batch * shape.OutChannels * outHeight * outWidth;

        var expected = new float[length];
        ConvTranspose2d.Create(o, ConvTranspose2dAlgorithm.Reference).Run(input, weight, bias, expected, shape);
        var buffer = OutputAssert.GuardedBuffer(length);
        kernel.Run(input, weight, bias, buffer.AsSpan(0, length), shape, threads);
        OutputAssert.CloseAndGuarded(expected, buffer, $"{o} {shape} Run threads={threads}");

        buffer = OutputAssert.GuardedBuffer(length);
        var prepared = kernel.Prepare(weight, bias, shape.InChannels, shape.OutChannels);
        // Where the bodies run Vector128 on x64 (no FMA), strides 1 and 4+, short rows and every layer Auto runs with
        // ChannelVectorized or OneTap go to the dynamic kernel (AlgorithmSelector.GeneratedHandsOff), so this checks the
        // hand-off only elsewhere; TheAlgorithmNamesTheWidthTheBodiesRun checks a layer that runs the bodies there.
        bool handedByWidth = GeneratedKernelVector.LanesFor(o.StrideWidth) == 4 && X86Base.IsSupported;
        if (prepared is GeneratedKernelDispatch dispatch && shape.Width >= 67 && !handedByWidth)
            Assert.False(dispatch.UsesDynamicKernel(ConvTranspose2dProblem.Create(o, shape)), $"{o} {shape} should run the generated bodies");
        prepared.Run(input, buffer.AsSpan(0, length), shape.Batch, shape.Height, shape.Width, 5 - threads);
        OutputAssert.CloseAndGuarded(expected, buffer, $"{o} {shape} Prepare threads={5 - threads}");
    }

    private static Type CompileLayers()
    {
        var (driver, output, diagnostics) = GeneratorHarness.Run(GeneratorHarness.Compile(Configurations.Source(Cases.Concat(Configurations.Lines)), CaptureBait.Source()));
        Assert.Null(GeneratorHarness.Result(driver).Exception);
        // Random configurations may warn (TCG0008: tiny inputs give no output); none may be refused.
        Assert.DoesNotContain(diagnostics, d => d.DefaultSeverity == DiagnosticSeverity.Error);
        using var stream = new MemoryStream();
        var emitted = output.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Take(20)));
        return Assembly.Load(stream.ToArray()).GetType("Snapshots.Layers", throwOnError: true)!;
    }

    private static int FixedChannels(string attribute, string name)
    {
        int at = attribute.IndexOf(name + " = ", StringComparison.Ordinal);
        if (at < 0)
            return 0;
        string rest = attribute[(at + name.Length + 3)..];
        return int.Parse(new string(rest.TakeWhile(char.IsDigit).ToArray()), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int SmallestInput(int stride, int padding, int dilation, int kernel, int outputPadding)
    {
        int size = 1;
        while ((size - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1 < 1)
            size++;
        return size;
    }
}
