namespace TConvGen.Runtime.Tests.Support;

/// <summary>
/// The seed notebook's convolution matrix, generalised: C has one row per output pixel of the FORWARD convolution
/// (= per input pixel (ci, iy, ix) of the transposed one) and one column per pixel (co, oy, ox) of the transposed
/// convolution's output; the transposed convolution of one image is <c>C^T x</c> (plus the bias).
/// </summary>
/// <remarks>
/// Built as the notebook builds it: row (ci, iy, ix) holds the dilated kernel placed at (iy*s, ix*s) of the full,
/// uncropped output grid of size (Hin-1)*s + d*(k-1) + 1 + op; the padding then crops p rows/columns at the top/left,
/// and everything past Hout/Wout is cut. Independent of the runtime's code.
/// </remarks>
public static class ConvolutionMatrix
{
    /// <summary>C as a dense [rows, columns] array, for one image of <paramref name="problem"/>.</summary>
    public static double[,] Build(TestProblem problem)
    {
        var o = problem.Options;
        var s = problem.Shape;
        int fullH = (s.Height - 1) * o.StrideHeight + o.DilationHeight * (o.KernelHeight - 1) + 1 + o.OutputPaddingHeight;
        int fullW = (s.Width - 1) * o.StrideWidth + o.DilationWidth * (o.KernelWidth - 1) + 1 + o.OutputPaddingWidth;
        int outH = problem.OutputHeight, outW = problem.OutputWidth;
        int inPerGroup = s.InChannels / o.Groups, outPerGroup = s.OutChannels / o.Groups;
        var c = new double[s.InChannels * s.Height * s.Width, s.OutChannels * outH * outW];
        for (int ci = 0; ci < s.InChannels; ci++)
        for (int iy = 0; iy < s.Height; iy++)
        for (int ix = 0; ix < s.Width; ix++)
        {
            int row = (ci * s.Height + iy) * s.Width + ix;
            // The kernels of ci's group, on the full grid.
            var full = new double[s.OutChannels, fullH, fullW];
            for (int j = 0; j < outPerGroup; j++)
            for (int ky = 0; ky < o.KernelHeight; ky++)
            for (int kx = 0; kx < o.KernelWidth; kx++)
                full[ci / inPerGroup * outPerGroup + j, iy * o.StrideHeight + ky * o.DilationHeight, ix * o.StrideWidth + kx * o.DilationWidth] =
                    problem.Weight[((ci * outPerGroup + j) * o.KernelHeight + ky) * o.KernelWidth + kx];
            // Crop: output (oy, ox) is full-grid (oy + p, ox + p).
            for (int co = 0; co < s.OutChannels; co++)
            for (int oy = 0; oy < outH; oy++)
            for (int ox = 0; ox < outW; ox++)
            {
                int fy = oy + o.PaddingHeight, fx = ox + o.PaddingWidth;
                if (fy < fullH && fx < fullW)
                    c[row, (co * outH + oy) * outW + ox] = full[co, fy, fx];
            }
        }
        return c;
    }

    /// <summary><c>C^T x + b</c> for every image of the problem, in double.</summary>
    public static double[] TransposeTimes(double[,] c, TestProblem problem)
    {
        var s = problem.Shape;
        int rows = c.GetLength(0), columns = c.GetLength(1);
        int plane = problem.OutputHeight * problem.OutputWidth;
        var y = new double[s.Batch * columns];
        for (int n = 0; n < s.Batch; n++)
        for (int col = 0; col < columns; col++)
        {
            double sum = problem.Bias.Length == 0 ? 0 : problem.Bias[col / plane];
            for (int row = 0; row < rows; row++)
                sum += c[row, col] * problem.Input[n * rows + row];
            y[n * columns + col] = sum;
        }
        return y;
    }
}
