using System;
using System.Threading.Tasks;

namespace TConvGen;

/// <summary>Runs the independent pieces of one run (output tiles, Winograd tile ranges), each on its own image's input and
/// output, on the calling thread or on up to the allowed number of threads.</summary>
internal static unsafe class ImagePieces
{
    /// <summary>Computes one piece from its image's input <c>(Cin, Hin, Win)</c> and output <c>(Cout, Hout, Wout)</c>.</summary>
    public delegate void Runner<TPiece>(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, TPiece piece);

    /// <param name="input">The whole input, every image.</param>
    /// <param name="output">The whole output, every image.</param>
    /// <param name="problem">The validated problem.</param>
    /// <param name="pieces">The pieces; no two write the same output.</param>
    /// <param name="imageOf">A piece's image index.</param>
    /// <param name="threads">The threads the pieces may use. One, or a run too small to gain from more
    /// (<see cref="TilePartitioner.ParallelThreshold"/>), runs them in order on the calling thread.</param>
    /// <param name="run">Computes one piece.</param>
    public static void Run<TPiece>(ReadOnlySpan<float> input, Span<float> output, ConvTranspose2dProblem problem, TPiece[] pieces,
        Func<TPiece, int> imageOf, int threads, Runner<TPiece> run)
    {
        if (threads == 1 || pieces.Length == 1 || problem.MultiplyAdds < TilePartitioner.ParallelThreshold)
        {
            foreach (var piece in pieces)
            {
                int image = imageOf(piece);
                run(ImageInput(input, problem, image), ImageOutput(output, problem, image), problem, piece);
            }
            return;
        }
        fixed (float* inputPointer = input)
        fixed (float* outputPointer = output)
        {
            // Spans cannot cross into the workers; the pinned addresses can, and each worker rebuilds its image's spans.
            nint inputAddress = (nint)inputPointer, outputAddress = (nint)outputPointer;
            int inputLength = input.Length, outputLength = output.Length;
            Parallel.For(0, pieces.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, index =>
            {
                var piece = pieces[index];
                int image = imageOf(piece);
                var images = new ReadOnlySpan<float>((float*)inputAddress, inputLength);
                var results = new Span<float>((float*)outputAddress, outputLength);
                run(ImageInput(images, problem, image), ImageOutput(results, problem, image), problem, piece);
            });
        }
    }

    private static ReadOnlySpan<float> ImageInput(ReadOnlySpan<float> input, ConvTranspose2dProblem problem, int image) =>
        input.Slice(image * problem.InputImageLength, problem.InputImageLength);

    private static Span<float> ImageOutput(Span<float> output, ConvTranspose2dProblem problem, int image) =>
        output.Slice(image * problem.OutputImageLength, problem.OutputImageLength);
}
