using System.Collections.Generic;
using System.Linq;
using TConvGen.Generator.Planning;

namespace TConvGen.Generator.Emitting;

/// <summary>Writes the file-local struct of a kernel's Winograd transforms (the CompilerServices interface of its tiling),
/// straight-line code from the plan's matrices: the weight transform in double, the input and output transforms over the
/// width struct, row pass then column pass; and the call that prepares the runtime's driver with it.</summary>
internal static class WinogradEmitter
{
    /// <summary>The struct's name, after the kernel class's: e.g. <c>Layers_K3S1P1_Winograd</c>.</summary>
    public static string StructName(string kernelClass) => kernelClass + "_Winograd";

    /// <summary>The expression <c>PrepareCore</c> evaluates: the prepared Winograd kernel with these transforms, or null.</summary>
    public static string PrepareExpression(string kernelClass, WinogradPlan plan) => Literals.Format(
        "{0}.{1}<{2}>(this, weight, bias, inChannels, outChannels)",
        Names.Winograd, plan.Tiling == WinogradTiling.Tiles ? "PrepareTiles" : "PreparePhaseTiles", StructName(kernelClass));

    public static void Write(IndentedWriter writer, string kernelClass, WinogradPlan plan, string version)
    {
        var matrices = plan.Matrices;
        writer.Line(Literals.Format("// Winograd F({0}x{0}, {1}x{1}){2} for the runs Auto gives to Winograd, unrolled from Cook and Toom's matrices for the",
            plan.Outputs, plan.Taps, plan.Tiling == WinogradTiling.PhaseTiles ? " on the four phases" : ""));
        writer.Line("// points " + plan.Points + " and infinity: G = " + matrices.KernelTransform + ", B^T = " + matrices.InputTransform + ",");
        writer.Line("// A^T = " + matrices.OutputTransform + Literals.Format(". The runtime's driver runs Weight on each channel pair's {0} as it packs the",
            plan.Tiling == WinogradTiling.Tiles ? "flipped kernel" : "phase kernels"));
        writer.Line("// weights, and per run packs the input and runs the GEMMs between Input and Output.");
        writer.Line(Literals.Format("[{0}(\"TConvGen\", \"{1}\")]", Names.GeneratedCode, version));
        using (writer.Block(Literals.Format("file readonly struct {0} : {1}", StructName(kernelClass),
            plan.Tiling == WinogradTiling.Tiles ? Names.WinogradTileTransform : Names.WinogradPhaseTransform)))
        {
            WriteWeight(writer, plan);
            writer.Line();
            WriteInput(writer, plan);
            writer.Line();
            if (plan.Tiling == WinogradTiling.Tiles)
                WriteTileOutput(writer, plan);
            else
                WritePhaseOutput(writer, plan);
        }
    }

    /// <summary><c>U = G g G^T</c> in double, in the runtime's order (<c>WinogradKernelTransform</c>): down the columns of
    /// the r x r kernel first (<c>t = G g</c>), then along the rows of <c>t</c>; <c>g</c> and <c>u</c> row-major.</summary>
    private static void WriteWeight(IndentedWriter writer, WinogradPlan plan)
    {
        int n = plan.Inputs, r = plan.Taps;
        var transform = plan.Matrices.KernelTransform;
        writer.Line("public static void Weight(" + Names.ReadOnlyDoubles + " g, " + Names.Doubles + " u)");
        using (writer.Braces())
        {
            writer.Line(Literals.Format("// Down the columns first (G g): t[i][k] from column k of g, elements {0} l + k.", r));
            for (int k = 0; k < r; k++)
            {
                int column = k;
                WriteCombination(writer, transform, Sequence(r, l => "g[" + Literals.Int(l * r + column) + "]"), "columnSum" + Literals.Int(k), CombinationSyntax.Double,
                    (i, expression) => "var t" + Literals.Int(i) + Literals.Int(column) + " = " + expression + ";");
            }
            writer.Line(Literals.Format("// Then along the rows (t G^T): element (i, j) at {0} i + j.", n));
            for (int i = 0; i < n; i++)
            {
                int row = i;
                WriteCombination(writer, transform, Sequence(r, k => "t" + Literals.Int(row) + Literals.Int(k)), "rowSum" + Literals.Int(i), CombinationSyntax.Double,
                    (j, expression) => "u[" + Literals.Int(row * n + j) + "] = " + expression + ";");
            }
        }
    }

