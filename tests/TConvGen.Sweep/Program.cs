using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using TConvGen;
using TConvGen.Sweep;

// Checks every algorithm and the generated kernels against the reference on a seeded sweep and on edge cases, and says
// which SIMD width this process runs. Ends with "Sweep: N passed, M failed"; the exit code is the failure count (capped).
int cases = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 60;
Console.WriteLine($"Sweep on {RuntimeInformation.ProcessArchitecture}, {(RuntimeFeature.IsDynamicCodeCompiled ? "JIT" : "Native AOT")}, .NET {Environment.Version}: " +
    $"Vector512 {Accelerated(Vector512.IsHardwareAccelerated)}, Vector256 {Accelerated(Vector256.IsHardwareAccelerated)}, " +
    $"Vector128 {Accelerated(Vector128.IsHardwareAccelerated)}");
var sample = new ConvTranspose2dOptions(4, stride: 2, padding: 1);
Console.WriteLine($"  algorithms run: {string.Join(", ", Array.ConvertAll(Enum.GetValues<ConvTranspose2dAlgorithm>(), a => ConvTranspose2d.Create(sample, a).Algorithm))}; " +
    $"generated k4s2p1: {Layers.K4S2P1().Algorithm}");

var checker = new SweepChecker();
var random = new Random(20261201);
foreach (var edge in EdgeCases(random))
    checker.CheckAlgorithms(edge);
for (int i = 0; i < cases; i++)
    checker.CheckAlgorithms(SweepCase.Draw(random, maxMultiplyAdds: 300_000));
foreach (var (name, kernel) in Layers.All)
{
    for (int i = 0; i < 3; i++)
        checker.CheckGenerated(name, kernel, GeneratedCase(kernel.Options, i, random));
}
// The generated Winograd route (the kernel's unrolled transforms in the runtime's driver), on the smallest layer of a few
// that this machine's rules give to Winograd (none on ARM64 or where no SIMD runs).
foreach (var (name, kernel) in Layers.All)
{
    if (WinogradCase(kernel, random) is { } winograd)
    {
        Console.WriteLine($"  generated {name} on its Winograd route: {winograd.Shape}");
        checker.CheckGenerated(name + " Winograd", kernel, winograd);
    }
}
Console.WriteLine($"Sweep: {checker.Passed} passed, {checker.Failed} failed");
return Math.Min(checker.Failed, 100);

static string Accelerated(bool accelerated) => accelerated ? "accelerated" : "not accelerated";

// The cases each algorithm is chosen for, and the shapes that break kernels: 1x1 inputs, k < s, k > input, wide channels.
static IEnumerable<SweepCase> EdgeCases(Random random)
{
    yield return SweepCase.Create("1x1 input", new ConvTranspose2dOptions(4, stride: 2, padding: 1), new(1, 3, 5, 1, 1), true, random);
    yield return SweepCase.Create("k < s", new ConvTranspose2dOptions(2, stride: 3), new(1, 2, 3, 7, 9), true, random);
    yield return SweepCase.Create("k > input", new ConvTranspose2dOptions(9, stride: 1, padding: 2), new(1, 2, 2, 3, 4), false, random);
    yield return SweepCase.Create("wide channels (ChannelVectorized)", new ConvTranspose2dOptions(4, stride: 2, padding: 1), new(1, 128, 64, 6, 6), true, random);
    yield return SweepCase.Create("latent vector (PatchScatter)", new ConvTranspose2dOptions(4), new(1, 100, 64, 1, 1), false, random);
    yield return SweepCase.Create("U-Net up-convolution (OneTap)", new ConvTranspose2dOptions(2, stride: 2) { OutputPadding = 1, Padding = 0 }, new(1, 4, 3, 40, 40), true, random);
    yield return SweepCase.Create("narrow wide-channel rows (GemmCol2Im)", new ConvTranspose2dOptions(3, stride: 1, padding: 1), new(1, 40, 40, 3, 3), true, random);
    yield return SweepCase.Create("depthwise", new ConvTranspose2dOptions(3, stride: 2, padding: 1) { Groups = 6 }, new(2, 6, 6, 9, 10), true, random);
    // Every activation through every kernel: in the stores, after a block's stores (the Exp ones), and in the tile pass.
    foreach (var activation in Enum.GetValues<ConvTransposeActivation>())
    {
        if (activation == ConvTransposeActivation.None)
            continue;
        yield return SweepCase.Create($"{activation} k4s2p1", new ConvTranspose2dOptions(4, stride: 2, padding: 1) { Activation = activation, ActivationSlope = 0.2f }, new(1, 24, 20, 11, 13), true, random);
        yield return SweepCase.Create($"{activation} k3s1p1", new ConvTranspose2dOptions(3, stride: 1, padding: 1) { Activation = activation, ActivationSlope = -0.5f }, new(1, 32, 32, 9, 14), true, random);
        yield return SweepCase.Create($"{activation} 1x1 input", new ConvTranspose2dOptions(4) { Activation = activation }, new(1, 40, 33, 1, 1), true, random);
    }
}

// A shape for a generated kernel: its groups divide the channels; widths from shorter than a block to several blocks.
static SweepCase GeneratedCase(ConvTranspose2dOptions options, int index, Random random)
{
    int groups = options.Groups;
    int size = index switch { 0 => 5, 1 => 23, _ => 48 };
    return SweepCase.Create($"generated #{index}", options, new(1 + index % 2, groups * (1 + index), groups * (2 + index), size, size + 3), index != 1, random);
}

static SweepCase? WinogradCase(ConvTranspose2d kernel, Random random)
{
    ConvTranspose2dShape[] candidates = [new(1, 32, 32, 28, 30), new(1, 32, 16, 32, 33), new(1, 128, 64, 32, 32)];
    foreach (var shape in candidates)
    {
        if (shape.InChannels % kernel.Options.Groups != 0 || shape.OutChannels % kernel.Options.Groups != 0)
            continue;
        var c = SweepCase.Create($"Winograd route {shape}", kernel.Options, shape, true, random);
        if (kernel.Prepare(c.Weight, c.Bias, shape.InChannels, shape.OutChannels) is TConvGen.CompilerServices.GeneratedKernelDispatch dispatch
            && dispatch.UsesWinograd(ConvTranspose2dProblem.Create(kernel.Options, shape)))
            return c;
    }
    return null;
}
