using TConvGen.Generator.Model;

namespace TConvGen.Generator.Emitting;

/// <summary>Writes what a <c>[ConvTranspose1d]</c> method adds to its generated 2-D kernel (the planar spec: kernel, stride,
/// padding... of the width axis, height axis 1/1/0/0/1): the 1-D options, the cached 1-D kernel that wraps the 2-D one
/// (<c>GeneratedConvTranspose1d.Create</c>, which checks that the 2-D kernel's options are the 1-D options' planar form),
/// and the 1-D description.</summary>
internal static class LineEmitter
{
    /// <summary>The implementation's members: the 1-D kernel the stub returns, created once after the 2-D <c>Instance</c>
    /// (static fields initialise in textual order), and its options.</summary>
    public static void WriteMembers(IndentedWriter writer, ConvSpec spec)
    {
        writer.Line("// The 1-D kernel the method returns: this configuration's 2-D kernel on inputs of height 1, behind the 1-D API.");
        writer.Line(Literals.Format("internal static readonly {0} {1} = {2}.Create(CreateOptions1d(), {3});", Names.Kernel1d, Names.Instance1d, Names.Generated1d, Names.Instance));
        writer.Line();
        writer.Line(Literals.Format("private static {0} CreateOptions1d() => {1};", Names.Options1d, OptionsExpression(spec)));
    }

    /// <summary>An expression creating the 1-D options equal to the attribute's configuration, every value explicit.</summary>
    public static string OptionsExpression(ConvSpec spec) => Literals.Format(
        "new {0}({1}, {2}, {3}) {{ OutputPadding = {4}, Dilation = {5}, Groups = {6}{7} }}",
        Names.Options1d, spec.Width.Kernel, spec.Width.Stride, spec.Width.Padding, spec.Width.OutputPadding, spec.Width.Dilation, spec.Groups,
        ActivationEmitter.OptionsInitializers(spec));

    /// <summary>e.g. <c>kernel 16, stride 8, padding 4, output padding 0, dilation 1, groups 1, any -> any channels</c>, then the
    /// activation if there is one.</summary>
    public static string Describe(ConvSpec spec) => Literals.Format(
        "kernel {0}, stride {1}, padding {2}, output padding {3}, dilation {4}, groups {5}, {6}{7}",
        spec.Width.Kernel, spec.Width.Stride, spec.Width.Padding, spec.Width.OutputPadding, spec.Width.Dilation, spec.Groups,
        SourceEmitter.Channels(spec), ActivationEmitter.Applies(spec) ? ", then " + ActivationEmitter.Describe(spec) : "");
}
