namespace TConvGen;

/// <summary>The algorithms behind <see cref="ConvTranspose2d.Create(ConvTranspose2dOptions, ConvTranspose2dAlgorithm)"/>.</summary>
public enum ConvTranspose2dAlgorithm
{
    /// <summary>The fastest algorithm this library has for the configuration and channel counts (chosen at <c>Prepare</c>
    /// or <c>Run</c>, where the channel counts are known).</summary>
    Auto = 0,

    /// <summary>The scalar scatter loop of the definition, accumulated in double precision: slow, obviously correct, the oracle of the tests.</summary>
    Reference = 1,

    /// <summary>Per image and group, <c>columns = W^T X</c> by a register-blocked SIMD GEMM, then a col2im scatter-add of the
    /// columns into the output: the fallback for wide channel counts.</summary>
    GemmCol2Im = 2,

    /// <summary>A direct SIMD kernel over sub-pixel phases: each output phase is a dense correlation with only the taps that
    /// reach it, register-blocked over output channels and output columns, with input channels as the innermost loop.</summary>
    PhaseDirect = 3,

    /// <summary>A direct SIMD kernel over sub-pixel phases with the output channels in the vector lanes (Vector512 where the
    /// CPU accelerates it): each phase is a GEMM over output channels x pixels x (input channels x taps), for wide channel counts.</summary>
    ChannelVectorized = 4,

    /// <summary>The definition's scatter, vectorised along the weights: for each input pixel, the patch it adds (every output
    /// channel x kH x kW, PyTorch's weight layout in the lanes) is accumulated over the input channels, then added into the
    /// output. For inputs of a few pixels, such as a latent vector (1x1), where the other kernels' lanes would run empty.</summary>
    PatchScatter = 5,

    /// <summary>For kernel 2 x 2, stride 2, dilation 1 (U-Net's up-convolution), where every output gets exactly one tap: the
    /// four phases are 1x1 convolutions of the same input, computed together from each input vector (Vector512 where the
    /// CPU accelerates it) and stored as whole output rows. Any other configuration runs <see cref="PhaseDirect"/>.</summary>
    OneTap = 6,

    /// <summary>For kernel 3 x 3, stride 1, dilation 1 and padding 0 to 2 (3x3 decoder layers): the layer is a correlation of
    /// the zero-padded input with the flipped kernel, computed by Winograd's F(2x2, 3x3) in fused, cache-blocked steps (input
    /// transform, a GEMM over channels per transformed element, output transform), 2.25x fewer multiplications than the
    /// direct kernels. For kernel 4 x 4, stride 2, padding 1, dilation 1 and output padding 0 or 1 (DCGAN-style decoders) it
    /// runs F(3x3, 2x2) on each of the four phases (2 x 2 correlations), all four from one shared 4 x 4 input tile per 6 x 6
    /// outputs: 2.25x fewer multiplications. Inputs with a NaN or an infinity take the exact path; any other configuration runs
    /// <see cref="PhaseDirect"/>.</summary>
    Winograd = 7,
}
