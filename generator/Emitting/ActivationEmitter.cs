using TConvGen.Generator.Model;

namespace TConvGen.Generator.Emitting;

/// <summary>Writes what a spec's activation adds to a kernel: the options' initializers, the <c>Activate</c> member the
/// bodies apply to each accumulator before its store or, for the activations that call <c>exp</c>, to the stored block
/// (the runtime's vector formula, <c>TConvGen.CompilerServices.IActivationFunction</c>, as a constant struct the JIT folds),
/// and its description. Without an activation it adds nothing, so those kernels are unchanged.</summary>
internal static class ActivationEmitter
{
    /// <summary>Whether the bodies apply an activation in their stores.</summary>
    public static bool Applies(ConvSpec spec) => spec.Activation != ConvTransposeActivation.None;

    /// <summary>Whether the activation is applied to the block's stored outputs right after its stores (still in L1), rather than
    /// to each accumulator before its store: for those that call <c>exp</c>, which the JIT does not inline (a call to
    /// <c>VectorMath.ExpSingle</c>), so that a call between the stores would spill every accumulator still live. Measured,
    /// 64->64 32x64 k4s2p1 at Vector512, one thread, time over the same kernel without activation: SiLU on each accumulator
    /// 2.16x, Tanh 2.27x; on the stored block 1.19x and 1.19x (the dynamic PhaseDirect kernel's second pass: 1.13x);
    /// LeakyReLU on each accumulator (inlined) 0.99x.</summary>
    public static bool AfterStores(ConvSpec spec) =>
        spec.Activation is ConvTransposeActivation.Sigmoid or ConvTransposeActivation.Tanh or ConvTransposeActivation.Silu;

    /// <summary>The value a body stores for an accumulator: <c>Activate(sum0_0_0)</c>, or the accumulator itself (no activation,
    /// or one applied <see cref="AfterStores"/>).</summary>
    public static string Stored(ConvSpec spec, string accumulator) =>
        Applies(spec) && !AfterStores(spec) ? Names.Activate + "(" + accumulator + ")" : accumulator;

    /// <summary>The call that activates a block's stored outputs, or null when the stores did (or there is no activation).</summary>
    public static string? AfterStoresCall(ConvSpec spec, int block) =>
        AfterStores(spec) ? Literals.Format("{0}(ref destination, plane, {1});", Names.ActivateStored, block) : null;

    /// <summary>The struct applying the activation, e.g. <c>default(Relu)</c> or <c>new LeakyRelu(0.2f)</c>.</summary>
    public static string Struct(ConvSpec spec) => spec.Activation switch
    {
        ConvTransposeActivation.Relu => "default(Relu)",
        ConvTransposeActivation.LeakyRelu => "new LeakyRelu(" + Literals.Float(spec.ActivationSlope) + ")",
        ConvTransposeActivation.Relu6 => "default(Relu6)",
        ConvTransposeActivation.Sigmoid => "default(Sigmoid)",
        ConvTransposeActivation.Tanh => "default(Tanh)",
        ConvTransposeActivation.Silu => "default(Silu)",
        _ => "default(Identity)",
    };

    /// <summary>The options' activation initializers, each starting with <c>, </c>: the function unless None, and the slope
    /// for LeakyReLU or when written (so that the options equal the attribute's); empty for the defaults.</summary>
    public static string OptionsInitializers(ConvSpec spec)
    {
        string text = Applies(spec) ? ", Activation = " + Names.ActivationEnum + "." + spec.Activation : "";
        bool slope = spec.Activation == ConvTransposeActivation.LeakyRelu || !spec.ActivationSlope.Equals(ConvTranspose2dRules.DefaultActivationSlope);
        return slope ? text + ", ActivationSlope = " + Literals.Float(spec.ActivationSlope) : text;
    }

    /// <summary>PyTorch's name of the activation, as the runtime's options describe it, e.g. <c>LeakyReLU(negative_slope=0.2)</c>.</summary>
    public static string Describe(ConvSpec spec) => spec.Activation switch
    {
        ConvTransposeActivation.Relu => "ReLU()",
        ConvTransposeActivation.LeakyRelu => "LeakyReLU(negative_slope=" + Literals.FloatText(spec.ActivationSlope) + ")",
        ConvTransposeActivation.Relu6 => "ReLU6()",
        ConvTransposeActivation.Sigmoid => "Sigmoid()",
        ConvTransposeActivation.Tanh => "Tanh()",
        ConvTransposeActivation.Silu => "SiLU()",
        _ => "Identity()",
    };

    /// <summary>The prepared class's members: the override telling the base class not to activate again, <c>Activate</c>,
    /// which every store calls, and <c>ActivateStored</c> for the activations applied <see cref="AfterStores"/>.</summary>
    public static void WriteMembers(IndentedWriter writer, ConvSpec spec)
    {
        writer.Line("// The bodies apply the activation in their stores, so the base class does not apply it again.");
        writer.Line("protected override bool AppliesActivation => true;");
        writer.Line();
        writer.Line("// " + Describe(spec) + " of an accumulator, right before its store: a constant struct, which the JIT inlines and folds.");
        writer.Line("[" + Names.Inlined + "]");
        writer.Line(Literals.Format("private static TVector {0}(TVector x) => {1}.Apply<TSimd, TVector>(x);", Names.Activate, Struct(spec)));
        if (AfterStores(spec))
            WriteActivateStored(writer);
    }

    /// <summary><c>ActivateStored</c>: the activation over <c>channels</c> rows of one block's <c>BlockOutputs</c> stored outputs,
    /// <c>plane</c> apart, in place: the stores wrote every one of them, so it touches nothing else.</summary>
    private static void WriteActivateStored(IndentedWriter writer)
    {
        writer.Line();
        writer.Line("// exp is a call the JIT does not inline: applied to the block just stored (in L1), no accumulator is live across it.");
        writer.Line("[" + Names.Optimized + "]");
        writer.Line(Literals.Format("private static void {0}(ref float destination, nint plane, int channels)", Names.ActivateStored));
        using (writer.Braces())
        {
            writer.Line("for (int c = 0; c < channels; c++)");
            using (writer.Braces())
            {
                writer.Line(Literals.Format("ref float row = ref {0}.Add(ref destination, plane * c);", Names.Unsafe));
                writer.Line("for (int i = 0; i < BlockOutputs; i += Lanes)");
                writer.Line(Literals.Format("    TSimd.Store({0}(TSimd.Load(ref row, (nuint)i)), ref {1}.Add(ref row, i));", Names.Activate, Names.Unsafe));
            }
        }
    }
}
