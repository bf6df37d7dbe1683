using System.Globalization;
using System.Text;
using MiniExcelLibs;
using Sylvan.Data.Csv;
using TitleBridge.Domain.Common;

namespace TitleBridge.Web.Features.Catalogue;

/// <summary>A table as read from a file: the header row and the data rows, every cell as text.</summary>
public sealed record RawTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>
/// Reads a catalogue file (CSV in UTF-8, RFC 4180; or XLSX with the same columns) into a raw table.
/// Only the file format is checked here; the columns and values are checked by the domain's
/// <c>CatalogueTable</c>. Row numbers count the header as row 1.
/// </summary>
public static class CatalogueFileReader
{
    public const long MaxBytes = 5 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Result<RawTable> Read(string fileName, byte[] content)
    {
        if (content.Length == 0)
        {
            return Result<RawTable>.Failure(new Problem("file.empty",
                new("The file is empty.", "文件为空。"), "file"));
        }
        if (content.Length > MaxBytes)
        {
            return Result<RawTable>.Failure(new Problem("file.too-large",
                new($"The file is larger than {MaxBytes / 1024 / 1024} MB.", $"文件超过 {MaxBytes / 1024 / 1024} MB。"), "file"));
        }
        var isZip = content.Length > 3 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension == ".xlsx" || isZip)
        {
            return isZip
                ? ReadXlsx(content)
                : Result<RawTable>.Failure(new Problem("file.not-xlsx",
                    new("The file is named .xlsx but is not an Excel workbook.", "文件扩展名为 .xlsx，但内容不是 Excel 工作簿。"), "file"));
        }
        if (extension is not (".csv" or ".txt" or ""))
        {
            return Result<RawTable>.Failure(new Problem("file.type",
                new("Upload a .csv (UTF-8) or .xlsx file.", "请上传 .csv（UTF-8 编码）或 .xlsx 文件。"), "file"));
        }
        return ReadCsv(content);
    }

    private static Result<RawTable> ReadCsv(byte[] content)
    {
        var span = content.AsSpan();
        if (span.StartsWith(Encoding.UTF8.Preamble))
        {
            span = span[3..];
        }

        // Find every line that is not valid UTF-8 (for example a file saved as GBK or Latin-1), so
        // the officer learns exactly which rows to fix.
        var problems = new List<Problem>();
        var line = 1;
        var start = 0;
        for (var i = 0; i <= span.Length; i++)
        {
            if (i == span.Length || span[i] == (byte)'\n')
            {
                try
                {
                    StrictUtf8.GetCharCount(span[start..i]);
                }
                catch (DecoderFallbackException)
                {
                    problems.Add(new Problem("file.encoding",
                        new($"Row {line} is not valid UTF-8 text. Save the file as CSV UTF-8 and upload it again.",
                            $"第 {line} 行不是有效的 UTF-8 文本。请将文件另存为“CSV UTF-8”格式后重新上传。"),
                        "file", line));
                }
                line++;
                start = i + 1;
            }
        }
        if (problems.Count > 0)
        {
            return Result<RawTable>.Failure(problems);
        }

        var text = StrictUtf8.GetString(span);
        using var reader = CsvDataReader.Create(new StringReader(text), new CsvDataReaderOptions { HasHeaders = false });
        var rows = new List<IReadOnlyList<string>>();
        while (reader.Read())
        {
            var cells = new string[reader.RowFieldCount];
            for (var c = 0; c < cells.Length; c++)
            {
                cells[c] = reader.GetString(c);
            }
            rows.Add(cells);
        }
        return ToTable(rows);
    }

    private static Result<RawTable> ReadXlsx(byte[] content)
    {
        List<IReadOnlyList<string>> rows;
        try
        {
            using var stream = new MemoryStream(content);
            rows = [];
            foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: false))
            {
                rows.Add(row.Values.Select(CellText).ToArray());
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException or System.Xml.XmlException or NotSupportedException or ArgumentException)
        {
            return Result<RawTable>.Failure(new Problem("file.not-xlsx",
                new("The file could not be read as an Excel workbook (.xlsx).", "无法将该文件作为 Excel 工作簿（.xlsx）读取。"), "file"));
        }
        // Excel pads rows with empty trailing cells up to the widest row; drop them.
        var trimmed = rows.Select(r =>
        {
            var last = r.Count;
            while (last > 0 && r[last - 1].Length == 0)
            {
                last--;
            }
            return (IReadOnlyList<string>)r.Take(last).ToArray();
        }).Where(r => r.Count > 0).ToList();
        return ToTable(trimmed);
    }

    private static string CellText(object? value) => value switch
    {
        null => "",
        string s => s,
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static Result<RawTable> ToTable(List<IReadOnlyList<string>> rows) =>
        rows.Count == 0
            ? Result<RawTable>.Failure(new Problem("file.empty", new("The file is empty.", "文件为空。"), "file"))
            : Result<RawTable>.Success(new RawTable(rows[0], rows.Skip(1).ToList()));
}
