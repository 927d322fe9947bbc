using System.Linq;
using TConvGen.Generator.Model;
using TConvGen.Generator.Planning;

namespace TConvGen.Generator.Emitting;

/// <summary>Writes the file-local kernel class: constants, the cached instance, packing, and the tile driver.</summary>
internal static class KernelClassEmitter
{
    public static void Write(IndentedWriter writer, string name, KernelPlan plan, KernelApi api, string version)
    {
        var spec = plan.Spec;
        var widths = UnrollLimits.TargetsFor(spec).Select(target => Literals.Format("Vector{0}", target.Lanes * 32)).Distinct().ToList();
        writer.Line(Literals.Format("// Phase-decomposed, fully unrolled kernel ({0} or {1} bodies, picked at run time) for {2}.",
            string.Join(", ", widths.Take(widths.Count - 1)), widths[widths.Count - 1], SourceEmitter.Describe(spec)));
        writer.Line(Literals.Format("[{0}(\"TConvGen\", \"{1}\")]", Names.GeneratedCode, version));
        using (writer.Block(Literals.Format("file sealed class {0} : {1}", name, Names.Kernel)))
        {
            WriteConstants(writer, plan);
            writer.Line();
            writer.Line("// Where no vector width is accelerated, the dynamic kernel serves the same options and channels.");
            writer.Line(Literals.Format("internal static readonly {0} Instance = {1}.IsSupported ? new {2}(CreateOptions()) : {3};",
                Names.Kernel, Names.VectorOps, name, SourceEmitter.FallbackExpression(spec, "CreateOptions()")));
            writer.Line();
            if (api == KernelApi.ConvTranspose1d)
            {
                LineEmitter.WriteMembers(writer, spec);
                writer.Line();
            }
            writer.Line(Literals.Format("private {0}({1} options) : base(options)", name, Names.Options));
            using (writer.Braces())
            {
            }
            writer.Line();
            writer.Line(Literals.Format("public override string Algorithm => \"Generated (\" + {0}.WidthFor(StrideWidth) + \")\";", Names.VectorOps));
            writer.Line();
            writer.Line(Literals.Format("private static {0} CreateOptions() => {1};", Names.Options, SourceEmitter.OptionsExpression(spec)));
            writer.Line();
            WritePrepareCore(writer, name, plan);
            foreach (var blocking in plan.Blockings)
            {
                writer.Line();
                WritePreparedClass(writer, name, plan, blocking);
            }
        }
    }

    private static void WriteConstants(IndentedWriter writer, KernelPlan plan)
    {
        var spec = plan.Spec;
        writer.Line(Literals.Format("private const int KernelPlane = {0};", spec.Height.Kernel * spec.Width.Kernel));
        writer.Line(Literals.Format("private const int StrideHeight = {0};", spec.Height.Stride));
        writer.Line("// The horizontal stride: the width the bodies run depends on it (GeneratedKernelVector.LanesFor).");
        writer.Line(Literals.Format("private const int StrideWidth = {0};", spec.Width.Stride));
        writer.Line("// Output row j of a row phase reads input rows j + MinRowOffset .. j + MaxRowOffset; column j, columns j + MinColumnOffset .. j + MaxColumnOffset.");
        writer.Line(Literals.Format("private const int MinRowOffset = {0};", plan.MinRowOffset));
        writer.Line(Literals.Format("private const int MaxRowOffset = {0};", plan.MaxRowOffset));
        writer.Line(Literals.Format("private const int MinColumnOffset = {0};", plan.MinColumnOffset));
        writer.Line(Literals.Format("private const int MaxColumnOffset = {0};", plan.MaxColumnOffset));
        writer.Line("// Zeros left of input column 0 in a packed row.");
        writer.Line(Literals.Format("private const int LeftPadding = {0};", plan.LeftPadding));
    }

