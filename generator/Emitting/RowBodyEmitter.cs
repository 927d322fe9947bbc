using System;
using System.Collections.Generic;
using System.Linq;
using TConvGen.Generator.Planning;

namespace TConvGen.Generator.Emitting;

/// <summary>Writes one unrolled body: one output row of one row phase for a block of output channels, every column phase,
/// <c>BlockColumns</c> positions per phase at a time, reducing over input channels from the zero-padded band. Written once over
/// the enclosing class's width (<c>TSimd</c>, <c>TVector</c>): offsets are multiples of <c>Lanes</c>, constants once specialised.</summary>
internal static class RowBodyEmitter
{
    public static void Write(IndentedWriter writer, KernelPlan plan, RegisterBlocking blocking, RowPhase phase, int block)
    {
        var spec = plan.Spec;
        int stride = spec.Width.Stride, vectors = blocking.Vectors;
        writer.Line(Literals.Format("// Row phase {0} (kernel rows {1}), {2} output channel(s) x {3} column phase(s) x {4} vector(s): {5} multiply-adds per input channel.",
            phase.Phase, phase.Taps.Count == 0 ? "none" : string.Join(", ", phase.Taps.Select(tap => Literals.Int(tap.Ky))),
            block, stride, vectors, phase.Taps.Count * spec.Width.Kernel * block * vectors));
        writer.Line("// Fully optimised from the first call: these loops are the whole run, and tiering would start them unoptimised.");
        writer.Line("[" + Names.Optimized + "]");
        writer.Line(Literals.Format(
            "private static void {0}(ref float rows, nint rowFloats, nint channelStride, ref float weights, ref float bias, ref float output, nint outputPlane, int outputWidth, int directBlocks, int blocks, int inputChannels, ref float scratch)",
            Names.RowBody(phase.Phase, block)));
        using (writer.Braces())
        {
            if (phase.Taps.Count > 0)
            {
                writer.Line("// Each kernel row reads a fixed number of packed rows below the phase's top row.");
                foreach (var tap in phase.Taps)
                    writer.Line(Literals.Format("nuint row{0} = (nuint)rowFloats * {1};", tap.Ky, tap.Offset - phase.MinOffset));
            }
            for (int c = 0; c < block; c++)
                writer.Line(Literals.Format("TVector bias{0} = TSimd.Broadcast(ref {1}.Add(ref bias, {0}));", c, Names.Unsafe));
            writer.Line("for (int block = 0; block < blocks; block++)");
            using (writer.Braces())
            {
                // Column phases without taps (kW * dW < sW) are the bias alone: they get no accumulators.
                var active = phase.Taps.Count == 0 ? new HashSet<int>() : new HashSet<int>(plan.ColumnTaps.Select(tap => tap.Phase));
                for (int c = 0; c < block && active.Count > 0; c++)
                {
                    var sums = from r in active.OrderBy(r => r) from v in Enumerable.Range(0, vectors) select Literals.Format("{0} = bias{1}", Sum(c, r, v), c);
                    writer.Line("TVector " + string.Join(", ", sums) + ";");
                }
                if (active.Count > 0)
                    WriteReduction(writer, plan, phase, block, vectors);
                // Every stored vector goes through the activation (before its store, or on the stored block); the scratch holds activated values.
                WriteStores(writer, stride, vectors, block,
                    (c, r, v) => ActivationEmitter.Stored(spec, active.Contains(r) ? Sum(c, r, v) : "bias" + Literals.Int(c)), ActivationEmitter.AfterStoresCall(spec, block));
            }
        }
    }

    private static string Sum(int channel, int phase, int vector) => Literals.Format("sum{0}_{1}_{2}", channel, phase, vector);

    /// <summary><c>constant + vectors * Lanes</c>, simplified: <c>3</c>, <c>Lanes</c>, <c>3 + 2 * Lanes</c>.</summary>
    private static string Offset(int constant, int vectors)
    {
        string lanes = vectors == 0 ? "" : vectors == 1 ? "Lanes" : Literals.Format("{0} * Lanes", vectors);
        return vectors == 0 ? Literals.Int(constant) : constant == 0 ? lanes : Literals.Format("{0} + {1}", constant, lanes);
    }

