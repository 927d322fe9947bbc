using System;
using System.Diagnostics;
using System.Linq;
using DcganSample;
using TConvGen;

// A DCGAN generator forward pass on 16 random codes, once with the kernels TConvGen generated at compile time
// and once with the dynamic kernel (ConvTranspose2d.Create), timing each layer; the images go to dcgan.ppm.
const int Batch = 16;
const int Runs = 15;

var generated = new DcganGenerator(i => i switch { 0 => DcganLayers.Project(), 4 => DcganLayers.ToRgb(), _ => DcganLayers.Up2x() }, seed: 7);
var dynamic = new DcganGenerator(i => ConvTranspose2d.Create(generated.Layers[i].Prepared.Options), seed: 7);
var codes = DcganGenerator.RandomNormal(new Random(1), Batch * 100, 1.0);

var generatedOutputs = generated.Forward(codes, Batch);
var dynamicOutputs = dynamic.Forward(codes, Batch);
double largestDifference = generatedOutputs.Zip(dynamicOutputs).Max(pair => pair.First.Zip(pair.Second).Max(v => Math.Abs(v.First - v.Second)));

Console.WriteLine($"DCGAN generator, batch {Batch}, median of {Runs} runs per layer ({Environment.ProcessorCount} threads)");
Console.WriteLine($"{"layer",-18} {"generated",12} {"dynamic",12} {"ratio",7}");
for (int i = 0; i < generated.Layers.Count; i++)
{
    var layer = generated.Layers[i];
    double generatedMs = MedianMilliseconds(layer, i == 0 ? codes : generatedOutputs[i - 1]);
    double dynamicMs = MedianMilliseconds(dynamic.Layers[i], i == 0 ? codes : dynamicOutputs[i - 1]);
    Console.WriteLine($"{layer.Name,-18} {generatedMs,9:0.000} ms {dynamicMs,9:0.000} ms {dynamicMs / generatedMs,6:0.00}x  ({layer.Prepared.Kernel.Algorithm} vs {dynamic.Layers[i].Prepared.Kernel.Algorithm})");
}
Console.WriteLine($"Largest difference between generated and dynamic outputs: {largestDifference:G3}");
if (largestDifference > 1e-3)
{
    Console.Error.WriteLine("The generated and dynamic kernels disagree.");
    return 1;
}

PpmWriter.WriteGrid("dcgan.ppm", generatedOutputs[^1], Batch, 64);
Console.WriteLine("Wrote dcgan.ppm (16 images, 64x64, untrained weights: expect coloured noise with structure).");
return 0;

static double MedianMilliseconds(DcganLayer layer, float[] input)
{
    int batch = input.Length / (layer.Prepared.InChannels * layer.InputSize * layer.InputSize);
    var (height, width) = layer.Prepared.Kernel.GetOutputSize(layer.InputSize, layer.InputSize);
    var output = new float[batch * layer.Prepared.OutChannels * height * width];
    var times = new double[Runs];
    for (int r = 0; r < Runs; r++)
    {
        long start = Stopwatch.GetTimestamp();
        layer.Prepared.Run(input, output, batch, layer.InputSize, layer.InputSize);
        times[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
    Array.Sort(times);
    return times[Runs / 2];
}
