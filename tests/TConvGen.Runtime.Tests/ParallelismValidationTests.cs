using System;
using TConvGen.Runtime.Tests.Support;
using Xunit;

namespace TConvGen.Runtime.Tests;

/// <summary>maxDegreeOfParallelism is -1 (all cores) or at least 1: 0 and anything below -1 are refused by both Run methods.</summary>
public sealed class ParallelismValidationTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    [InlineData(int.MinValue)]
    public void IllegalDegreeIsRefused(int degree)
    {
        foreach (var algorithm in Enum.GetValues<ConvTranspose2dAlgorithm>())
        {
            var kernel = ConvTranspose2d.Create(new ConvTranspose2dOptions(2), algorithm);
            var prepared = kernel.Prepare(new float[4], [], 1, 1);

            ExceptionAssert.OutOfRange(() => kernel.Run(new float[4], new float[4], [], new float[9], new ConvTranspose2dShape(1, 1, 1, 2, 2), degree),
                "maxDegreeOfParallelism", degree, "-1", ">= 1");
            ExceptionAssert.OutOfRange(() => prepared.Run(new float[4], new float[9], 1, 2, 2, degree), "maxDegreeOfParallelism", degree, "-1", ">= 1");
        }
    }

    /// <summary>The legal degrees all give the seed's answer.</summary>
    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(64)]
    public void LegalDegreeIsAccepted(int degree)
    {
        foreach (var algorithm in Enum.GetValues<ConvTranspose2dAlgorithm>())
        {
            var output = new float[9];
            ConvTranspose2d.Create(new ConvTranspose2dOptions(2), algorithm).Run([0, 1, 2, 3], [0, 1, 2, 3], [], output, new ConvTranspose2dShape(1, 1, 1, 2, 2), degree);
            Assert.Equal([0f, 0f, 1f, 0f, 4f, 6f, 4f, 12f, 9f], output);
        }
    }
}