    /// <summary><c>V = B^T d B</c>, one tile per lane: tile <c>t</c>'s column <c>c</c> is stream <c>c % m</c> at <c>t + c / m</c>.</summary>
    private static void WriteInput(IndentedWriter writer, WinogradPlan plan)
    {
        bool tiles = plan.Tiling == WinogradTiling.Tiles;
        string first = tiles ? "even" : "first", stream = tiles ? "odd" : "third";
        int n = plan.Inputs;
        var transform = plan.Matrices.InputTransform;
        writer.Line("[" + Names.Optimized + "]");
        writer.Line(Literals.Format("public static void Input<TSimd, TVector>(ref float {0}, nint rowStride, nint {1}, int tiles, ref float v, nint elementStride)", first, stream));
        WriteConstraints(writer, activation: false);
        using (writer.Braces())
        using (writer.Block("for (int t = 0; t < tiles; t += TSimd.Count)"))
        {
            writer.Line(Literals.Format("ref float r0 = ref {0}.Add(ref {1}, t);", Names.Unsafe, first));
            for (int i = 1; i < n; i++)
                writer.Line(Literals.Format("ref float r{0} = ref {1}.Add(ref r{2}, rowStride);", i, Names.Unsafe, i - 1));
            writer.Line(Literals.Format("// Along the rows first (d B): column c of a row is stream c % {0} at tile t + c / {0}.", plan.Outputs));
            for (int i = 0; i < n; i++)
            {
                for (int c = 0; c < n; c++)
                    writer.Line(Literals.Format("var x{0}{1} = TSimd.Load(ref r{0}, {2});", i, c, StreamOffset(c, plan.Outputs, stream)));
                WriteCombination(writer, transform, Sequence(n, c => "x" + Literals.Int(i) + Literals.Int(c)), "rowSum" + Literals.Int(i), CombinationSyntax.Vector,
                    (c, expression) => "var h" + Literals.Int(i) + Literals.Int(c) + " = " + expression + ";");
            }
            writer.Line(Literals.Format("// Then down the columns (B^T h): element (i, j) at {0} i + j.", n));
            writer.Line(Literals.Format("ref float p = ref {0}.Add(ref v, t);", Names.Unsafe));
            for (int c = 0; c < n; c++)
            {
                int column = c;
                WriteCombination(writer, transform, Sequence(n, k => "h" + Literals.Int(k) + Literals.Int(column)), "columnSum" + Literals.Int(c), CombinationSyntax.Vector,
                    (a, expression) => "TSimd.Store(" + expression + ", " + At("p", a * n + column, "elementStride") + ");");
            }
        }
    }

    /// <summary><c>Y = activation(A^T m A + bias)</c> of F(2x2, 3x3): output row a's two columns interleaved into <c>row{a}</c>.</summary>
    private static void WriteTileOutput(IndentedWriter writer, WinogradPlan plan)
    {
        writer.Line("[" + Names.Optimized + "]");
        writer.Line("public static void Output<TSimd, TVector, TActivation>(ref float m, nint elementStride, ref float bias, ref float row0, ref float row1, TActivation activation)");
        WriteConstraints(writer, activation: true);
        using (writer.Braces())
        {
            WriteRowPass(writer, plan, "m");
            writer.Line("var b = TSimd.Broadcast(ref bias);");
            writer.Line("// Then down the columns (A^T s), plus the bias, activated; an output row's two columns are stored interleaved.");
            var columns = ColumnPass(plan);
            foreach (var shared in columns.SelectMany(column => column.Shared))
                writer.Line("var " + shared.Name + " = " + shared.Expression + ";");
            for (int a = 0; a < plan.Outputs; a++)
            {
                for (int c = 0; c < plan.Outputs; c++)
                    writer.Line(Literals.Format("var y{0}{1} = {2};", a, c, Activated(columns[c].Rows[a])));
                writer.Line(Literals.Format("TSimd.StoreInterleaved(y{0}0, y{0}1, ref row{0});", a));
            }
        }
    }

    /// <summary><c>Y = activation(A^T m A + bias)</c> of F(3x3, 2x2) for each phase <c>ph = 2 ry + rx</c>: output (a, c) to row
    /// <c>2a + 1 - ry</c>, column <c>2c + 1 - rx</c> of the scratch's six.</summary>
    private static void WritePhaseOutput(IndentedWriter writer, WinogradPlan plan)
    {
        int side = 2 * plan.Outputs;
        writer.Line("[" + Names.Optimized + "]");
        writer.Line("public static void Output<TSimd, TVector, TActivation>(ref float m, nint elementStride, nint phaseStride, ref float bias, ref float scratch, TActivation activation)");
        WriteConstraints(writer, activation: true);
        using (writer.Braces())
        {
            writer.Line("int lanes = TSimd.Count;");
            writer.Line("var b = TSimd.Broadcast(ref bias);");
            using (writer.Block("for (int ph = 0; ph < 4; ph++)"))
            {
                writer.Line(Literals.Format("ref float p = ref {0}.Add(ref m, ph * phaseStride);", Names.Unsafe));
                WriteRowPass(writer, plan, "p");
                writer.Line("int ry = ph >> 1, rx = ph & 1;");
                writer.Line(Literals.Format("// Then down the columns (A^T s), plus the bias, activated: output (a, c) of the phase is row 2a + 1 - ry, column 2c + 1 - rx of the tile's {0} x {0}.", side));
                writer.Line(Literals.Format("ref float y = ref {0}.Add(ref scratch, ((1 - ry) * {1} + 1 - rx) * lanes);", Names.Unsafe, side));
                var columns = ColumnPass(plan);
                for (int c = 0; c < plan.Outputs; c++)
                {
                    foreach (var shared in columns[c].Shared)
                        writer.Line("var " + shared.Name + " = " + shared.Expression + ";");
                    for (int a = 0; a < plan.Outputs; a++)
                        writer.Line("TSimd.Store(" + Activated(columns[c].Rows[a]) + ", " + At("y", (2 * a * side + 2 * c), "lanes") + ");");
                }
            }
        }
    }

