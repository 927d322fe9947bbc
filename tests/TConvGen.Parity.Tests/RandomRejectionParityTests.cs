using System;
using System.Linq;
using TConvGen.Parity.Tests.Support;
using TConvGen.Peers;
using Xunit;

namespace TConvGen.Parity.Tests;

/// <summary>
/// Accept/refuse parity with libtorch on 300 random calls drawn around every boundary (kernel, stride and dilation at 0 or -1,
/// padding and output padding at -1, output padding at the largest legal value and one above, groups 0, input channels
/// not divisible by the groups, outputs of a few rows down to below one):
/// TConvGen accepts a call exactly when libtorch's conv_transpose2d does.
/// </summary>
/// <remarks>
/// <para>Calls whose output would be smaller than 1x1, or whose kernel or dilation is below 1, are not put to libtorch:
/// when such a call takes libtorch 2.10's oneDNN path (groups > 1 or batch > 1, for instance), libtorch aborts the whole
/// process ("terminate called after throwing an instance of 'dnnl::error'") instead of raising "Output size is too small",
/// "dilation should be greater than zero" or "kernel size should be greater than zero" as its native path does. Seen with
/// groups 3, kernel 1, stride 3, padding 3 on a 1-row input; with groups 3, dilation (0, 3); and with kernel (0, 4) on a
/// batch of 2. For those TConvGen must refuse; libtorch's refusal on its native path is pinned in
/// <see cref="RejectionParityTests"/>.</para>
/// <para>Output channels are always a multiple of the groups: the functional API derives Cout from the weight
/// (Cout = groups * weight.size(1)), so "Cout not divisible by groups" cannot be put to it (that is nn.ConvTranspose2d's
/// constructor's rule; see <see cref="RejectionParityTests"/> and the runtime tests).</para>
/// </remarks>
public sealed class RandomRejectionParityTests
{
    public static TheoryData<int> Seeds => new(Enumerable.Range(0, 300));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void TConvGenAcceptsExactlyWhatLibTorchAccepts(int seed)
    {
        var c = Draw(new Random(seed + 90_000));
        if (!SafeForLibTorch(c))
        {
            foreach (var algorithm in Enum.GetValues<ConvTranspose2dAlgorithm>())
                Assert.ThrowsAny<ArgumentException>(() => ConvTranspose2d.Create(c.Options, algorithm)
                    .Run(new float[c.InputLength], new float[c.WeightLength], new float[c.BiasLength], [], c.Shape));
            return;
        }

        Exception? torch = Catch(() =>
        {
            using var peer = new LibTorchConvTranspose2d(c.Options, c.WeightInChannels, c.Shape.OutChannels, new float[c.WeightLength], new float[c.BiasLength]);
            peer.Run(new float[c.InputLength], c.Shape);
        });
        foreach (var algorithm in Enum.GetValues<ConvTranspose2dAlgorithm>())
        {
            Exception? ours = Catch(() => ConvTranspose2d.Create(c.Options, algorithm)
                .Run(new float[c.InputLength], new float[c.WeightLength], new float[c.BiasLength], new float[c.OutputLength], c.Shape));
            Assert.True(torch is null == ours is null,
                $"{c} ({algorithm}): libtorch {(torch is null ? "accepts" : "refuses: " + torch.Message.Split('\n')[0])}; " +
                $"TConvGen {(ours is null ? "accepts" : "refuses: " + ours.Message)}");
            if (ours is not null)
                Assert.IsAssignableFrom<ArgumentException>(ours);
        }
    }

    [Fact]
    public void TheDrawHasBothValidAndInvalidCalls()
    {
        var draws = Enumerable.Range(0, 300).Select(s => Draw(new Random(s + 90_000))).ToArray();
        int valid = draws.Count(c => Catch(() => ConvTranspose2dProblem.Create(c.Options, c.Shape)) is null);
        int askedOfLibTorch = draws.Count(SafeForLibTorch);

        Assert.True(valid is >= 90 and <= 240 && askedOfLibTorch >= 150, $"{valid} valid calls, {askedOfLibTorch} put to libtorch, of 300.");
    }

    /// <summary>A valid call, then (two times in three) one parameter pushed to a boundary, on the legal or the illegal side.</summary>
    private static RejectionCase Draw(Random random)
    {
        int groups = random.Next(1, 4);
        int kh = random.Next(1, 5), kw = random.Next(1, 5), sh = random.Next(1, 4), sw = random.Next(1, 4), dh = random.Next(1, 4), dw = random.Next(1, 4);
        var o = new ConvTranspose2dOptions(1)
        {
            KernelHeight = kh, KernelWidth = kw, StrideHeight = sh, StrideWidth = sw, DilationHeight = dh, DilationWidth = dw, Groups = groups,
            PaddingHeight = random.Next(0, 3), PaddingWidth = random.Next(0, 3),
            OutputPaddingHeight = random.Next(0, Math.Max(sh, dh)), OutputPaddingWidth = random.Next(0, Math.Max(sw, dw)),
        };
        int inChannels = groups * random.Next(1, 3);
        int outChannels = groups * random.Next(1, 3);
        int height = random.Next(1, 5), width = random.Next(1, 5);
        o = random.Next(15) switch
        {
            0 => o with { KernelHeight = 0 },
            1 => o with { StrideWidth = random.Next(-1, 1) },
            2 => o with { DilationHeight = random.Next(-1, 1) },
            3 => o with { PaddingWidth = -1 },
            4 => o with { OutputPaddingHeight = -1 },
            5 => o with { OutputPaddingWidth = Math.Max(sw, dw) },      // just illegal
            6 => o with { OutputPaddingHeight = Math.Max(sh, dh) - 1 }, // just legal
            7 => o with { OutputPaddingWidth = sw },                    // legal only when dw > sw
            8 => o with { Groups = 0 },
            9 => o with { PaddingHeight = (dh * (kh - 1) + o.OutputPaddingHeight) / 2 + random.Next(0, 2) + (height - 1) * sh / 2 }, // output near 0 rows
            _ => o,
        };
        if (random.Next(8) == 0)
            inChannels++; // not divisible unless groups is 1
        var shape = new ConvTranspose2dShape(random.Next(1, 3), inChannels, outChannels, height, width);
        return RejectionCase.Matching("draw", o, shape, bias: random.Next(2) == 0);
    }

    /// <summary>Whether libtorch can be asked without risking the process (see the remarks).</summary>
    private static bool SafeForLibTorch(RejectionCase c) =>
        c.OutputLength > 0 && c.Options.KernelHeight >= 1 && c.Options.KernelWidth >= 1 && c.Options.DilationHeight >= 1 && c.Options.DilationWidth >= 1;

    private static Exception? Catch(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
