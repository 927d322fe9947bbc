namespace TConvGen;

/// <summary>
/// The function a kernel applies to every output after the bias (and after a folded BatchNorm), as PyTorch's functions
/// define it. Kernels apply it where they write the output, not in a second pass. NaN stays NaN.
/// </summary>
public enum ConvTransposeActivation
{
    /// <summary>The output is the convolution itself.</summary>
    None = 0,

    /// <summary><c>relu(x) = max(x, 0)</c>.</summary>
    Relu = 1,

    /// <summary><c>leaky_relu(x, slope) = x &gt; 0 ? x : slope * x</c>, with <c>ActivationSlope</c> as the slope.</summary>
    LeakyRelu = 2,

    /// <summary><c>relu6(x) = min(max(x, 0), 6)</c>.</summary>
    Relu6 = 3,

    /// <summary><c>sigmoid(x) = 1 / (1 + exp(-x))</c>.</summary>
    Sigmoid = 4,

    /// <summary><c>tanh(x)</c>.</summary>
    Tanh = 5,

    /// <summary><c>silu(x) = x * sigmoid(x)</c>.</summary>
    Silu = 6,
}
