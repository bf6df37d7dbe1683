using System.Globalization;
using Microsoft.Extensions.Options;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using QRCoder;
using TitleBridge.Domain.Certificates;
using TitleBridge.Web.Data;

namespace TitleBridge.Web.Features.Certificates;

/// <summary>
/// The certificate as a one-page A4 PDF in Chinese and English (policy.md §5.6: name, identity document masked,
/// level and series, specialty, committee, approving body, number, approval date), with a QR code that opens the
/// verification page with the code filled in, and the statement that the register, not a copy, is authoritative.
/// The font is the shipped Droid Sans Fallback (Fonts/README.md); PDFsharp does no CJK line breaking, so
/// <see cref="Wrap"/> does it.
/// </summary>
public sealed class CertificatePdf(IOptions<CertificateOptions> options)
{
    private const string Family = EmbeddedFontResolver.Family;

    static CertificatePdf() => EmbeddedFontResolver.Install();

    public byte[] Render(Certificate c)
    {
        var url = options.Value.VerificationUrl(c.Number, c.VerificationCode);
        using var document = new PdfDocument();
        document.Info.Title = $"{c.Number} 职称证书 Professional title certificate";
        document.Info.Author = $"{c.ApprovingBodyZh} {c.ApprovingBodyEn}";
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var g = XGraphics.FromPdfPage(page))
        {
            Draw(g, page.Width.Point, page.Height.Point, c, url);
        }
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    /// <summary>A size and weight; each run of text gets the CJK or the Latin font of it.</summary>
    public sealed record Style(double Size, bool Bold)
    {
        public XFont Cjk { get; } = new(Family, Size, Bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));
        public XFont Latin { get; } = new(EmbeddedFontResolver.LatinFamily, Size, Bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));
    }

    private static Style Font(double size, bool bold = false) => new(size, bold);

    private static IEnumerable<(string Text, bool Cjk)> Runs(string text)
    {
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || IsCjk(text[i]) != IsCjk(text[start]))
            {
                yield return (text[start..i], IsCjk(text[start]));
                start = i;
            }
        }
    }

    public static double Measure(XGraphics g, string text, Style style) =>
        Runs(text).Sum(r => g.MeasureString(r.Text, r.Cjk ? style.Cjk : style.Latin).Width);

    /// <summary>Draws a line of mixed Chinese and Latin text, each run in its own font, from a baseline point.</summary>
    public static void DrawMixed(XGraphics g, string text, Style style, XBrush brush, XPoint at)
    {
        var x = at.X;
        foreach (var (run, cjk) in Runs(text))
        {
            var font = cjk ? style.Cjk : style.Latin;
            g.DrawString(run, font, brush, new XPoint(x, at.Y));
            x += g.MeasureString(run, font).Width;
        }
    }

    private static void Draw(XGraphics g, double width, double height, Certificate c, Uri url)
    {
        var margin = 56.0;
        var ink = new XSolidBrush(XColor.FromArgb(0x1d, 0x1d, 0x1b));
        var muted = new XSolidBrush(XColor.FromArgb(0x50, 0x5a, 0x5f));
        var accent = XColor.FromArgb(0x8b, 0x1a, 0x1a);
        g.DrawRectangle(new XPen(accent, 2), margin - 20, margin - 20, width - 2 * (margin - 20), height - 2 * (margin - 20));

        var y = margin + 4;
        y = Centred(g, "职称证书", Font(26, bold: true), ink, width, y) + 4;
        y = Centred(g, "Professional Title Certificate", Font(17, bold: true), ink, width, y) + 4;
        y = Centred(g, $"{c.SeriesZh}系列 · {c.SeriesEn} series · 电子证书 Electronic certificate", Font(10), muted, width, y) + 18;

        if (c.Status == CertificateStatus.Revoked)
        {
            y = Centred(g, $"已撤销 REVOKED {c.RevokedOn:yyyy-MM-dd}", Font(16, bold: true), new XSolidBrush(accent), width, y) + 10;
        }

        var name = c.HolderChineseName is null ? c.HolderName : $"{c.HolderChineseName}  {c.HolderName}";
        var rows = new (string Zh, string En, string Value)[]
        {
            ("姓名", "Name", name),
            ("证件号码", "Identity document", c.IdentityDocumentMasked),
            ("职称级别", "Title level", $"{c.LevelNameZh}  {c.LevelNameEn}"),
            ("专业", "Specialty", $"{c.SpecialtyZh}  {c.SpecialtyEn}"),
            ("评审委员会", "Evaluation committee", $"{c.CommitteeZh}  {c.CommitteeEn}"),
            ("认定依据", "Recognised through", c.QualificationCode is null ? "—" : $"{c.QualificationZh}  {c.QualificationEn} ({c.QualificationCode})"),
            ("审批机关", "Approving body", $"{c.ApprovingBodyZh}  {c.ApprovingBodyEn}"),
            ("审批日期", "Approval date", $"{c.ApprovedOn.Year}年{c.ApprovedOn.Month}月{c.ApprovedOn.Day}日  {c.ApprovedOn.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}"),
            ("证书编号", "Certificate number", c.Number),
            ("验证码", "Verification code", c.VerificationCode),
        };
        var labelWidth = 150.0;
        var valueX = margin + labelWidth;
        var valueWidth = width - margin - valueX;
        var label = Font(10.5, bold: true);
        var labelEn = Font(8.5);
        var value = Font(11.5);
        foreach (var (zh, en, text) in rows)
        {
            DrawMixed(g, zh, label, ink, new XPoint(margin, y + 11));
            DrawMixed(g, en, labelEn, muted, new XPoint(margin, y + 24));
            var lines = Wrap(g, text, value, valueWidth);
            var ly = y;
            foreach (var line in lines)
            {
                DrawMixed(g, line, value, ink, new XPoint(valueX, ly + 12));
                ly += 16;
            }
            y = Math.Max(y + 32, ly + 10);
            g.DrawLine(new XPen(XColor.FromArgb(0xd0, 0xd4, 0xd6), 0.5), margin, y - 5, width - margin, y - 5);
        }

        // The QR code opens the verification page with the code filled in.
        var qrSize = 118.0;
        var qrY = Math.Max(y + 8, height - margin - 210);
        var png = new PngByteQRCode(new QRCodeGenerator().CreateQrCode(url.ToString(), QRCodeGenerator.ECCLevel.M)).GetGraphic(8, [0, 0, 0, 255], [255, 255, 255, 255]);
        using (var image = XImage.FromStream(new MemoryStream(png)))
        {
            g.DrawImage(image, width - margin - qrSize, qrY, qrSize, qrSize);
        }
        var textWidth = width - 2 * margin - qrSize - 16;
        var ty = qrY;
        foreach (var line in Wrap(g, "扫描二维码或访问以下地址，输入证书编号和验证码核验本证书：", Font(10), textWidth))
        {
            DrawMixed(g, line, Font(10), ink, new XPoint(margin, ty + 11));
            ty += 15;
        }
        foreach (var line in Wrap(g, "Scan the QR code or visit this address and enter the number and verification code to check this certificate:", Font(9), textWidth))
        {
            DrawMixed(g, line, Font(9), muted, new XPoint(margin, ty + 10));
            ty += 13;
        }
        foreach (var line in Wrap(g, url.ToString(), Font(9), textWidth))
        {
            DrawMixed(g, line, Font(9), ink, new XPoint(margin, ty + 11));
            ty += 13;
        }
        ty += 8;
        foreach (var line in Wrap(g, "本证书以职称证书登记簿的记载为准；打印件或转换件不是原件，请以在线核验结果为准。", Font(10, bold: true), textWidth))
        {
            DrawMixed(g, line, Font(10, bold: true), ink, new XPoint(margin, ty + 11));
            ty += 15;
        }
        foreach (var line in Wrap(g, "The register, not this copy, is authoritative: a printed or converted copy is not the original. Rely only on the result of the online check.", Font(9, bold: true), textWidth))
        {
            DrawMixed(g, line, Font(9, bold: true), ink, new XPoint(margin, ty + 10));
            ty += 13;
        }
    }

    private static double Centred(XGraphics g, string text, Style font, XBrush brush, double width, double y)
    {
        var w = Measure(g, text, font);
        var h = font.Size * 1.3;
        DrawMixed(g, text, font, brush, new XPoint((width - w) / 2, y + h * 0.8));
        return y + h;
    }

    /// <summary>
    /// Breaks a text into lines no wider than <paramref name="width"/>: between any two CJK characters, at spaces
    /// between Latin words, and inside a word only when the word alone is wider than a line (a URL). A CJK closing
    /// punctuation mark never starts a line (the basic rule of 禁则).
    /// </summary>
    public static IReadOnlyList<string> Wrap(XGraphics g, string text, Style font, double width)
    {
        var lines = new List<string>();
        var tokens = Tokens(text);
        var current = "";
        foreach (var token in tokens)
        {
            var candidate = current + token;
            if (current.Length == 0 || Measure(g, candidate.TrimEnd(), font) <= width || IsClosingPunctuation(token))
            {
                current = candidate;
                continue;
            }
            lines.Add(current.TrimEnd());
            current = token.TrimStart();
            // A single token wider than the line (a long URL) is cut by characters.
            while (Measure(g, current, font) > width && current.Length > 1)
            {
                var cut = current.Length - 1;
                while (cut > 1 && Measure(g, current[..cut], font) > width)
                {
                    cut--;
                }
                lines.Add(current[..cut]);
                current = current[cut..];
            }
        }
        if (current.Trim().Length > 0)
        {
            lines.Add(current.TrimEnd());
        }
        return lines;
    }

    private static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var word = new System.Text.StringBuilder();
        foreach (var ch in text)
        {
            if (IsCjk(ch))
            {
                if (word.Length > 0)
                {
                    tokens.Add(word.ToString());
                    word.Clear();
                }
                tokens.Add(ch.ToString());
            }
            else if (ch == ' ')
            {
                word.Append(ch);
                tokens.Add(word.ToString());
                word.Clear();
            }
            else
            {
                word.Append(ch);
            }
        }
        if (word.Length > 0)
        {
            tokens.Add(word.ToString());
        }
        return tokens;
    }

    private static bool IsCjk(char ch) => ch is >= '\u2E80' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\uFF00' and <= '\uFFEF';

    private static bool IsClosingPunctuation(string token) => token.Length == 1 && "，。、；：？！）」』》".Contains(token[0], StringComparison.Ordinal);
}

/// <summary>Gives PDFsharp the shipped fonts from the assembly's resources; installed once per process.</summary>
public sealed class EmbeddedFontResolver : IFontResolver
{
    public const string Family = "TitleBridge CJK";
    public const string LatinFamily = "TitleBridge Latin";
    private static readonly Lock Gate = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> Faces = new();

    public static void Install()
    {
        lock (Gate)
        {
            GlobalFontSettings.FontResolver ??= new EmbeddedFontResolver();
        }
    }

    // Droid Sans Fallback has one face: its bold is simulated. DejaVu Sans has a real bold.
    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        familyName == LatinFamily
            ? new FontResolverInfo(bold ? "DejaVuSans-Bold" : "DejaVuSans", false, italic)
            : new FontResolverInfo("DroidSansFallbackFull", bold, italic);

    public byte[]? GetFont(string faceName) => Faces.GetOrAdd(faceName, name =>
    {
        using var stream = typeof(EmbeddedFontResolver).Assembly.GetManifestResourceStream($"TitleBridge.Fonts.{name}.ttf")
            ?? throw new InvalidOperationException($"The font resource TitleBridge.Fonts.{name}.ttf is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });
}
