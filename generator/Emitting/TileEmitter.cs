using TConvGen.Generator.Planning;

namespace TConvGen.Generator.Emitting;

/// <summary>Writes the tile driver: the row loop that sends interior rows to the unrolled bodies and the rest to the border path.</summary>
internal static class TileEmitter
{
    public static void WriteRunTile(IndentedWriter writer, KernelPlan plan)
    {
        writer.Line(Literals.Format("protected override void RunTile({0} input, {1} output, {2} problem, {3} tile)", Names.ReadOnlySpan, Names.Span, Names.Problem, Names.Tile));
        using (writer.Braces())
        {
            writer.Line("int inputHeight = problem.InputHeight, inputWidth = problem.InputWidth, outputWidth = problem.OutputWidth;");
            writer.Line("int inputPlane = problem.InputPlaneLength, outputPlane = problem.OutputPlaneLength, inPerGroup = problem.InChannelsPerGroup;");
            writer.Line("// Column quotients [ColumnStart, columnEnd) go through the vector bodies: every tap inside the input, every output inside the row.");
            writer.Line("int columnLimit = outputWidth - StrideWidth + PaddingWidth;");
            writer.Line(Literals.Format("int columnEnd = columnLimit < 0 ? 0 : {0}.Min(inputWidth, columnLimit / StrideWidth + 1);", Names.Math));
            writer.Line("bool vector = columnEnd - ColumnStart >= 8;");
            writer.Line("int leftEnd = vector ? ColumnStart * StrideWidth - PaddingWidth : outputWidth;");
            writer.Line("int rightStart = vector ? columnEnd * StrideWidth - PaddingWidth : outputWidth;");
            writer.Line(Literals.Format("ref float inputGroup = ref {0}.Add(ref {1}.GetReference(input), (nint)tile.Group * inPerGroup * inputPlane);", Names.Unsafe, Names.Marshal));
            writer.Line(Literals.Format("ref float outputImage = ref {0}.GetReference(output);", Names.Marshal));
            writer.Line("for (int oc = tile.OutChannelStart; oc < tile.OutChannelEnd;)");
            using (writer.Braces())
            {
                writer.Line("// Tiles end at multiples of ChannelBlock or at the group's end, so this cuts blocks exactly as the packing did.");
                writer.Line(Literals.Format("int block = {0}.BlockAt(ChannelBlock, tile.OutChannelEnd - oc);", Names.Weights));
                writer.Line(Literals.Format("ref float weights = ref {0}.Add(ref {1}.GetArrayDataReference(_packed), (nint)oc * inPerGroup * KernelPlane);", Names.Unsafe, Names.Marshal));
                writer.Line(Literals.Format("ref float bias = ref {0}.Add(ref {1}.GetArrayDataReference(_bias), oc);", Names.Unsafe, Names.Marshal));
                writer.Line("for (int oy = tile.RowStart; oy < tile.RowEnd; oy++)");
                using (writer.Braces())
                {
                    writer.Line("int quotient = (oy + PaddingHeight) / StrideHeight;");
                    writer.Line("int phase = oy + PaddingHeight - quotient * StrideHeight;");
                    writer.Line("if (!vector || !IsInteriorRow(phase, quotient, inputHeight))");
                    using (writer.Braces())
                    {
                        writer.Line("ComputeBorder(input, output, problem, oc, block, oy, outputWidth, outputWidth);");
                        writer.Line("continue;");
                    }
                    writer.Line(Literals.Format("ref float outputRow = ref {0}.Add(ref outputImage, (nint)oc * outputPlane + (nint)oy * outputWidth);", Names.Unsafe));
                    WritePhaseDispatch(writer, plan);
                    writer.Line("ComputeBorder(input, output, problem, oc, block, oy, leftEnd, rightStart);");
                }
                writer.Line("oc += block;");
            }
        }
    }

    private static void WritePhaseDispatch(IndentedWriter writer, KernelPlan plan)
    {
        const string Arguments = "(ref inputGroup, quotient, ref weights, ref outputRow, ref bias, columnEnd, inPerGroup, inputPlane, inputWidth, outputPlane);";
        writer.Line("switch (phase)");
        using (writer.Braces())
        {
            foreach (var phase in plan.RowPhases)
            {
                writer.Line(Literals.Format("case {0}:", phase.Phase));
                using (writer.Braces())
                {
                    for (int i = 0; i < plan.BlockSizes.Count; i++)
                    {
                        int size = plan.BlockSizes[i];
                        string call = Names.InteriorRow(phase.Phase, size) + Arguments;
                        if (plan.BlockSizes.Count == 1)
                        {
                            writer.Line(call);
                            continue;
                        }
                        writer.Line(i == 0 ? Literals.Format("if (block == {0})", size) : i < plan.BlockSizes.Count - 1 ? Literals.Format("else if (block == {0})", size) : "else");
                        writer.Line("    " + call);
                    }
                    writer.Line("break;");
                }
            }
        }
    }

    /// <summary>A row is interior when every tap of its phase reads a row inside the input.</summary>
    public static void WriteIsInteriorRow(IndentedWriter writer, KernelPlan plan)
    {
        writer.Line("// A row is interior when every kernel row of its phase reads an input row that exists.");
        writer.Line("private static bool IsInteriorRow(int phase, int quotient, int inputHeight) => phase switch");
        using (writer.Braces("};"))
        {
            foreach (var phase in plan.RowPhases)
            {
                string condition = phase.Taps.Count == 0 ? "true"
                    : Literals.Format("quotient >= {0} && quotient < inputHeight + {1}", phase.MaxOffset, phase.MinOffset);
                writer.Line(Literals.Format("{0} => {1},", phase.Phase, condition));
            }
            writer.Line("_ => false,");
        }
    }

    public static void WriteComputeBorder(IndentedWriter writer)
    {
        writer.Line("// Border outputs, columns [0, leftEnd) and [rightStart, Wout) of a row, where some taps fall outside the input:");
        writer.Line("// exact sums over the taps that exist.");
        writer.Line(Literals.Format("private void ComputeBorder({0} input, {1} output, {2} problem, int oc, int block, int oy, int leftEnd, int rightStart) =>",
            Names.ReadOnlySpan, Names.Span, Names.Problem));
        writer.Line(Literals.Format("    {0}.ComputeRowSpan(input, _packed, _bias, output, problem, oc, block, oy, leftEnd, rightStart);", Names.Border));
    }
}
