using System.Linq;
using TConvGen.Parity.Tests.Support;
using Xunit;

namespace TConvGen.Parity.Tests;

/// <summary>Every algorithm against libtorch's conv_transpose2d on 300 seeded random configurations
/// (asymmetric kernel/stride/padding/dilation/output padding, groups, batch, inputs from 1x1).</summary>
public sealed class LibTorchSweepParityTests
{
    public const int Configurations = 300;

    public static TheoryData<int> Seeds => new(Enumerable.Range(0, Configurations));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomConfigurationMatchesLibTorch(int seed)
    {
        var c = ParityCase.Random(seed);

        ParityAssert.AllAlgorithmsMatch("libtorch", c, PeerRuns.LibTorch(c));
    }
}