    private static void WritePrepareCore(IndentedWriter writer, string name, KernelPlan plan)
    {
        writer.Line(Literals.Format("protected override {0} PrepareCore({1} weight, {1} bias, int inChannels, int outChannels)", Names.Prepared, Names.ReadOnlySpan));
        using (writer.Braces())
        {
            if (plan.Spec.InChannels != 0 || plan.Spec.OutChannels != 0)
                writer.Line(Literals.Format("{0}.Check(inChannels, outChannels, {1}, {2});", Names.Channels, plan.Spec.InChannels, plan.Spec.OutChannels));
            if (plan.Winograd is { } winograd)
            {
                writer.Line("// The runs Auto gives to Winograd go to the runtime's driver with this kernel's transforms (null where these");
                writer.Line("// channels never do, or the weights take the exact path).");
                writer.Line("var winograd = " + WinogradEmitter.PrepareExpression(name, winograd) + ";");
            }
            writer.Line("// Runs whose rows are shorter than one column block go to the dynamic kernel (see GeneratedKernelDispatch).");
            writer.Line("// The bodies of the width that runs here (16, 8 or 4 lanes), blocked for the register file: 32 vector registers on");
            writer.Line("// ARM64 and with AVX-512, 16 on other x64, where bodies blocked for 32 would spill.");
            var planned = UnrollLimits.TargetsFor(plan.Spec);
            var widths = planned.Select(target => target.Lanes).Distinct().ToList();
            foreach (int lanes in widths)
            {
                var targets = planned.Where(target => target.Lanes == lanes).ToList();
                bool last = lanes == widths[widths.Count - 1];
                // The narrowest width needs no test: the kernel holds the fallback where no width runs.
                using (last ? null : writer.Block(Literals.Format("if ({0}.LanesFor(StrideWidth) == {1})", Names.VectorOps, lanes)))
                {
                    var blockings = targets.Select(plan.For).Distinct().ToList();
                    if (blockings.Count > 1)
                    {
                        writer.Line(Literals.Format("if ({0}.HasWideRegisterFile)", Names.VectorOps));
                        using (writer.Braces())
                            WriteReturn(writer, plan, Names.Instantiated(Names.PreparedClass(plan, plan.For(targets.First(target => target.Registers == 32))), lanes));
                    }
                    WriteReturn(writer, plan, Names.Instantiated(Names.PreparedClass(plan, plan.For(targets[targets.Count - 1])), lanes));
                }
            }
        }
    }

    private static void WriteReturn(IndentedWriter writer, KernelPlan plan, string prepared) =>
        writer.Line(Literals.Format("return new {0}(this, new {1}(this, weight, bias, inChannels, outChannels), {2}weight, bias, inChannels, outChannels, {1}.BlockColumns);",
            Names.Dispatch, prepared, plan.Winograd is null ? "" : "winograd, "));

    private static void WritePreparedClass(IndentedWriter writer, string kernelName, KernelPlan plan, RegisterBlocking blocking)
    {
        string prepared = Names.PreparedClass(plan, blocking);
        writer.Line("// Bodies blocked for " + string.Join(", ", blocking.Targets.Select(Describe)) + "; the JIT compiles them once per width.");
        using (writer.Block(Literals.Format("private sealed class {0}<TSimd, TVector> : {1} where TSimd : struct, {2}<TVector> where TVector : struct",
            prepared, Names.Tiled, Names.SimdTrait)))
        {
            writer.Line("// Output channels one body computes together (the register block), and vectors per column phase.");
            writer.Line(Literals.Format("internal const int ChannelBlock = {0};", blocking.ChannelBlock));
            writer.Line(Literals.Format("internal const int Vectors = {0};", blocking.Vectors));
            writer.Line("// Floats per vector, and the positions of each column phase one body computes, and the outputs they cover:");
            writer.Line("// constants once the JIT specialises the class for a width.");
            writer.Line("private static int Lanes => TSimd.Count;");
            writer.Line("internal static int BlockColumns => Vectors * Lanes;");
            writer.Line(Literals.Format("internal static int BlockOutputs => BlockColumns * {0};", plan.Spec.Width.Stride));
            writer.Line();
            writer.Line("// Blocked by ChannelBlock output channels: a body broadcasts consecutive values.");
            writer.Line("private readonly float[] _packed;");
            writer.Line("// The bias, zeros when there is none, so that every body starts from it.");
            writer.Line("private readonly float[] _bias;");
            writer.Line();
            writer.Line(Literals.Format("internal {0}({1} kernel, {2} weight, {2} bias, int inChannels, int outChannels)", prepared, kernelName, Names.ReadOnlySpan));
            writer.Line("    : base(kernel, inChannels, outChannels, ChannelBlock, StrideHeight)");
            using (writer.Braces())
            {
                writer.Line(Literals.Format("_packed = {0}.PackBlocked(weight, kernel.Options, inChannels, outChannels, ChannelBlock);", Names.Weights));
                writer.Line(Literals.Format("_bias = {0}.ExpandBias(bias, outChannels);", Names.Weights));
            }
            writer.Line();
            if (ActivationEmitter.Applies(plan.Spec))
            {
                ActivationEmitter.WriteMembers(writer, plan.Spec);
                writer.Line();
            }
            TileEmitter.WriteRunTile(writer, plan, blocking);
            foreach (var phase in plan.RowPhases)
            {
                foreach (int block in blocking.BlockSizes)
                {
                    writer.Line();
                    RowBodyEmitter.Write(writer, plan, blocking, phase, block);
                }
            }
        }
    }

    /// <summary>e.g. <c>Vector256 with 16 registers</c>.</summary>
    private static string Describe(BodyTarget target) => Literals.Format("Vector{0} with {1} registers", target.Lanes * 32, target.Registers);
}
