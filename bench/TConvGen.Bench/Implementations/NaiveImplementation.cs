using System;
using TConvGen.Bench.Suite;

namespace TConvGen.Bench.Implementations;

/// <summary>The seed notebook's scatter loop (the library's Reference kernel): scalar, one thread, the baseline.</summary>
internal sealed class NaiveImplementation : ConvImplementation
{
    private ConvTranspose2d? _kernel;
    private BenchShape? _shape;
    private BenchData? _data;
    private float[] _output = [];

    /// <summary>Its name in the catalogue and the results.</summary>
    public const string DisplayName = "Naive scatter";

    public override string Name => DisplayName;

    public override void Setup(BenchShape shape, BenchData data, int threads)
    {
        _shape = shape;
        _data = data;
        _output = new float[shape.OutputLength];
        _kernel = ConvTranspose2d.Create(shape.Options, ConvTranspose2dAlgorithm.Reference);
    }

    public override void Run() => _kernel!.Run(_data!.Input, _data.Weight, _data.Bias, _output, _shape!.Shape, 1);

    public override ReadOnlySpan<float> Output => _output;
}
