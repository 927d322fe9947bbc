using System;
using System.Diagnostics;
using System.Linq;
using DcganSample;
using TConvGen;

// A DCGAN generator forward pass on 16 random codes, three ways, timing each layer:
// - fused: the kernels TConvGen generated at compile time, with ReLU/Tanh applied in their stores and BatchNorm folded
//   into their weights at Prepare;
// - dynamic fused: the same with the dynamic kernel (ConvTranspose2d.Create) and the same options;
// - unfused: the dynamic kernel as a plain convolution, then BatchNorm and the activation as separate passes.
// It checks the fused outputs against the unfused ones; the images go to dcgan.ppm.
const int Batch = 16;
const int Runs = 15;

var fused = new DcganGenerator(i => i switch { 0 => DcganLayers.Project(), 4 => DcganLayers.ToRgb(), _ => DcganLayers.Up2x() }, fused: true, seed: 7);
var dynamicFused = new DcganGenerator(i => ConvTranspose2d.Create(fused.Layers[i].Prepared.Options), fused: true, seed: 7);
var unfused = new DcganGenerator(i => ConvTranspose2d.Create(DcganGenerator.PlainOptions(i)), fused: false, seed: 7);
var codes = DcganGenerator.RandomNormal(new Random(1), Batch * 100, 1.0);

var fusedOutputs = fused.Forward(codes, Batch);
var dynamicOutputs = dynamicFused.Forward(codes, Batch);
var unfusedOutputs = unfused.Forward(codes, Batch);

Console.WriteLine($"DCGAN generator (ConvTranspose2d + BatchNorm2d + ReLU, last + Tanh), batch {Batch}, median of {Runs} runs per layer ({Environment.ProcessorCount} threads)");
Console.WriteLine($"{"layer",-18} {"fused",12} {"dynamic fused",14} {"unfused",12} {"unfused/fused",14}");
for (int i = 0; i < fused.Layers.Count; i++)
{
    double fusedMs = MedianMilliseconds(fused.Layers[i], i == 0 ? codes : fusedOutputs[i - 1]);
    double dynamicMs = MedianMilliseconds(dynamicFused.Layers[i], i == 0 ? codes : dynamicOutputs[i - 1]);
    double unfusedMs = MedianMilliseconds(unfused.Layers[i], i == 0 ? codes : unfusedOutputs[i - 1]);
    Console.WriteLine($"{fused.Layers[i].Name,-18} {fusedMs,9:0.000} ms {dynamicMs,11:0.000} ms {unfusedMs,9:0.000} ms {unfusedMs / fusedMs,13:0.00}x  ({fused.Layers[i].Prepared.Kernel.Algorithm} | {dynamicFused.Layers[i].Prepared.Kernel.Algorithm})");
}

// Each layer's output against the unfused computation's, relative to that layer's magnitude.
double worst = 0;
for (int i = 0; i < fusedOutputs.Count; i++)
{
    double magnitude = Math.Max(1e-30, unfusedOutputs[i].Max(Math.Abs));
    worst = Math.Max(worst, Math.Max(Difference(fusedOutputs[i], unfusedOutputs[i]), Difference(dynamicOutputs[i], unfusedOutputs[i])) / magnitude);
}
Console.WriteLine($"Largest difference from the unfused computation, relative to each layer's magnitude: {worst:G3}");
if (worst > 1e-4)
{
    Console.Error.WriteLine("The fused and unfused computations disagree.");
    return 1;
}

PpmWriter.WriteGrid("dcgan.ppm", fusedOutputs[^1], Batch, 64);
Console.WriteLine("Wrote dcgan.ppm (16 images, 64x64, untrained weights: expect coloured noise with structure).");
return 0;

static double Difference(float[] a, float[] b) => a.Zip(b).Max(v => Math.Abs(v.First - v.Second));

static double MedianMilliseconds(DcganLayer layer, float[] input)
{
    int batch = input.Length / (layer.Prepared.InChannels * layer.InputSize * layer.InputSize);
    var output = DcganGenerator.Run(layer, input, batch);
    var times = new double[Runs];
    for (int r = 0; r < Runs; r++)
    {
        long start = Stopwatch.GetTimestamp();
        DcganGenerator.Run(layer, input, batch, output);
        times[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
    Array.Sort(times);
    return times[Runs / 2];
}
