using System.Text.Json;

namespace TitleBridge.Web.Infrastructure.Problems;

/// <summary>
/// The input limits as data (<c>data/limits.json</c>, decision record 0010): items per list, characters per
/// string, the plausible range of dates, the parts of an email address (RFC 5321) and the request body
/// size per API endpoint. Fields are named by their JSON path without indexes.
/// </summary>
public sealed class InputLimits(LimitsFile file, TimeProvider time)
{
    public int ListItems(string pattern) => file.Lists.TryGetValue(pattern, out var l) ? l.Max : file.Defaults.ListItems;

    public int StringLength(string pattern) => file.Strings.TryGetValue(Last(pattern), out var s) ? s.Max
        : file.Strings.TryGetValue(pattern, out var exact) ? exact.Max
        : file.Defaults.StringLength;

    public (DateOnly Earliest, DateOnly Latest) DateRange(string pattern) =>
        (file.Dates.Earliest, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddYears(file.Dates.YearsAhead));

    public int EmailLocalPart => file.EmailParts.LocalPart;
    public int EmailDomain => file.EmailParts.Domain;
    public int Email => StringLength("email");

    /// <summary>The body limit of an endpoint by its name (WithName), or the default.</summary>
    public long RequestBodyBytes(string? endpointName) =>
        endpointName is not null && file.RequestBodies.TryGetValue(endpointName, out var b) ? b.Bytes : file.RequestBodies["default"].Bytes;

    /// <summary>A string limit is found by the field's own name (email, reason) wherever it appears, or by its whole path.</summary>
    private static string Last(string pattern) => pattern[(pattern.LastIndexOf('.') + 1)..];

    public static LimitsFile Load(string path) =>
        JsonSerializer.Deserialize<LimitsFile>(File.ReadAllText(path), new JsonSerializerOptions(JsonSerializerDefaults.Web))
        ?? throw new InvalidDataException($"{path} is empty.");
}

public sealed record LimitsFile(
    LimitDefaults Defaults,
    Dictionary<string, CountLimit> Lists,
    Dictionary<string, CountLimit> Strings,
    DateLimits Dates,
    EmailPartLimits EmailParts,
    Dictionary<string, BodyLimit> RequestBodies);

public sealed record LimitDefaults(int ListItems, int StringLength);

public sealed record CountLimit(int Max, string Why);

public sealed record DateLimits(DateOnly Earliest, int YearsAhead, string Why);

public sealed record EmailPartLimits(int LocalPart, int Domain, string Why);

public sealed record BodyLimit(long Bytes, string Why);
