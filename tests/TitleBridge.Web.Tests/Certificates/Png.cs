using System.Buffers.Binary;
using System.IO.Compression;

namespace TitleBridge.Web.Tests.Certificates;

/// <summary>
/// Enough of a PNG reader (8-bit grey, grey+alpha, RGB or RGBA, non-interlaced; the five scanline filters) to hand
/// an image read back from a PDF to ZXing as grey levels, without System.Drawing (Windows only).
/// </summary>
internal static class Png
{
    public static (int Width, int Height, byte[] Gray) Gray(byte[] png)
    {
        var offset = 8;
        int width = 0, height = 0, colorType = 0, depth = 0;
        byte[] palette = [];
        using var idat = new MemoryStream();
        while (offset < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
            var data = png.AsSpan(offset + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                depth = data[8];
                colorType = data[9];
            }
            else if (type == "PLTE")
            {
                palette = data.ToArray();
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }
            offset += 12 + length;
        }
        // 8 bits per sample in any colour type; fewer (1, 2, 4) for grey levels and palettes, as QRCoder writes.
        Assert.True(depth == 8 || (depth < 8 && colorType is 0 or 3), $"PNG depth {depth}, colour type {colorType}");
        var channels = colorType switch { 0 or 3 => 1, 4 => 2, 2 => 3, 6 => 4, _ => throw new NotSupportedException($"PNG colour type {colorType}") };
        var bpp = Math.Max(1, channels * depth / 8);
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionMode.Decompress))
        {
            z.CopyTo(inflated);
        }
        var raw = inflated.ToArray();
        var stride = (width * channels * depth + 7) / 8;
        var pixels = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                var value = raw[y * (stride + 1) + 1 + x];
                int a = x >= bpp ? pixels[y * stride + x - bpp] : 0;
                int b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
                int c = x >= bpp && y > 0 ? pixels[(y - 1) * stride + x - bpp] : 0;
                pixels[y * stride + x] = (byte)(filter switch
                {
                    0 => value,
                    1 => value + a,
                    2 => value + b,
                    3 => value + (a + b) / 2,
                    4 => value + Paeth(a, b, c),
                    _ => throw new NotSupportedException($"PNG filter {filter}"),
                });
            }
        }
        var gray = new byte[width * height];
        if (depth < 8 || colorType == 3)
        {
            var max = (1 << depth) - 1;
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    var bit = x * depth;
                    var sample = (pixels[y * stride + bit / 8] >> (8 - depth - bit % 8)) & max;
                    gray[y * width + x] = colorType == 3
                        ? (byte)((palette[sample * 3] + palette[sample * 3 + 1] + palette[sample * 3 + 2]) / 3)
                        : (byte)(sample * 255 / max);
                }
            }
            return (width, height, gray);
        }
        for (var i = 0; i < gray.Length; i++)
        {
            gray[i] = channels >= 3
                ? (byte)((pixels[i * channels] + pixels[i * channels + 1] + pixels[i * channels + 2]) / 3)
                : pixels[i * channels];
        }
        return (width, height, gray);
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
