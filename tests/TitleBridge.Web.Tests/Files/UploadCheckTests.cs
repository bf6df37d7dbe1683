using Microsoft.Extensions.Options;
using TitleBridge.Web.Infrastructure.Files;

namespace TitleBridge.Web.Tests.Files;

public sealed class UploadCheckTests
{
    private static readonly byte[] Pdf = [.. "%PDF-1.7\n%âãÏÓ\n"u8];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D];
    private static readonly byte[] Elf = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00];
    private static readonly byte[] WindowsExe = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00];
    private static readonly byte[] Html = [.. "<!DOCTYPE html><script>alert(1)</script>"u8];
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00];
    private static readonly byte[] Svg = [.. "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"u8];
    private static readonly byte[] Gif = [.. "GIF89a\x01\x00\x01\x00"u8];
    private static readonly byte[] PdfWithLeadingSpace = [.. " %PDF-1.7"u8];
    private static readonly byte[] TruncatedPng = [0x89, 0x50, 0x4E, 0x47];

    public static TheoryData<string, string, byte[], string?> Cases() => new()
    {
        // name, case, content, expected problem code (null: accepted)
        { "degree.pdf", "PDF", Pdf, null },
        { "DEGREE.PDF", "PDF, upper-case extension", Pdf, null },
        { "photo.jpg", "JPEG as .jpg", Jpeg, null },
        { "photo.jpeg", "JPEG as .jpeg", Jpeg, null },
        { "scan.png", "PNG", Png, null },
        { "证书扫描件.pdf", "Chinese file name", Pdf, null },
        { "degree.pdf", "ELF executable renamed .pdf", Elf, "upload.contentNotAllowed" },
        { "degree.pdf", "Windows executable renamed .pdf", WindowsExe, "upload.contentNotAllowed" },
        { "photo.jpg", "Windows executable renamed .jpg", WindowsExe, "upload.contentNotAllowed" },
        { "scan.png", "HTML renamed .png", Html, "upload.contentNotAllowed" },
        { "scan.png", "SVG renamed .png", Svg, "upload.contentNotAllowed" },
        { "degree.pdf", "ZIP (or DOCX) renamed .pdf", Zip, "upload.contentNotAllowed" },
        { "photo.gif", "GIF", Gif, "upload.contentNotAllowed" },
        { "degree.pdf", "PDF signature not at the start", PdfWithLeadingSpace, "upload.contentNotAllowed" },
        { "scan.png", "PNG signature cut short", TruncatedPng, "upload.contentNotAllowed" },
        { "degree.exe", "PDF named .exe", Pdf, "upload.extensionNotAllowed" },
        { "degree.pdf.exe", "PDF with a double extension", Pdf, "upload.extensionNotAllowed" },
        { "degree.html", "PDF named .html", Pdf, "upload.extensionNotAllowed" },
        { "degree", "PDF without an extension", Pdf, "upload.extensionNotAllowed" },
        { "photo.pdf", "JPEG named .pdf", Jpeg, "upload.extensionMismatch" },
        { "scan.jpg", "PNG named .jpg", Png, "upload.extensionMismatch" },
        { "degree.png", "PDF named .png", Pdf, "upload.extensionMismatch" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Check_ByContent(string fileName, string description, byte[] content, string? expectedCode)
    {
        using var stream = new MemoryStream(content);

        var result = await Check().CheckAsync(fileName, stream);

        Assert.True(expectedCode is null == result.Succeeded, description);
        if (expectedCode is not null)
        {
            var problem = Assert.Single(result.Problems);
            Assert.Equal(expectedCode, problem.Code);
            Assert.Equal("file", problem.Field);
            // Every refusal says what is allowed, in both languages.
            Assert.Contains("PDF, JPEG or PNG", problem.Message.En, StringComparison.Ordinal);
            Assert.Contains("PDF", problem.Message.Zh, StringComparison.Ordinal);
            Assert.Contains("请", problem.Message.Zh, StringComparison.Ordinal);
        }
        Assert.Equal(0, stream.Position);
    }

    [Theory]
    [InlineData("scan.png", "image/png")]
    [InlineData("degree.pdf", "application/pdf")]
    [InlineData("photo.jpg", "image/jpeg")]
    public void Accepted_ContentTypeComesFromTheContent(string fileName, string contentType)
    {
        var content = Path.GetExtension(fileName) switch { ".png" => Png, ".pdf" => Pdf, _ => Jpeg };

        var result = Check().Check(fileName, content.Length, content);

        Assert.Equal(contentType, UploadCheck.ContentType(result.Value));
    }

    [Fact]
    public void Check_Empty_IsRefused()
    {
        var result = Check().Check("degree.pdf", 0, []);

        Assert.Equal("upload.empty", Assert.Single(result.Problems).Code);
        Assert.Contains("empty", result.Problems[0].Message.En, StringComparison.Ordinal);
        Assert.Contains("空", result.Problems[0].Message.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_DefaultLimit_IsTenMegabytes()
    {
        var check = new UploadCheck(Options.Create(new UploadOptions()));

        Assert.True(check.Check("degree.pdf", 10 * 1024 * 1024, Pdf).Succeeded);
        var over = check.Check("degree.pdf", 10 * 1024 * 1024 + 1, Pdf);
        Assert.Equal("upload.tooLarge", Assert.Single(over.Problems).Code);
        Assert.Contains("10 MB", over.Problems[0].Message.En, StringComparison.Ordinal);
        Assert.Contains("10 MB", over.Problems[0].Message.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_OversizeStream_IsRefusedByTheConfiguredLimit()
    {
        using var stream = new MemoryStream([.. Pdf, .. new byte[2048]]);

        var result = await Check(maxBytes: 1024).CheckAsync("degree.pdf", stream);

        Assert.Equal("upload.tooLarge", Assert.Single(result.Problems).Code);
    }

    [Fact]
    public async Task Check_FormFile_ReadsTheContentNotTheDeclaredType()
    {
        using var stream = new MemoryStream(Html);
        var file = new Microsoft.AspNetCore.Http.FormFile(stream, 0, Html.Length, "file", "scan.png")
        {
            Headers = new Microsoft.AspNetCore.Http.HeaderDictionary(),
            ContentType = "image/png",
        };

        var result = await Check().CheckAsync(file);

        Assert.Equal("upload.contentNotAllowed", Assert.Single(result.Problems).Code);
    }

    private static UploadCheck Check(long maxBytes = 10 * 1024 * 1024) =>
        new(Options.Create(new UploadOptions { MaxBytes = maxBytes }));

}
