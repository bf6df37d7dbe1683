using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using TitleBridge.Web.Data;

namespace TitleBridge.Web.Infrastructure.Audit;

/// <summary>
/// One small record type per kind of change (after DFE-Digital/teaching-record-system): its name is the stored
/// <see cref="AuditEvent.Type"/>, its fields the stored data, <see cref="Subject"/> what it is about in the one
/// subject format of <see cref="Subjects"/>. docs/audit-events.md is generated from these types (a test fails on drift).
/// </summary>
public abstract record AuditRecord
{
    [JsonIgnore]
    public abstract string Subject { get; }
}

/// <summary>What a kind of event records, for docs/audit-events.md.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AuditDocAttribute(string description) : Attribute
{
    public string Description { get; } = description;
}

/// <summary>The one subject format: <c>kind:id</c>.</summary>
public static class Subjects
{
    public static string User(string id) => $"user:{id}";
    public static string Application(Guid id) => $"application:{id}";
    public static string DataRequest(Guid id) => $"data-request:{id}";
    public static string PrivacyNotice(string version) => $"privacy-notice:{version}";
}

/// <summary>The acting account when nobody signed in acts: background sweeps.</summary>
public static class Actors
{
    public const string System = "system";
}

[AuditDoc("A person consented to a version of the privacy notice (policy.md §6), at registration or when asked again at sign-in.")]
public sealed record ConsentGiven(string UserId, string Version, string Occasion) : AuditRecord
{
    public override string Subject => Subjects.User(UserId);
}

[AuditDoc("An administrator published a new version of the privacy notice.")]
public sealed record PrivacyNoticePublished(string Version, DateOnly EffectiveFrom) : AuditRecord
{
    public override string Subject => Subjects.PrivacyNotice(Version);
}

[AuditDoc("A person asked for a correction of their personal information (PIPL Art. 46); the office answers it.")]
public sealed record DataRequestMade(Guid RequestId, string Kind) : AuditRecord
{
    public override string Subject => Subjects.DataRequest(RequestId);
}

[AuditDoc("A request about personal information was answered: fulfilled, or refused with its reason (PIPL Art. 50); a refused deletion carries the retention date.")]
public sealed record DataRequestAnswered(Guid RequestId, string Kind, string Status, DateOnly? RetainedUntil) : AuditRecord
{
    public override string Subject => Subjects.DataRequest(RequestId);
}

[AuditDoc("An account with nothing submitted was deleted at once with its drafts, documents, consents and emails (PIPL Art. 47). The subject is the request, which stays.")]
public sealed record AccountDeleted(Guid RequestId, int Applications, int Documents) : AuditRecord
{
    public override string Subject => Subjects.DataRequest(RequestId);
}

[AuditDoc("The retention sweep anonymised a file retentionYears after its final decision: names, identity numbers, contacts and documents removed (policy.md §6).")]
public sealed record FileAnonymised(Guid ApplicationId, DateOnly DecidedOn, int RetentionYears, int Documents, bool PersonRemoved) : AuditRecord
{
    public override string Subject => Subjects.Application(ApplicationId);
}

/// <summary>The one writer: adds the event to the same unit of work as the change it records, so both commit or neither.</summary>
public sealed class AuditWriter(AppDbContext db, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <param name="actor">The acting user's account id, or <see cref="Actors.System"/>.</param>
    public AuditEvent Add(string actor, AuditRecord record, string? reason = null) => Add(db, time.GetUtcNow(), actor, record, reason);

    public static AuditEvent Add(AppDbContext db, DateTimeOffset at, string actor, AuditRecord record, string? reason = null)
    {
        var e = new AuditEvent { At = at, Actor = actor, Type = record.GetType().Name, Subject = record.Subject, Reason = reason, Data = JsonSerializer.Serialize(record, record.GetType(), Json) };
        db.AuditEvents.Add(e);
        return e;
    }
}

/// <summary>Every kind of audit event, and docs/audit-events.md made from them.</summary>
public static class AuditCatalogue
{
    public static IReadOnlyList<Type> Types { get; } = typeof(AuditRecord).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(AuditRecord)) && !t.IsAbstract).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Kinds still written by hand as plain <see cref="AuditEvent"/> rows, before their handlers move to the writer
    /// (issue #9 step 6; listed so the document is complete).
    /// </summary>
    public static readonly IReadOnlyList<(string Type, string Where)> NotYetTyped =
    [
        ("CalendarChanged", "Features/Calendar/WorkingCalendar.cs"),
        ("CatalogueEditionImported / CatalogueEditionPublished", "Features/Catalogue/CatalogueImporter.cs"),
        ("CycleOpened / CycleChanged", "Features/Cycles/SaveCycle.cs"),
        ("EmployerApproved / EmployerRejected", "Features/Employers/DecideEmployer.cs"),
        ("RuleSetLoaded", "Features/Eligibility/RuleSetStore.cs"),
        ("Application{Trigger} (one per workflow trigger)", "Features/Applications/ApplicationTransitions.cs"),
    ];

    public static string Markdown()
    {
        var md = new StringBuilder();
        md.Append("# Audit events\n\n");
        md.Append("Generated from `src/TitleBridge.Web/Infrastructure/Audit/AuditEvents.cs` by `AuditCatalogue.Markdown()`; ");
        md.Append("`AuditEventsDocTests` fails when this file and the code differ (run it with `UPDATE_AUDIT_DOC=1` to rewrite it).\n\n");
        md.Append("Every event is one row of the hash-chained audit log (docs/decisions/0009-audit-chain.md): `type` is the record's name, ");
        md.Append("`subject` is `kind:id`, `actor` the acting user's account id (or `system`), `data` the fields below as JSON (camelCase).\n\n");
        foreach (var t in Types)
        {
            md.Append("## ").Append(t.Name).Append("\n\n");
            md.Append(t.GetCustomAttribute<AuditDocAttribute>()?.Description ?? "(no description)").Append("\n\n");
            md.Append("| field | type |\n|---|---|\n");
            foreach (var p in t.GetConstructors()[0].GetParameters())
            {
                md.Append("| `").Append(JsonNamingPolicy.CamelCase.ConvertName(p.Name!)).Append("` | ").Append(TypeName(p.ParameterType)).Append(" |\n");
            }
            md.Append('\n');
        }
        md.Append("## Not yet typed\n\nThese kinds are still written as plain rows; their handlers move to `AuditWriter` next:\n\n");
        foreach (var (type, where) in NotYetTyped)
        {
            md.Append("- ").Append(type).Append(" — `").Append(where).Append("`\n");
        }
        return md.ToString();
    }

    private static string TypeName(Type t) => Nullable.GetUnderlyingType(t) is { } inner ? TypeName(inner) + "?" : t.Name switch
    {
        "String" => "string",
        "Int32" => "int",
        "Boolean" => "bool",
        _ => t.Name,
    };
}
