using System.Linq;
using TConvGen.Generator.Model;
using TConvGen.Generator.Planning;
using Xunit;

namespace TConvGen.Generator.Tests;

/// <summary>The planner's phases, taps, offsets and blocking, checked against the definition.</summary>
public sealed class PlannerTests
{
    private static ConvSpec Square(int k, int s, int p, int d = 1, int op = 0, int groups = 1, int inC = 0, int outC = 0) =>
        new(new ConvAxis(k, s, p, op, d), new ConvAxis(k, s, p, op, d), groups, inC, outC);

    [Fact]
    public void K4S2SplitsIntoTwoPhasesOfTwoTaps()
    {
        var plan = Planner.Plan(Square(4, 2, 1));
        // Output row 2j reads input rows j (ky 1) and j - 1 (ky 3); row 2j + 1 reads j + 1 (ky 0) and j (ky 2).
        Assert.Equal(new[] { 1, 3 }, plan.RowPhases[0].Taps.Select(t => t.Ky));
        Assert.Equal(new[] { 0, -1 }, plan.RowPhases[0].Taps.Select(t => t.Offset));
        Assert.Equal(new[] { 0, 2 }, plan.RowPhases[1].Taps.Select(t => t.Ky));
        Assert.Equal(new[] { 1, 0 }, plan.RowPhases[1].Taps.Select(t => t.Offset));
        Assert.Equal((-1, 1, 1), (plan.MinColumnOffset, plan.MaxColumnOffset, plan.LeftPadding));
        Assert.Null(plan.FallbackReason);
    }

    [Theory]
    [InlineData(3, 2, 1, 1)]
    [InlineData(9, 3, 4, 1)]
    [InlineData(3, 2, 2, 2)]
    [InlineData(2, 3, 0, 1)]
    [InlineData(5, 4, 1, 3)]
    [InlineData(16, 8, 4, 1)]
    public void EveryTapLandsInExactlyOnePhaseWithTheDefinitionsInputIndex(int k, int s, int p, int d)
    {
        var plan = Planner.Plan(Square(k, s, p, d));
        Assert.Equal(k, plan.RowPhases.Sum(phase => phase.Taps.Count));
        for (int oy = 0; oy < 40; oy++)
        {
            var phase = plan.RowPhases[oy % s];
            int j = oy / s;
            // Exactly the taps of the definition: oy = iy * s - p + ky * d for some integer iy (inside the input or not).
            var expected = Enumerable.Range(0, k).Where(ky => ((oy + p - ky * d) % s + s) % s == 0).ToArray();
            Assert.Equal(expected, phase.Taps.Select(tap => tap.Ky));
            foreach (var tap in phase.Taps)
                Assert.Equal(oy + p - tap.Ky * d, (j + tap.Offset) * s);
        }
        foreach (var tap in plan.ColumnTaps)
        {
            for (int j = 0; j < 5; j++)
                Assert.Equal(tap.Phase + s * j + p - tap.Kx * d, (j + tap.Offset) * s);
        }
    }

    [Fact]
    public void RegisterBlockSharesLoadsWithinTheBudget()
    {
        // 21 channels: blocks of 3 (no remainder) x 4 vectors per phase, the block measured fastest on the suite's shape c.
        var c = Vector256Wide(Planner.Plan(Square(4, 2, 1, inC: 21, outC: 21)));
        Assert.Equal((3, 4), (c.ChannelBlock, c.Vectors));
        Assert.Equal(new[] { 3 }, c.BlockSizes);
        // One channel per group: no channel reuse, so the widest column block.
        var depthwise = Vector256Wide(Planner.Plan(Square(4, 2, 1, groups: 21, inC: 21, outC: 21)));
        Assert.Equal((1, 8), (depthwise.ChannelBlock, depthwise.Vectors));
        // Unknown channels: a power-of-two block of at most 4, its halves for the remainder.
        var open = Vector256Wide(Planner.Plan(Square(4, 2, 1)));
        Assert.True(open.ChannelBlock is 1 or 2 or 4);
        Assert.Equal(Enumerable.Range(0, 3).Select(i => open.ChannelBlock >> i).Where(size => size >= 1), open.BlockSizes);
        foreach (var spec in new[] { Square(4, 2, 1, outC: 64), Square(3, 1, 1, outC: 11), Square(16, 8, 4, outC: 21), Square(9, 3, 4, op: 2, outC: 1), Square(3, 2, 2, d: 2, outC: 32) })
        {
            var plan = Planner.Plan(spec);
            int phases = plan.ColumnTaps.Select(tap => tap.Phase).Distinct().Count();
            foreach (var target in UnrollLimits.TargetsFor(spec))
            {
                var blocking = plan.For(target);
                int accumulators = blocking.ChannelBlock * phases * blocking.Vectors;
                Assert.True(accumulators <= UnrollLimits.MaxAccumulators, spec.ToString());
                Assert.True(accumulators + blocking.Vectors + 1 <= UnrollLimits.UsableRegisters(target), $"{spec} {target}");
                Assert.True(blocking.Vectors * target.Lanes <= UnrollLimits.MaxPositions(target.Lanes), $"{spec} {target}");
                Assert.Contains(blocking.Vectors, new[] { 1, 2, 4, 8 });
            }
        }
    }

    [Fact]
    public void EveryTargetHasOneBlockingAndEqualBlockingsShareBodies()
    {
        foreach (var spec in new[] { Square(4, 2, 1, inC: 21, outC: 21), Square(4, 2, 1, groups: 21, inC: 21, outC: 21), Square(3, 2, 2, d: 2, outC: 32) })
        {
            var plan = Planner.Plan(spec);
            Assert.All(UnrollLimits.Targets, target => Assert.Single(plan.Blockings, blocking => blocking.Targets.Contains(target)));
            Assert.Equal(plan.Blockings.Count, plan.Blockings.Select(blocking => (blocking.ChannelBlock, blocking.Vectors)).Distinct().Count());
        }
        // Depthwise: 8 vectors at Vector256 and Vector128, but Vector512's 16 lanes reach its 32 positions with 2.
        var depthwise = Planner.Plan(Square(4, 2, 1, groups: 21, inC: 21, outC: 21));
        Assert.Equal(2, depthwise.For(UnrollLimits.Targets[0]).Vectors);
    }

    [Fact]
    public void NoVector512BodiesPastTheStrideWhereVector256BodiesRunInstead()
    {
        // Strides 1 to 3 plan every target; from 4 on GeneratedKernelVector runs the Vector256 bodies where Vector512 is preferred.
        foreach (int stride in new[] { 1, 2, 3, 4, 8 })
        {
            var plan = Planner.Plan(Square(2 * stride, stride, stride / 2, inC: 21, outC: 21));
            bool planned = plan.Blockings.Any(blocking => blocking.Targets.Any(target => target.Lanes == 16));
            Assert.Equal(stride <= 3, planned);
            Assert.Equal(UnrollLimits.Targets.Count(target => target.Lanes < 16 || stride <= 3), plan.Blockings.Sum(blocking => blocking.Targets.Count));
        }
    }

    private static RegisterBlocking Vector256Wide(KernelPlan plan) => plan.For(new BodyTarget(8, 32, Fused: true));

    [Fact]
    public void LargeKernelsAndWideStridesFallBack()
    {
        Assert.Null(Planner.FallbackReason(Square(12, 1, 0)));
        Assert.Contains("169 taps", Planner.FallbackReason(Square(13, 1, 6)));
        Assert.Contains("stride 9", Planner.FallbackReason(Square(3, 9, 0)));
    }
}
