using System;
using System.IO;
using System.Text;

namespace DcganSample;

/// <summary>Writes NCHW RGB images in [-1, 1] as one binary PPM (P6) file, tiled in a grid.</summary>
public static class PpmWriter
{
    /// <summary>Tiles <paramref name="count"/> images of <paramref name="size"/> x <paramref name="size"/> in a square grid.</summary>
    public static void WriteGrid(string path, ReadOnlySpan<float> images, int count, int size)
    {
        int columns = (int)Math.Ceiling(Math.Sqrt(count));
        int rows = (count + columns - 1) / columns;
        int width = columns * size, height = rows * size;
        var pixels = new byte[width * height * 3];
        for (int n = 0; n < count; n++)
        for (int c = 0; c < 3; c++)
        for (int y = 0; y < size; y++)
        for (int x = 0; x < size; x++)
        {
            float value = images[((n * 3 + c) * size + y) * size + x];
            int px = n % columns * size + x, py = n / columns * size + y;
            pixels[(py * width + px) * 3 + c] = (byte)Math.Clamp((value + 1f) * 127.5f, 0f, 255f);
        }
        using var file = File.Create(path);
        file.Write(Encoding.ASCII.GetBytes($"P6\n{width} {height}\n255\n"));
        file.Write(pixels);
    }
}
