using System;

namespace TConvGen;

/// <summary>
/// <c>U = G g G^T</c> of one r x r kernel in double, as the textbook product: <c>t = G g</c>, then <c>U = t G^T</c>, each
/// sum from zero in G's column order. The runtime's weight transform of both tilings
/// (<see cref="WinogradTransforms"/>, <see cref="WinogradPhaseTransforms"/>), each with its own G.
/// </summary>
internal static class WinogradKernelTransform
{
    /// <param name="transform">G: n x r.</param>
    /// <param name="g">The kernel: r x r, row-major.</param>
    /// <param name="u">The result: n x n, row-major.</param>
    public static void Apply(double[,] transform, ReadOnlySpan<double> g, Span<double> u)
    {
        int n = transform.GetLength(0), r = transform.GetLength(1);
        Span<double> t = stackalloc double[n * r];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < r; k++)
            {
                double sum = 0;
                for (int l = 0; l < r; l++)
                    sum += transform[i, l] * g[l * r + k];
                t[i * r + k] = sum;
            }
        }
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int k = 0; k < r; k++)
                    sum += t[i * r + k] * transform[j, k];
                u[i * n + j] = sum;
            }
        }
    }
}
