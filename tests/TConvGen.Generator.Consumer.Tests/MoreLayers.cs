using TConvGen;

namespace TConvGen.Generator.Consumer.Tests
{
    /// <summary>More configurations, in a block-scoped namespace, nested and non-public types.</summary>
    public partial class MoreLayers
    {
        /// <summary>A nested partial type.</summary>
        internal partial struct Nested
        {
            [ConvTranspose(3, stride: 1, padding: 1)]
            private static partial ConvTranspose2d Same();

            /// <summary>Exposes <see cref="Same"/>.</summary>
            public static ConvTranspose2d SameKernel => Same();
        }

        /// <summary>Dilated.</summary>
        [ConvTranspose(3, stride: 2, padding: 2, Dilation = 2)]
        public static partial ConvTranspose2d Dilated();

        /// <summary>Depthwise, 21 channels.</summary>
        [ConvTranspose(4, stride: 2, padding: 1, Groups = 21, InChannels = 21, OutChannels = 21)]
        public static partial ConvTranspose2d Depthwise();

        /// <summary>Asymmetric.</summary>
        [ConvTranspose(3, stride: 1, padding: 0, KernelWidth = 5, StrideWidth = 3, PaddingWidth = 2, OutputPaddingWidth = 1)]
        public static partial ConvTranspose2d Asymmetric();

        /// <summary>Too large to unroll: runs on the dynamic kernel.</summary>
#pragma warning disable TCG0014 // the fallback is what this method is for
        [ConvTranspose(13, stride: 1, padding: 6)]
        public static partial ConvTranspose2d Large();
#pragma warning restore TCG0014
    }
}

/// <summary>A method in the global namespace's type.</summary>
internal static partial class GlobalLayers
{
    [ConvTranspose(2, stride: 2)]
    internal static partial ConvTranspose2d Pixel();
}
