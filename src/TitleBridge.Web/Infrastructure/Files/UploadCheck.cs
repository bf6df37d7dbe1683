using Microsoft.Extensions.Options;
using TitleBridge.Domain.Common;

namespace TitleBridge.Web.Infrastructure.Files;

/// <summary>The kinds of document TitleBridge accepts, and the type it serves each one as.</summary>
public enum UploadKind
{
    Pdf,
    Jpeg,
    Png,
}

/// <summary>Settings under the "Uploads" section.</summary>
public sealed class UploadOptions
{
    public const string Section = "Uploads";

    /// <summary>Largest file accepted, in bytes (default 10 MB).</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// How old a stored file must be before <see cref="OrphanFileSweep"/> may remove it when no row names it
    /// (default 24 hours): far longer than any upload's transaction, so a file whose row is about to commit is never taken.
    /// </summary>
    public int OrphanGraceHours { get; set; } = 24;
}

/// <summary>
/// Decides whether an upload may be stored, by its content: the first bytes must be those of a PDF,
/// JPEG or PNG, and the file name's extension must say the same. The declared content type is not
/// consulted: the browser derives it from the extension, so it adds nothing an attacker cannot choose.
/// </summary>
public sealed class UploadCheck(IOptions<UploadOptions> options)
{
    public const string Field = "file";

    /// <summary>Bytes read from the start of a file; enough for the longest signature (PNG, 8 bytes).</summary>
    public const int HeadLength = 8;

    private static readonly (UploadKind Kind, byte[] Magic)[] Signatures =
    [
        (UploadKind.Pdf, "%PDF-"u8.ToArray()),
        (UploadKind.Jpeg, [0xFF, 0xD8, 0xFF]),
        (UploadKind.Png, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
    ];

    private static readonly Dictionary<string, UploadKind> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = UploadKind.Pdf,
        [".jpg"] = UploadKind.Jpeg,
        [".jpeg"] = UploadKind.Jpeg,
        [".png"] = UploadKind.Png,
    };

    private static readonly BilingualText Allowed = new(
        "Upload a PDF, JPEG or PNG file (.pdf, .jpg, .jpeg or .png)",
        "请上传 PDF、JPEG 或 PNG 格式的文件（.pdf、.jpg、.jpeg 或 .png）");

    public static string ContentType(UploadKind kind) => kind switch
    {
        UploadKind.Pdf => "application/pdf",
        UploadKind.Jpeg => "image/jpeg",
        UploadKind.Png => "image/png",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Checks a file from its name, its length and its first bytes (at least <see cref="HeadLength"/> when the file has that many).</summary>
    public Result<UploadKind> Check(string fileName, long length, ReadOnlySpan<byte> head)
    {
        var max = options.Value.MaxBytes;
        if (length <= 0)
        {
            return Fail("upload.empty", new($"The file is empty. {Allowed.En}.", $"文件是空的。{Allowed.Zh}。"));
        }
        if (length > max)
        {
            var mb = Megabytes(max);
            return Fail("upload.tooLarge", new($"The file is larger than {mb} MB. {Allowed.En}, of at most {mb} MB.",
                $"文件超过 {mb} MB。{Allowed.Zh}，大小不超过 {mb} MB。"));
        }
        UploadKind? content = null;
        foreach (var (kind, magic) in Signatures)
        {
            if (head.StartsWith(magic))
            {
                content = kind;
                break;
            }
        }
        if (content is null)
        {
            return Fail("upload.contentNotAllowed", new($"The file's content is not a PDF, JPEG or PNG, whatever its name says. {Allowed.En}.",
                $"无论文件名如何，该文件的内容都不是 PDF、JPEG 或 PNG。{Allowed.Zh}。"));
        }
        if (!Extensions.TryGetValue(Path.GetExtension(fileName), out var named))
        {
            return Fail("upload.extensionNotAllowed", new($"The file name must end in .pdf, .jpg, .jpeg or .png. {Allowed.En}.",
                $"文件名须以 .pdf、.jpg、.jpeg 或 .png 结尾。{Allowed.Zh}。"));
        }
        if (named != content)
        {
            return Fail("upload.extensionMismatch", new(
                $"The file is named as {Name(named).En} but its content is {Name(content.Value).En}. Rename it or save it again as {Name(named).En}. {Allowed.En}, with the extension that matches its content.",
                $"文件名表明是 {Name(named).Zh}，但内容是 {Name(content.Value).Zh}。请更正文件名，或重新另存为 {Name(named).Zh}。{Allowed.Zh}，且扩展名须与内容一致。"));
        }
        return Result<UploadKind>.Success(content.Value);
    }

    /// <summary>Checks an upload read from a stream that can seek (as ASP.NET Core's form files can); the stream is left at its start.</summary>
    public async Task<Result<UploadKind>> CheckAsync(string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        var head = new byte[HeadLength];
        var read = 0;
        content.Position = 0;
        while (read < head.Length && await content.ReadAsync(head.AsMemory(read), cancellationToken) is var n and > 0)
        {
            read += n;
        }
        content.Position = 0;
        return Check(fileName, content.Length, head.AsSpan(0, read));
    }

    public Task<Result<UploadKind>> CheckAsync(IFormFile file, CancellationToken cancellationToken = default)
    {
        var stream = file.OpenReadStream();
        return CheckAsync(file.FileName, stream, cancellationToken);
    }

    private static BilingualText Name(UploadKind kind) => kind switch
    {
        UploadKind.Pdf => new("a PDF", "PDF"),
        UploadKind.Jpeg => new("a JPEG image", "JPEG 图片"),
        UploadKind.Png => new("a PNG image", "PNG 图片"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static string Megabytes(long bytes) => (bytes / (1024d * 1024d)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    private static Result<UploadKind> Fail(string code, BilingualText message) =>
        Result<UploadKind>.Failure(new Problem(code, message, Field));
}
