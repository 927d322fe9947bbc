using System.Linq;
using TConvGen.Parity.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace TConvGen.Parity.Tests;

/// <summary>Every algorithm on 300 seeded random configurations (asymmetric kernel/stride/padding/dilation/output padding,
/// groups, batch, inputs from 1x1), judged by the reference with libtorch's conv_transpose2d as witness: where libtorch
/// agrees with the reference, every algorithm must agree with libtorch too; where it does not, that is reported.</summary>
public sealed class LibTorchSweepParityTests(ITestOutputHelper output)
{
    public const int Configurations = 300;

    public static TheoryData<int> Seeds => new(Enumerable.Range(0, Configurations));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomConfigurationMatchesTheReferenceWitnessedByLibTorch(int seed) =>
        ParityAssert.AllAlgorithmsMatch(ParityCase.Random(seed), PeerRuns.LibTorch, output);
}