    private static void WriteReduction(IndentedWriter writer, KernelPlan plan, RowPhase phase, int block, int vectors)
    {
        int kernelWidth = plan.Spec.Width.Kernel;
        writer.Line("// Packed index of the input column (block * BlockColumns + MinColumnOffset): the leftmost any tap reads.");
        writer.Line(Literals.Format("ref float source = ref {0}.Add(ref rows, block * BlockColumns + (LeftPadding + MinColumnOffset));", Names.Unsafe));
        writer.Line("ref float weight = ref weights;");
        writer.Line("for (int ic = 0; ic < inputChannels; ic++)");
        using (writer.Braces())
        {
            var inputs = Enumerable.Range(0, vectors).Select(v => "x" + Literals.Int(v));
            writer.Line("TVector " + string.Join(", ", inputs) + ", w;");
            var offsets = plan.ColumnTaps.Select(tap => tap.Offset).Distinct().OrderBy(offset => offset).ToList();
            foreach (var rowTap in phase.Taps)
            {
                foreach (int offset in offsets)
                {
                    // One load per vector serves every kernel column with this offset (one per column phase), for every channel of the block.
                    var users = plan.ColumnTaps.Where(tap => tap.Offset == offset).ToList();
                    writer.Line(Literals.Format("// ky {0}, input column offset {1}: {2}", rowTap.Ky, offset,
                        string.Join(", ", users.Select(tap => Literals.Format("kx {0} (phase {1})", tap.Kx, tap.Phase)))));
                    for (int v = 0; v < vectors; v++)
                    {
                        string column = Offset(offset - plan.MinColumnOffset, v);
                        writer.Line(Literals.Format("x{0} = TSimd.Load(ref source, row{1} + {2});", v, rowTap.Ky, v == 0 ? column : "(nuint)(" + column + ")"));
                    }
                    foreach (var columnTap in users)
                    {
                        for (int c = 0; c < block; c++)
                        {
                            int index = ((rowTap.Ky * kernelWidth) + columnTap.Kx) * block + c;
                            writer.Line(Literals.Format("w = TSimd.Broadcast(ref {0}.Add(ref weight, {1}));", Names.Unsafe, index));
                            for (int v = 0; v < vectors; v++)
                                writer.Line(Literals.Format("{0} = TSimd.MultiplyAdd(x{1}, w, {0});", Sum(c, columnTap.Phase, v), v));
                        }
                    }
                }
            }
            writer.Line(Literals.Format("source = ref {0}.Add(ref source, channelStride);", Names.Unsafe));
            writer.Line(Literals.Format("weight = ref {0}.Add(ref weight, {1});", Names.Unsafe, plan.Spec.Height.Kernel * kernelWidth * block));
        }
    }

    /// <summary>Stride 1: contiguous stores; stride 2: the two phases interleaved into contiguous outputs; more: strided lanes.
    /// The first <c>directBlocks</c> blocks go straight to the output (the caller counts a partial last block among them when its
    /// overrun lands where a later row overwrites it); any other to the scratch, then its valid part to the output. An
    /// activation applied after the stores runs on the destination (output or scratch) before that copy.</summary>
    private static void WriteStores(IndentedWriter writer, int stride, int vectors, int block, Func<int, int, int, string> value, string? afterStores)
    {
        writer.Line("bool direct = block < directBlocks;");
        writer.Line(Literals.Format("ref float destination = ref direct ? ref {0}.Add(ref output, block * BlockOutputs) : ref scratch;", Names.Unsafe));
        writer.Line("nint plane = direct ? outputPlane : BlockOutputs;");
        for (int c = 0; c < block; c++)
        {
            string lane = c == 0 ? "" : Literals.Format("plane * {0} + ", c);
            for (int v = 0; v < vectors; v++)
            {
                if (stride == 1)
                {
                    writer.Line(Literals.Format("TSimd.Store({0}, ref {1}.Add(ref destination, {2}{3}));", value(c, 0, v), Names.Unsafe, lane, Offset(0, v)));
                }
                else if (stride == 2)
                {
                    writer.Line(Literals.Format("TSimd.StoreInterleaved({0}, {1}, ref {2}.Add(ref destination, {3}{4}));",
                        value(c, 0, v), value(c, 1, v), Names.Unsafe, lane, Offset(0, v * 2)));
                }
                else
                {
                    for (int r = 0; r < stride; r++)
                    {
                        writer.Line(Literals.Format("{0}.StoreStridedUnsafe<TSimd, TVector>({1}, ref {2}.Add(ref destination, {3}{4}), {5});",
                            Names.VectorOps, value(c, r, v), Names.Unsafe, lane, Offset(r, v * stride), stride));
                    }
                }
            }
        }
        if (afterStores is not null)
            writer.Line(afterStores);
        writer.Line("if (!direct)");
        using (writer.Braces())
        {
            writer.Line("int valid = outputWidth - block * BlockOutputs;");
            for (int c = 0; c < block; c++)
            {
                writer.Line(Literals.Format("{0}.CreateReadOnlySpan(ref {1}.Add(ref scratch, {2}), valid).CopyTo({0}.CreateSpan(ref {1}.Add(ref output, {3}block * BlockOutputs), valid));",
                    Names.Marshal, Names.Unsafe, c == 0 ? "0" : Literals.Format("BlockOutputs * {0}", c), c == 0 ? "" : Literals.Format("outputPlane * {0} + ", c)));
            }
        }
    }
}
