using System;
using TConvGen.CompilerServices;

namespace TConvGen;

/// <summary>A tiled kernel whose tile code is generic over the activation and applies it in its final stores
/// (<see cref="TiledPreparedConvTranspose2d.AppliesActivation"/>).</summary>
internal interface IActivatedTileKernel<TPiece>
{
    /// <summary>Computes every output of <paramref name="tile"/>, bias and <paramref name="activation"/> included.</summary>
    void RunTile<TActivation>(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, TPiece tile, TActivation activation)
        where TActivation : struct, IActivationFunction;
}

/// <summary>Runs a tile of an <see cref="IActivatedTileKernel{TPiece}"/> with the instantiation of the options' activation, picked once per tile.</summary>
internal static class ActivatedTile
{
    /// <summary>Calls <paramref name="kernel"/>'s tile code with the struct of <c>problem.Options.Activation</c>.</summary>
    public static void Run<TKernel, TPiece>(TKernel kernel, ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, TPiece tile)
        where TKernel : class, IActivatedTileKernel<TPiece>
    {
        var visitor = new Visitor<TKernel, TPiece>(kernel, input, output, problem, tile);
        ActivationDispatch.Visit(problem.Options.Activation, problem.Options.ActivationSlope, ref visitor);
    }

    private readonly ref struct Visitor<TKernel, TPiece>(TKernel kernel, ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem,
        TPiece tile) : IActivationVisitor
        where TKernel : class, IActivatedTileKernel<TPiece>
    {
        private readonly ReadOnlySpan<float> _input = input;
        private readonly Span<float> _output = output;

        public void Visit<TActivation>(TActivation activation)
            where TActivation : struct, IActivationFunction =>
            kernel.RunTile(_input, _output, problem, tile, activation);
    }
}
