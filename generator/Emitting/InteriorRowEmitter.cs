using System.Collections.Generic;
using System.Linq;
using TConvGen.Generator.Planning;

namespace TConvGen.Generator.Emitting;

/// <summary>Writes one unrolled body: the interior of one output row of one row phase, for a block of output channels,
/// 8 column quotients (one vector per column phase and channel) at a time, reducing over input channels.</summary>
internal static class InteriorRowEmitter
{
    private const int Lanes = UnrollLimits.VectorWidth;

    public static void Write(IndentedWriter writer, KernelPlan plan, RowPhase phase, int block)
    {
        var spec = plan.Spec;
        int columnPhases = spec.Width.Stride;
        writer.Line(Literals.Format("// Row phase {0} (kernel rows {1}), {2} output channel(s): {3} multiply-adds per input channel and vector.",
            phase.Phase, phase.Taps.Count == 0 ? "none" : string.Join(", ", phase.Taps.Select(tap => Literals.Int(tap.Ky))),
            block, phase.Taps.Count * spec.Width.Kernel * block));
        writer.Line(Literals.Format(
            "private static void {0}(ref float inputGroup, int quotient, ref float weights, ref float output, ref float bias, int columnEnd, int inputChannels, int inputPlane, int inputWidth, int outputPlane)",
            Names.InteriorRow(phase.Phase, block)));
        using (writer.Braces())
        {
            if (phase.Taps.Count > 0)
            {
                writer.Line("// The top input row the taps read; each kernel row reads a fixed number of rows below it.");
                writer.Line(Literals.Format("ref float rows = ref {0}.Add(ref inputGroup, (nint)(quotient - {1}) * inputWidth);", Names.Unsafe, phase.MaxOffset));
                foreach (var tap in phase.Taps)
                    writer.Line(Literals.Format("nuint row{0} = (nuint)inputWidth * {1};", tap.Ky, phase.MaxOffset - tap.Offset));
            }
            for (int c = 0; c < block; c++)
                writer.Line(Literals.Format("{0} bias{1} = {2}.Create({3}.Add(ref bias, {1}));", Names.VectorOfFloat, c, Names.Vector, Names.Unsafe));
            writer.Line(Literals.Format("for (int column = ColumnStart; column < columnEnd; column += {0})", Lanes));
            using (writer.Braces())
            {
                writer.Line("// The last block overlaps the one before rather than leaving a scalar tail.");
                writer.Line(Literals.Format("int start = {0}.Min(column, columnEnd - {1});", Names.Math, Lanes));
                for (int c = 0; c < block; c++)
                {
                    var sums = Enumerable.Range(0, columnPhases).Select(r => Literals.Format("sum{0}_{1} = bias{0}", c, r));
                    writer.Line(Names.VectorOfFloat + " " + string.Join(", ", sums) + ";");
                }
                if (phase.Taps.Count > 0)
                    WriteReduction(writer, plan, phase, block);
                WriteStores(writer, spec.Width.Stride, spec.Width.Padding, block);
            }
        }
    }

    private static void WriteReduction(IndentedWriter writer, KernelPlan plan, RowPhase phase, int block)
    {
        int kernelWidth = plan.Spec.Width.Kernel;
        writer.Line(Literals.Format("ref float source = ref {0}.Add(ref rows, start - MaxColumnOffset);", Names.Unsafe));
        writer.Line("ref float weight = ref weights;");
        writer.Line("for (int ic = 0; ic < inputChannels; ic++)");
        using (writer.Braces())
        {
            writer.Line(Names.VectorOfFloat + " x;");
            var offsets = plan.ColumnTaps.Select(tap => tap.Offset).Distinct().OrderByDescending(offset => offset).ToList();
            foreach (var rowTap in phase.Taps)
            {
                foreach (int offset in offsets)
                {
                    // One load serves every kernel column with this offset (one per column phase), for every channel of the block.
                    var users = plan.ColumnTaps.Where(tap => tap.Offset == offset).ToList();
                    writer.Line(Literals.Format("x = {0}.LoadUnsafe(ref source, row{1} + {2}); // ky {1}, kx {3}", Names.Vector, rowTap.Ky,
                        plan.MaxColumnOffset - offset, string.Join(", ", users.Select(tap => Literals.Int(tap.Kx)))));
                    foreach (var columnTap in users)
                    {
                        for (int c = 0; c < block; c++)
                        {
                            int index = ((rowTap.Ky * kernelWidth) + columnTap.Kx) * block + c;
                            writer.Line(Literals.Format("sum{0}_{1} = {2}.MultiplyAdd(x, {3}.Create({4}.Add(ref weight, {5})), sum{0}_{1});",
                                c, columnTap.Phase, Names.VectorOps, Names.Vector, Names.Unsafe, index));
                        }
                    }
                }
            }
            writer.Line(Literals.Format("source = ref {0}.Add(ref source, inputPlane);", Names.Unsafe));
            writer.Line(Literals.Format("weight = ref {0}.Add(ref weight, {1});", Names.Unsafe, plan.Spec.Height.Kernel * kernelWidth * block));
        }
    }

    /// <summary>Stride 1: one contiguous store; stride 2: the two phases interleaved into 16 contiguous outputs; more: strided lanes.</summary>
    private static void WriteStores(IndentedWriter writer, int stride, int padding, int block)
    {
        for (int c = 0; c < block; c++)
        {
            string plane = c == 0 ? "" : Literals.Format("(nint)outputPlane * {0} + ", c);
            if (stride == 1)
            {
                writer.Line(Literals.Format("{0}.StoreUnsafe(sum{1}_0, ref {2}.Add(ref output, {3}start - {4}));", Names.Vector, c, Names.Unsafe, plane, padding));
            }
            else if (stride == 2)
            {
                writer.Line(Literals.Format("{0}.StoreInterleaved(sum{1}_0, sum{1}_1, ref {2}.Add(ref output, {3}start * 2 - {4}));",
                    Names.VectorOps, c, Names.Unsafe, plane, padding));
            }
            else
            {
                for (int r = 0; r < stride; r++)
                {
                    writer.Line(Literals.Format("{0}.StoreStrided(sum{1}_{2}, ref {3}.Add(ref output, {4}start * {5} + {6}), {5});",
                        Names.VectorOps, c, r, Names.Unsafe, plane, stride, r - padding));
                }
            }
        }
    }
}
