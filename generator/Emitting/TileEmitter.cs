using TConvGen.Generator.Planning;

namespace TConvGen.Generator.Emitting;

/// <summary>Writes the tile driver: bands of output rows, each reading one zero-padded copy of its input rows, and the
/// dispatch of every output row to the body of its row phase and channel block.</summary>
internal static class TileEmitter
{
    public static void WriteRunTile(IndentedWriter writer, KernelPlan plan, RegisterBlocking blocking)
    {
        writer.Line("[" + Names.Optimized + "]");
        writer.Line(Literals.Format("protected override void RunTile({0} input, {1} output, {2} problem, {3} tile)", Names.ReadOnlySpan, Names.Span, Names.Problem, Names.Tile));
        using (writer.Braces())
        {
            writer.Line("int outputWidth = problem.OutputWidth, outputPlane = problem.OutputPlaneLength, inPerGroup = problem.InChannelsPerGroup;");
            writer.Line("// Column blocks of BlockOutputs outputs. The last, partial one overruns the row: inside the tile the overrun lands at");
            writer.Line("// the start of the next row, which a later iteration overwrites, so it is stored whole; on the tile's last row (or when");
            writer.Line("// the overrun is wider than a row) it goes through the scratch.");
            writer.Line("int fullBlocks = outputWidth / BlockOutputs;");
            writer.Line("int blocks = (outputWidth + BlockOutputs - 1) / BlockOutputs;");
            writer.Line("bool overrunFits = blocks * BlockOutputs - outputWidth <= outputWidth;");
            writer.Line(Literals.Format("int paddedWidth = {0}.PaddedWidth(problem.InputWidth, blocks * BlockColumns, LeftPadding, MaxColumnOffset);", Names.Band));
            writer.Line("int rowFloats = inPerGroup * paddedWidth;");
            writer.Line(Literals.Format("int bandRows = {0}.OutputRowsPerBand(rowFloats, MaxRowOffset - MinRowOffset, StrideHeight, tile.RowEnd - tile.RowStart);", Names.Band));
            writer.Line(Literals.Format("{0} scratch = stackalloc float[ChannelBlock * BlockOutputs];", Names.Span));
            writer.Line(Literals.Format("ref float scratchStart = ref {0}.GetReference(scratch);", Names.Marshal));
            writer.Line(Literals.Format("ref float outputImage = ref {0}.GetReference(output);", Names.Marshal));
            writer.Line("for (int rowStart = tile.RowStart; rowStart < tile.RowEnd; rowStart += bandRows)");
            using (writer.Braces())
            {
                writer.Line(Literals.Format("int rowEnd = {0}.Min(tile.RowEnd, rowStart + bandRows);", Names.Math));
                writer.Line("// Every input row the band's taps read; rows outside the input are packed as zeros, so borders need no checks.");
                writer.Line("int firstRow = rowStart / StrideHeight + MinRowOffset;");
                writer.Line("int rowCount = (rowEnd - 1) / StrideHeight + MaxRowOffset - firstRow + 1;");
                writer.Line(Literals.Format("float[] band = {0}.Rent(input, problem, tile.Group, firstRow, rowCount, LeftPadding, paddedWidth);", Names.Band));
                writer.Line("try");
                using (writer.Braces())
                {
                    writer.Line(Literals.Format("ref float bandStart = ref {0}.GetArrayDataReference(band);", Names.Marshal));
                    writer.Line("for (int oc = tile.OutChannelStart; oc < tile.OutChannelEnd;)");
                    using (writer.Braces())
                    {
                        writer.Line("// Tiles end at multiples of ChannelBlock or at the group's end, so this cuts blocks exactly as the packing did.");
                        writer.Line(Literals.Format("int block = {0}.BlockAt(ChannelBlock, tile.OutChannelEnd - oc);", Names.Weights));
                        writer.Line(Literals.Format("ref float weights = ref {0}.Add(ref {1}.GetArrayDataReference(_packed), (nint)oc * inPerGroup * KernelPlane);", Names.Unsafe, Names.Marshal));
                        writer.Line(Literals.Format("ref float bias = ref {0}.Add(ref {1}.GetArrayDataReference(_bias), oc);", Names.Unsafe, Names.Marshal));
                        writer.Line("for (int oy = rowStart; oy < rowEnd; oy++)");
                        using (writer.Braces())
                        {
                            writer.Line("int j = oy / StrideHeight;");
                            writer.Line("int directBlocks = overrunFits && oy + 1 < tile.RowEnd ? blocks : fullBlocks;");
                            writer.Line(Literals.Format("ref float outputRow = ref {0}.Add(ref outputImage, (nint)oc * outputPlane + (nint)oy * outputWidth);", Names.Unsafe));
                            WritePhaseDispatch(writer, plan, blocking);
                        }
                        writer.Line("oc += block;");
                    }
                }
                writer.Line("finally");
                using (writer.Braces())
                {
                    writer.Line(Literals.Format("{0}.Return(band);", Names.Band));
                }
            }
        }
    }

    private static void WritePhaseDispatch(IndentedWriter writer, KernelPlan plan, RegisterBlocking blocking)
    {
        if (plan.RowPhases.Count == 1)
        {
            WritePhaseCall(writer, blocking, plan.RowPhases[0]);
            return;
        }
        writer.Line("switch (oy - j * StrideHeight)");
        using (writer.Braces())
        {
            foreach (var phase in plan.RowPhases)
            {
                writer.Line(Literals.Format("case {0}:", phase.Phase));
                using (writer.Braces())
                {
                    WritePhaseCall(writer, blocking, phase);
                    writer.Line("break;");
                }
            }
        }
    }

    private static void WritePhaseCall(IndentedWriter writer, RegisterBlocking blocking, RowPhase phase)
    {
        const string Arguments = "(ref rows, rowFloats, paddedWidth, ref weights, ref bias, ref outputRow, outputPlane, outputWidth, directBlocks, blocks, inPerGroup, ref scratchStart);";
        // A phase without taps reads nothing: its body only stores the bias, so it gets the band's start.
        if (phase.Taps.Count == 0)
            writer.Line("ref float rows = ref bandStart;");
        else
            writer.Line(Literals.Format("ref float rows = ref {0}.Add(ref bandStart, (nint)(j {1} - firstRow) * rowFloats);", Names.Unsafe, Signed(phase.MinOffset)));
        for (int i = 0; i < blocking.BlockSizes.Count; i++)
        {
            int size = blocking.BlockSizes[i];
            string call = Names.RowBody(phase.Phase, size) + Arguments;
            if (blocking.BlockSizes.Count == 1)
            {
                writer.Line(call);
                continue;
            }
            writer.Line(i == 0 ? Literals.Format("if (block == {0})", size) : i < blocking.BlockSizes.Count - 1 ? Literals.Format("else if (block == {0})", size) : "else");
            writer.Line("    " + call);
        }
    }

    /// <summary><c>+ 2</c>, <c>- 1</c>: an offset added to an expression.</summary>
    private static string Signed(int value) => value < 0 ? "- " + Literals.Int(-value) : "+ " + Literals.Int(value);
}
