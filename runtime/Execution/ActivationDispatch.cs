using TConvGen.CompilerServices;

namespace TConvGen;

/// <summary>Something generic over the activation: a kernel's entry point that picks its instantiation once per call.</summary>
internal interface IActivationVisitor
{
    /// <summary>Runs with the activation's vector formula as a type argument.</summary>
    void Visit<TActivation>(TActivation activation)
        where TActivation : struct, IActivationFunction;
}

/// <summary>Maps <see cref="ConvTranspose2dOptions.Activation"/> to its <see cref="IActivationFunction"/> struct, once per call,
/// so kernels compile one copy per activation and none branches per element.</summary>
internal static class ActivationDispatch
{
    /// <summary>Calls <paramref name="visitor"/> with the struct of <paramref name="activation"/> (a ref struct may carry spans).</summary>
    public static void Visit<TVisitor>(ConvTransposeActivation activation, float slope, ref TVisitor visitor)
        where TVisitor : struct, IActivationVisitor, allows ref struct
    {
        switch (activation)
        {
            case ConvTransposeActivation.None: visitor.Visit(new Identity()); break;
            case ConvTransposeActivation.Relu: visitor.Visit(new Relu()); break;
            case ConvTransposeActivation.LeakyRelu: visitor.Visit(new LeakyRelu(slope)); break;
            case ConvTransposeActivation.Relu6: visitor.Visit(new Relu6()); break;
            case ConvTransposeActivation.Sigmoid: visitor.Visit(new Sigmoid()); break;
            case ConvTransposeActivation.Tanh: visitor.Visit(new Tanh()); break;
            case ConvTransposeActivation.Silu: visitor.Visit(new Silu()); break;
            default: throw new System.ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation.");
        }
    }
}
