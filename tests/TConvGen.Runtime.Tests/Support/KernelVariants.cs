using System.Collections.Generic;

namespace TConvGen.Runtime.Tests.Support;

/// <summary>Every algorithm at every SIMD width this machine runs in-process: each with its SIMD and its portable code, and
/// every kernel with vector code but Auto at every other vector width the machine runs (OneTap also with its one-channel
/// block). (The child run without AVX-512 covers Auto's Vector256 choices and the blocks for 16 registers.)</summary>
internal static class KernelVariants
{
    public static IEnumerable<ConvTranspose2d> For(ConvTranspose2dOptions options)
    {
        foreach (var algorithm in System.Enum.GetValues<ConvTranspose2dAlgorithm>())
        {
            foreach (bool vectors in new[] { true, false })
                yield return KernelFactory.Create(options, algorithm, vectors);
        }
        foreach (var level in VectorLevels.Forced)
        {
            yield return new PhaseDirectConvTranspose2d(options, level);
            yield return new GemmCol2ImConvTranspose2d(options, level);
            yield return new ChannelVectorizedConvTranspose2d(options, level);
            yield return new PatchScatterConvTranspose2d(options, level);
            yield return new WinogradConvTranspose2d(options, level);
        }
        if (OneTapPrepared.Supports(options))
        {
            // The factory's OneTap runs the widest width.
            foreach (var level in VectorLevels.Running)
            {
                if (level != SimdPath.Lower(SimdLevel.Vector512))
                    yield return new OneTapConvTranspose2d(options, level);
                yield return new OneTapConvTranspose2d(options, level, narrowBlock: true);
            }
        }
    }
}
