using System;
using Xunit;

namespace TConvGen.Runtime.Tests.Support;

/// <summary>Every value of <see cref="ConvTranspose2dAlgorithm"/>, so that a new algorithm is covered by every test that uses this.</summary>
public static class AllAlgorithms
{
    /// <summary>For <c>[MemberData(nameof(AllAlgorithms.Data), MemberType = typeof(AllAlgorithms))]</c>.</summary>
    public static TheoryData<ConvTranspose2dAlgorithm> Data => new(Enum.GetValues<ConvTranspose2dAlgorithm>());
}