    /// <summary>Along the rows first (m A): row i's elements loaded from <paramref name="source"/>, then <c>s{i}{c}</c>.</summary>
    private static void WriteRowPass(IndentedWriter writer, WinogradPlan plan, string source)
    {
        int n = plan.Inputs;
        writer.Line(Literals.Format("// Along the rows first (m A): s[i][c] from row i's elements {0} i .. {0} i + {1}.", n, n - 1));
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
                writer.Line(Literals.Format("var m{0}{1} = TSimd.Load(ref {2}, {3});", i, j, source, ElementOffset(i * n + j)));
            WriteCombination(writer, plan.Matrices.OutputTransform, Sequence(n, j => "m" + Literals.Int(i) + Literals.Int(j)), "rowSum" + Literals.Int(i), CombinationSyntax.Vector,
                (c, expression) => "var s" + Literals.Int(i) + Literals.Int(c) + " = " + expression + ";");
        }
    }

    /// <summary>Per output column c, <c>A^T</c> over <c>s[0..n-1][c]</c>.</summary>
    private static List<LinearCombination> ColumnPass(WinogradPlan plan) =>
        Enumerable.Range(0, plan.Outputs)
            .Select(c => LinearCombinations.Combine(plan.Matrices.OutputTransform, Sequence(plan.Inputs, k => "s" + Literals.Int(k) + Literals.Int(c)), "columnSum" + Literals.Int(c), CombinationSyntax.Vector))
            .ToList();

    /// <summary>The shared locals, then one line per row from <paramref name="line"/>(row, expression).</summary>
    private static void WriteCombination(IndentedWriter writer, RationalMatrix matrix, IReadOnlyList<string> inputs, string sharedName,
        CombinationSyntax syntax, System.Func<int, string, string> line)
    {
        var combination = LinearCombinations.Combine(matrix, inputs, sharedName, syntax);
        foreach (var shared in combination.Shared)
            writer.Line("var " + shared.Name + " = " + shared.Expression + ";");
        for (int row = 0; row < combination.Rows.Count; row++)
            writer.Line(line(row, combination.Rows[row]));
    }

    private static void WriteConstraints(IndentedWriter writer, bool activation)
    {
        writer.Line("    where TSimd : struct, " + Names.SimdTrait + "<TVector>");
        writer.Line("    where TVector : struct");
        if (activation)
            writer.Line("    where TActivation : struct, " + Names.ActivationFunction);
    }

    private static string Activated(string expression) => "activation.Apply<TSimd, TVector>(TSimd.Add(" + expression + ", b))";

    private static IReadOnlyList<string> Sequence(int count, System.Func<int, string> name) => Enumerable.Range(0, count).Select(name).ToList();

    /// <summary>The load offset of a tile's column <paramref name="column"/>: stream <c>column % m</c>, tile <c>column / m</c> on.</summary>
    private static string StreamOffset(int column, int outputs, string stream)
    {
        int k = column % outputs, tile = column / outputs;
        if (k == 0)
            return Literals.Int(tile);
        string start = k == 1 ? "(nuint)" + stream : Literals.Format("(nuint)({0} * {1})", k, stream);
        return tile == 0 ? start : start + " + " + Literals.Int(tile);
    }

    /// <summary>The load offset of element <paramref name="element"/>: <c>0</c>, <c>(nuint)elementStride</c>, <c>(nuint)(2 * elementStride)</c>.</summary>
    private static string ElementOffset(int element) =>
        element == 0 ? "0" : element == 1 ? "(nuint)elementStride" : Literals.Format("(nuint)({0} * elementStride)", element);

    /// <summary><c>ref target</c>, or <c>ref Unsafe.Add(ref target, count * unit)</c>.</summary>
    private static string At(string target, int count, string unit) =>
        count == 0 ? "ref " + target
        : Literals.Format("ref {0}.Add(ref {1}, {2})", Names.Unsafe, target, count == 1 ? unit : Literals.Int(count) + " * " + unit);
}
