using TConvGen.Generator.Model;

namespace TConvGen.Generator.Emitting;

/// <summary>Writes what a spec's activation adds to a kernel: the options' initializers, the <c>Activate</c> member the
/// bodies' stores call (the runtime's vector formula, <c>TConvGen.CompilerServices.IActivationFunction</c>, as a constant
/// struct the JIT folds), and its description. Without an activation it adds nothing, so those kernels are unchanged.</summary>
internal static class ActivationEmitter
{
    /// <summary>Whether the bodies apply an activation in their stores.</summary>
    public static bool Applies(ConvSpec spec) => spec.Activation != ConvTransposeActivation.None;

    /// <summary>The value a body stores for an accumulator: <c>Activate(sum0_0_0)</c>, or the accumulator itself.</summary>
    public static string Stored(ConvSpec spec, string accumulator) => Applies(spec) ? Names.Activate + "(" + accumulator + ")" : accumulator;

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

    /// <summary>The prepared class's members: the override telling the base class not to activate again, and
    /// <c>Activate</c>, which every store calls.</summary>
    public static void WriteMembers(IndentedWriter writer, ConvSpec spec)
    {
        writer.Line("// The bodies apply the activation in their stores, so the base class does not apply it again.");
        writer.Line("protected override bool AppliesActivation => true;");
        writer.Line();
        writer.Line("// " + Describe(spec) + " of an accumulator, right before its store: a constant struct, which the JIT inlines and folds.");
        writer.Line("[" + Names.Inlined + "]");
        writer.Line(Literals.Format("private static TVector {0}(TVector x) => {1}.Apply<TSimd, TVector>(x);", Names.Activate, Struct(spec)));
    }
}
