using System;
using TConvGen.Bench.Suite;

namespace TConvGen.Bench.Implementations;

/// <summary>A TConvGen <see cref="ConvTranspose1d"/> with its weights prepared once, for the suite's 1-D layers (shapes of
/// height 1 whose options are a 1-D configuration, <see cref="BenchShape.AsConvTranspose1d"/>): the same layer the 2-D
/// columns run with height 1, through the 1-D API.</summary>
internal sealed class Kernel1dImplementation(string name, Func<BenchShape, ConvTranspose1d> createKernel) : ConvImplementation
{
    private PreparedConvTranspose1d? _prepared;
    private BenchShape? _shape;
    private float[] _input = [];
    private float[] _output = [];
    private int _threads;

    public override string Name => name;

    public override bool Supports(BenchShape shape) => shape.AsConvTranspose1d is not null;

    public override void Setup(BenchShape shape, BenchData data, int threads)
    {
        _shape = shape;
        _threads = threads;
        _input = data.Input;
        _output = new float[shape.OutputLength];
        _prepared = createKernel(shape).Prepare(data.Weight, data.Bias, shape.InChannels, shape.OutChannels);
    }

    public override void Run() => _prepared!.Run(_input, _output, _shape!.Batch, _shape.Width, _threads);

    public override ReadOnlySpan<float> Output => _output;
}
