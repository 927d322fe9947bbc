using System;
using TConvGen.Bench.Suite;

namespace TConvGen.Bench.Implementations;

/// <summary>A TConvGen kernel with its weights prepared once, as a user would run it.</summary>
internal sealed class KernelImplementation(string name, Func<BenchShape, ConvTranspose2d> createKernel) : ConvImplementation
{
    private PreparedConvTranspose2d? _prepared;
    private BenchShape? _shape;
    private float[] _input = [];
    private float[] _output = [];
    private int _threads;

    public override string Name => name;

    public override void Setup(BenchShape shape, BenchData data, int threads)
    {
        _shape = shape;
        _threads = threads;
        _input = data.Input;
        _output = new float[shape.OutputLength];
        _prepared = createKernel(shape).Prepare(data.Weight, data.Bias, shape.InChannels, shape.OutChannels);
    }

    public override void Run() =>
        _prepared!.Run(_input, _output, _shape!.Batch, _shape.Height, _shape.Width, _threads);

    public override ReadOnlySpan<float> Output => _output;
}
