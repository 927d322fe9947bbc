using System;
using System.Collections.Generic;
using TConvGen;
using TConvGen.Tests.Shared;

namespace TConvGen.Generator.Consumer.Tests;

/// <summary>One generated kernel on one random problem, through Run and Prepare, judged by the reference with the
/// peers as witnesses (<see cref="Hearing"/>), and with a guard behind the output.</summary>
internal static class GeneratedKernelCheck
{
    /// <summary>Fails unless Run and Prepare match the reference (and each peer that agrees with it) and write nothing
    /// past the output. Returns the hearing, so that a test can look at what the peers said.</summary>
    public static Hearing Run(ConvTranspose2d kernel, ConvTranspose2dShape shape, Random random, IEnumerable<IPeerOracle> peers, IPeerReport report)
    {
        var o = kernel.Options;
        var input = RandomData.Uniform(random, shape.Batch * shape.InChannels * shape.Height * shape.Width);
        var weight = RandomData.Uniform(random, shape.InChannels * (shape.OutChannels / o.Groups) * o.KernelHeight * o.KernelWidth);
        var bias = RandomData.Uniform(random, shape.OutChannels);
        var (outHeight, outWidth) = kernel.GetOutputSize(shape.Height, shape.Width);
        int length = shape.Batch * shape.OutChannels * outHeight * outWidth;
        var reference = new float[length];
        ConvTranspose2d.Create(o, ConvTranspose2dAlgorithm.Reference).Run(input, weight, bias, reference, shape);
        var hearing = new Hearing($"{o} on {shape}", reference, [shape.Batch, shape.OutChannels, outHeight, outWidth], report);
        foreach (var peer in peers)
            hearing.Hear(peer.Run(o, input, weight, bias, shape));

        var buffer = OutputAssert.GuardedBuffer(length);
        kernel.Run(input, weight, bias, buffer.AsSpan(0, length), shape, maxDegreeOfParallelism: 1);
        hearing.Judge("Run", buffer[..length]);
        OutputAssert.GuardUntouched(buffer, length, $"{shape} Run");
        buffer = OutputAssert.GuardedBuffer(length);
        kernel.Prepare(weight, bias, shape.InChannels, shape.OutChannels).Run(input, buffer.AsSpan(0, length), shape.Batch, shape.Height, shape.Width, maxDegreeOfParallelism: 4);
        hearing.Judge("Prepare", buffer[..length]);
        OutputAssert.GuardUntouched(buffer, length, $"{shape} Prepare");
        return hearing;
    }
}
