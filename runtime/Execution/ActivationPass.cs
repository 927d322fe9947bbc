using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using TConvGen.CompilerServices;

namespace TConvGen;

/// <summary>
/// Applies the options' activation to values already written: the finishing step of the kernels that add into their output
/// (scatter-based) and so cannot activate in their stores, run on each tile right after it is computed, while it is in cache.
/// The other kernels apply it in their stores and skip this (<see cref="TiledPreparedConvTranspose2d.AppliesActivation"/>).
/// </summary>
internal static unsafe class ActivationPass
{
    /// <summary>Activates every output of <paramref name="tile"/> in <paramref name="imageOutput"/> (one image, <c>(Cout, Hout, Wout)</c>).</summary>
    public static void Apply(Span<float> imageOutput, ConvTranspose2dProblem problem, ConvTranspose2dTile tile, SimdLevel level)
    {
        var options = problem.Options;
        if (options.Activation == ConvTransposeActivation.None)
            return;
        int rowLength = (tile.RowEnd - tile.RowStart) * problem.OutputWidth;
        for (int oc = tile.OutChannelStart; oc < tile.OutChannelEnd; oc++)
            Apply(imageOutput.Slice(oc * problem.OutputPlaneLength + tile.RowStart * problem.OutputWidth, rowLength), options.Activation, options.ActivationSlope, level);
    }

    /// <summary>Activates every value of <paramref name="values"/> at the width <paramref name="level"/> (which must run here).</summary>
    public static void Apply(Span<float> values, ConvTransposeActivation activation, float slope, SimdLevel level)
    {
        fixed (float* pointer = values)
        {
            var visitor = new Visitor(pointer, values.Length, level);
            ActivationDispatch.Visit(activation, slope, ref visitor);
        }
    }

    private readonly struct Visitor(float* values, int length, SimdLevel level) : IActivationVisitor
    {
        public void Visit<TActivation>(TActivation activation)
            where TActivation : struct, IActivationFunction
        {
            switch (level)
            {
                case SimdLevel.Vector512: Run<Simd512, Vector512<float>, TActivation>(values, length, activation); break;
                case SimdLevel.Vector256: Run<Simd256, Vector256<float>, TActivation>(values, length, activation); break;
                case SimdLevel.Vector128: Run<Simd128, Vector128<float>, TActivation>(values, length, activation); break;
                default: Run<SimdScalar, float, TActivation>(values, length, activation); break;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<TSimd, TVector, TActivation>(float* values, int length, TActivation activation)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
        where TActivation : struct, IActivationFunction
    {
        int n = TSimd.Count, i = 0;
        for (; i <= length - n; i += n)
            TSimd.Store(values + i, activation.Apply<TSimd, TVector>(TSimd.Load(values + i)));
        // The tail runs the same formula one lane at a time.
        for (; i < length; i++)
            values[i] = activation.Apply<SimdScalar, float>(values[i]);
    }
}
