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

/// <summary>What a kind of event is called on the administrators' audit page, in both languages.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AuditNameAttribute(string en, string zh) : Attribute
{
    public Domain.Common.BilingualText Name { get; } = new(en, zh);
}

/// <summary>The one subject format: <c>kind:id</c>.</summary>
public static class Subjects
{
    public static string User(string id) => $"user:{id}";
    public static string Application(Guid id) => $"application:{id}";
    public static string DataRequest(Guid id) => $"data-request:{id}";
    public static string PrivacyNotice(string version) => $"privacy-notice:{version}";
    public static string Employer(Guid id) => $"employer:{id}";
    public static string Cycle(int year) => $"cycle:{year}";
    public static string Edition(string id) => $"edition:{id}";
    public static string RuleSet(string id, string version) => $"rule-set:{id}@{version}";
    public const string Calendar = "calendar:working-days";
    public static string Committee(Guid id) => $"committee:{id}";
    public static string Meeting(Guid id) => $"meeting:{id}";
    public static string Expert(Guid id) => $"expert:{id}";
    public static string SupervisionSample(Guid id) => $"supervision:{id}";
    public static string CredentialKey(string keyId) => $"credential-key:{keyId}";
    public static string Certificate(string number) => $"certificate:{number}";
    public static string Email(Guid id) => $"email:{id}";
}

/// <summary>The acting account when nobody signed in acts: background sweeps.</summary>
public static class Actors
{
    public const string System = "system";

    /// <summary>Someone not signed in: a public objection, a failed sign-in.</summary>
    public const string Anonymous = "anonymous";
}

[AuditName("Consent to the privacy notice", "同意隐私声明")]
[AuditDoc("A person consented to a version of the privacy notice (policy.md §6), at registration or when asked again at sign-in.")]
public sealed record ConsentGiven(string UserId, string Version, string Occasion) : AuditRecord
{
    public override string Subject => Subjects.User(UserId);
}

[AuditName("Privacy notice published", "发布隐私声明")]
[AuditDoc("An administrator published a new version of the privacy notice.")]
public sealed record PrivacyNoticePublished(string Version, DateOnly EffectiveFrom) : AuditRecord
{
    public override string Subject => Subjects.PrivacyNotice(Version);
}

[AuditName("Personal data request made", "提出个人信息请求")]
[AuditDoc("A person asked for a correction of their personal information (PIPL Art. 46); the office answers it.")]
public sealed record DataRequestMade(Guid RequestId, string Kind) : AuditRecord
{
    public override string Subject => Subjects.DataRequest(RequestId);
}

[AuditName("Personal data request answered", "答复个人信息请求")]
[AuditDoc("A request about personal information was answered: fulfilled, or refused with its reason (PIPL Art. 50); a refused deletion carries the retention date.")]
public sealed record DataRequestAnswered(Guid RequestId, string Kind, string Status, DateOnly? RetainedUntil) : AuditRecord
{
    public override string Subject => Subjects.DataRequest(RequestId);
}

[AuditName("Account deleted", "删除账户")]
[AuditDoc("An account with nothing submitted was deleted at once with its drafts, documents, consents and emails (PIPL Art. 47). The subject is the request, which stays.")]
public sealed record AccountDeleted(Guid RequestId, int Applications, int Documents) : AuditRecord
{
    public override string Subject => Subjects.DataRequest(RequestId);
}

[AuditName("File anonymised", "申报档案匿名化")]
[AuditDoc("The retention sweep anonymised a file retentionYears after its final decision: names, identity numbers, contacts and documents removed, and what others wrote about the person (opinions, objections, notes; docs/decisions/0040-what-anonymisation-removes.md).")]
public sealed record FileAnonymised(Guid ApplicationId, DateOnly DecidedOn, int RetentionYears, int Documents, bool PersonRemoved) : AuditRecord
{
    public override string Subject => Subjects.Application(ApplicationId);
}

// ---- Accounts ----

[AuditName("Account registered", "注册账户")]
[AuditDoc("An account was registered (applicant or employer). The actor is the new account itself.")]
public sealed record AccountRegistered(string UserId, string Role) : AuditRecord
{
    public override string Subject => Subjects.User(UserId);
}

[AuditName("Password set", "设置密码")]
[AuditDoc("An account's password was set from an invitation's link (Identity's reset token). The actor is the account itself.")]
public sealed record PasswordSet(string UserId) : AuditRecord
{
    public override string Subject => Subjects.User(UserId);
}

[AuditName("Two-step sign-in changed", "更改两步登录")]
[AuditDoc("An account turned its two-factor sign-in (authenticator app) on or off; turning it off also resets the key.")]
public sealed record TwoFactorChanged(string UserId, bool Enabled) : AuditRecord
{
    public override string Subject => Subjects.User(UserId);
}

[AuditName("Sign-in failed", "登录失败")]
[AuditDoc("A sign-in with a wrong password or code. The subject is the account tried, or `user:unknown` for an address without one (the address itself is never kept).")]
public sealed record SignInFailed(string? UserId) : AuditRecord
{
    public override string Subject => Subjects.User(UserId ?? "unknown");
}

[AuditName("Account locked", "账户锁定")]
[AuditDoc("An account was locked after too many failed sign-ins, until the time given.")]
public sealed record AccountLockedOut(string UserId, DateTimeOffset? Until) : AuditRecord
{
    public override string Subject => Subjects.User(UserId);
}

[AuditName("Profile saved", "保存个人资料")]
[AuditDoc("An applicant saved their profile. The identity number is masked to its last two characters; names and phone are not kept in the log.")]
public sealed record ProfileSaved(string UserId, string DocumentType, string DocumentNumber, string? DocumentCountry) : AuditRecord
{
    public override string Subject => Subjects.User(UserId);
}

// ---- Applications and their documents ----

[AuditName("Application started", "开始申报")]
[AuditDoc("An applicant started a draft application for a cycle.")]
public sealed record ApplicationStarted(Guid ApplicationId, int CycleYear) : AuditRecord
{
    public override string Subject => Subjects.Application(ApplicationId);
}

[AuditName("Application section saved", "保存申报内容")]
[AuditDoc("An applicant saved a section of their application (a draft, or a correction after a correction notice).")]
public sealed record ApplicationSectionSaved(Guid ApplicationId, string Section) : AuditRecord
{
    public override string Subject => Subjects.Application(ApplicationId);
}

[AuditName("Application status changed", "申报状态变更")]
[AuditDoc("The application moved along its workflow (policy.md §5; the trigger is a row of `ApplicationWorkflow`): from one state to another, by whom in which role.")]
public sealed record ApplicationStateChanged(Guid ApplicationId, string? Reference, string Trigger, string Role, string From, string To) : AuditRecord
{
    public override string Subject => Subjects.Application(ApplicationId);
}

[AuditName("Document uploaded", "上传材料")]
[AuditDoc("A document was uploaded to an application (its hash is the file's SHA-256).")]
public sealed record DocumentUploaded(Guid ApplicationId, Guid DocumentId, string Part, long Size, string Sha256) : AuditRecord
{
    public override string Subject => Subjects.Application(ApplicationId);
}

[AuditName("Document removed", "删除材料")]
[AuditDoc("An applicant removed a document from their draft or correction.")]
public sealed record DocumentRemoved(Guid ApplicationId, Guid DocumentId, string Part) : AuditRecord
{
    public override string Subject => Subjects.Application(ApplicationId);
}

[AuditName("Document downloaded", "下载材料")]
[AuditDoc("Someone other than the applicant (an officer, the employer or an assigned expert) downloaded a document of the application.")]
public sealed record DocumentDownloaded(Guid ApplicationId, Guid DocumentId, string Role) : AuditRecord
{
    public override string Subject => Subjects.Application(ApplicationId);
}

// ---- Employers ----

[AuditName("Employment confirmed", "确认任职")]
[AuditDoc("The employer confirmed the applicant's employment and field (policy.md §5.2).")]
public sealed record EmploymentConfirmed(Guid ApplicationId, string? Specialty) : AuditRecord
{
    public override string Subject => Subjects.Application(ApplicationId);
}

[AuditName("Objection in the employer's publicity recorded", "记录评前公示异议")]
[AuditDoc("The employer recorded an objection received during its internal publicity (policy.md §5.2); the summary stays in the file, not in the log.")]
public sealed record PublicityObjectionRecorded(Guid ApplicationId, DateOnly ReceivedOn) : AuditRecord
{
    public override string Subject => Subjects.Application(ApplicationId);
}

[AuditName("Employer approved", "审核通过用人单位")]
[AuditDoc("An officer approved an employer organisation's registration.")]
public sealed record EmployerApproved(Guid EmployerId, string CreditCode) : AuditRecord
{
    public override string Subject => Subjects.Employer(EmployerId);
}

[AuditName("Employer not approved", "用人单位审核不通过")]
[AuditDoc("An officer rejected an employer organisation's registration; the reason is the event's reason.")]
public sealed record EmployerRejected(Guid EmployerId, string CreditCode) : AuditRecord
{
    public override string Subject => Subjects.Employer(EmployerId);
}

// ---- Settings: catalogue, cycles, rule sets, calendar, keys ----

[AuditName("Catalogue edition imported", "导入目录版本")]
[AuditDoc("An officer imported a draft edition of the talent catalogue.")]
public sealed record CatalogueEditionImported(string EditionId, string File, int Entries) : AuditRecord
{
    public override string Subject => Subjects.Edition(EditionId);
}

[AuditName("Catalogue edition published", "发布目录版本")]
[AuditDoc("An officer published a catalogue edition; a totals mismatch needs the reason given as the event's reason.")]
public sealed record CatalogueEditionPublished(string EditionId, DateOnly EffectiveFrom, string? Previous, int TotalsMismatches) : AuditRecord
{
    public override string Subject => Subjects.Edition(EditionId);
}

/// <summary>The settings of a cycle, as <see cref="CycleOpened"/> and <see cref="CycleChanged"/> record them.</summary>
public sealed record CycleSettings(DateOnly OpensOn, DateOnly ClosesOn, DateOnly CountUntil, IReadOnlyList<string> Levels, IReadOnlyList<string> Specialties);

[AuditName("Evaluation cycle opened", "开设评审年度")]
[AuditDoc("An officer opened an evaluation cycle with its dates, levels and specialties.")]
public sealed record CycleOpened(int Year, CycleSettings Settings) : AuditRecord
{
    public override string Subject => Subjects.Cycle(Year);
}

[AuditName("Evaluation cycle changed", "修改评审年度")]
[AuditDoc("An officer changed an evaluation cycle: its settings before and after.")]
public sealed record CycleChanged(int Year, CycleSettings Before, CycleSettings After) : AuditRecord
{
    public override string Subject => Subjects.Cycle(Year);
}

[AuditName("Rule set loaded", "载入规则集")]
[AuditDoc("An officer loaded a new version of the eligibility rule set.")]
public sealed record RuleSetLoaded(string RuleSetId, string Version, DateOnly EffectiveFrom) : AuditRecord
{
    public override string Subject => Subjects.RuleSet(RuleSetId, Version);
}

[AuditName("Working-day calendar changed", "修改工作日历")]
[AuditDoc("An officer replaced the working-day calendar (holidays and make-up working days) for the years listed.")]
public sealed record CalendarChanged(int[] Years) : AuditRecord
{
    public override string Subject => Subjects.Calendar;
}

[AuditName("Signing key rotated", "更换签名密钥")]
[AuditDoc("An administrator rotated the credential signing key; older keys stay published for verification.")]
public sealed record CredentialKeyRotated(string KeyId) : AuditRecord
{
    public override string Subject => Subjects.CredentialKey(KeyId);
}

// ---- Expert review ----

[AuditName("Expert added to the pool", "专家入库")]
[AuditDoc("An officer added an expert to the pool (an account is made and invited).")]
public sealed record ExpertAdded(Guid ExpertId, string TitleHeld, IReadOnlyList<string> Specialties, DateOnly TermFrom, DateOnly TermTo) : AuditRecord
{
    public override string Subject => Subjects.Expert(ExpertId);
}

[AuditName("Expert's details corrected", "更正专家信息")]
[AuditDoc("An expert corrected their own profile: the fields that changed (their values stay in the pool, not in the log).")]
public sealed record ExpertProfileCorrected(Guid ExpertId, IReadOnlyList<string> Changed) : AuditRecord
{
    public override string Subject => Subjects.Expert(ExpertId);
}

[AuditName("Committee drawn", "抽取评审委员会")]
[AuditDoc("An officer drew a review committee from the pool with a recorded seed (policy.md §5.4).")]
public sealed record CommitteeDrawn(Guid CommitteeId, long Seed, int Size, IReadOnlyList<string> Members, IReadOnlyList<string> Uncovered) : AuditRecord
{
    public override string Subject => Subjects.Committee(CommitteeId);
}

[AuditName("Committee member replaced", "替换评审委员")]
[AuditDoc("An officer replaced a committee member; the reason is the event's reason.")]
public sealed record CommitteeMemberReplaced(Guid CommitteeId, Guid OutExpert, Guid InExpert) : AuditRecord
{
    public override string Subject => Subjects.Committee(CommitteeId);
}

[AuditName("Review groups proposed", "提出评议组分配方案")]
[AuditDoc("An officer had the solver propose review groups for the committee's files.")]
public sealed record ReviewGroupsProposed(Guid CommitteeId, long Objective, int Files) : AuditRecord
{
    public override string Subject => Subjects.Committee(CommitteeId);
}

[AuditName("Review group changed", "调整评议组")]
[AuditDoc("An officer swapped one expert of a file's review group for another; the reason is the event's reason.")]
public sealed record ReviewGroupSwapped(Guid ApplicationId, Guid CommitteeId, Guid OutExpert, Guid InExpert) : AuditRecord
{
    public override string Subject => Subjects.Application(ApplicationId);
}

[AuditName("Review groups confirmed", "确认评议组")]
[AuditDoc("An officer confirmed the review groups; the experts are told and the review is due on the date given.")]
public sealed record ReviewGroupsConfirmed(Guid CommitteeId, long Objective, DateOnly DueOn, int Files) : AuditRecord
{
    public override string Subject => Subjects.Committee(CommitteeId);
}

[AuditName("Conflict of interest declared", "申报回避")]
[AuditDoc("An expert declared a conflict of interest with a file (policy.md §5.4 recusal); the note is the event's reason.")]
public sealed record ConflictDeclared(Guid ApplicationId, Guid ExpertId, string Relationship) : AuditRecord
{
    public override string Subject => Subjects.Application(ApplicationId);
}

[AuditName("Conflict of interest added", "增加回避")]
[AuditDoc("An officer added a conflict between an expert and a file; the note is the event's reason.")]
public sealed record ConflictAdded(Guid ApplicationId, Guid ExpertId, string Kind) : AuditRecord
{
    public override string Subject => Subjects.Application(ApplicationId);
}

[AuditName("Conflict of interest lifted", "解除回避")]
[AuditDoc("An officer lifted a recorded conflict; the reason is the event's reason.")]
public sealed record ConflictLifted(Guid ApplicationId, Guid ExpertId, string Kind) : AuditRecord
{
    public override string Subject => Subjects.Application(ApplicationId);
}

[AuditName("Review opinion saved", "保存评审意见")]
[AuditDoc("An expert saved a draft of their review opinion (the text stays with the opinion).")]
public sealed record ReviewOpinionSaved(Guid ApplicationId, Guid ExpertId) : AuditRecord
{
    public override string Subject => Subjects.Application(ApplicationId);
}

[AuditName("Review opinion submitted", "提交评审意见")]
[AuditDoc("An expert submitted their review opinion of a file.")]
public sealed record ReviewOpinionSubmitted(Guid ApplicationId, Guid ExpertId) : AuditRecord
{
    public override string Subject => Subjects.Application(ApplicationId);
}

[AuditName("Meeting scheduled", "安排评审会议")]
[AuditDoc("An officer scheduled a plenary meeting of a committee with its agenda.")]
public sealed record MeetingScheduled(Guid MeetingId, Guid CommitteeId, DateOnly Date, IReadOnlyList<string?> Agenda) : AuditRecord
{
    public override string Subject => Subjects.Meeting(MeetingId);
}

[AuditName("Meeting attendance recorded", "记录会议出席")]
[AuditDoc("An officer recorded the members present at a meeting (counts only).")]
public sealed record MeetingAttendanceRecorded(Guid MeetingId, int Present, int Members) : AuditRecord
{
    public override string Subject => Subjects.Meeting(MeetingId);
}

[AuditName("Ballot opened", "开始投票")]
[AuditDoc("An officer opened the anonymous ballot on a file (decision 0020: no event per vote; counts only).")]
public sealed record BallotOpened(Guid ApplicationId, Guid MeetingId, int PresentForItem, int Recused) : AuditRecord
{
    public override string Subject => Subjects.Application(ApplicationId);
}

// ---- Results ----

[AuditName("Objection to a result received", "收到评后公示异议")]
[AuditDoc("Someone (signed in or not) lodged an objection to a published result (policy.md §5.5).")]
public sealed record ResultObjectionReceived(Guid ApplicationId, Guid ObjectionId) : AuditRecord
{
    public override string Subject => Subjects.Application(ApplicationId);
}

[AuditName("Objection to a result dismissed", "驳回评后公示异议")]
[AuditDoc("An officer dismissed an objection to a published result; the findings are the event's reason.")]
public sealed record ResultObjectionDismissed(Guid ApplicationId, Guid ObjectionId) : AuditRecord
{
    public override string Subject => Subjects.Application(ApplicationId);
}

[AuditName("Supervision sample drawn", "抽取监督复核样本")]
[AuditDoc("An officer drew the supervision sample of a cycle with a recorded seed (policy.md §5.8).")]
public sealed record SupervisionSampleDrawn(Guid SampleId, int Seed, int Population, int Sampled) : AuditRecord
{
    public override string Subject => Subjects.SupervisionSample(SampleId);
}

[AuditName("Supervision outcome recorded", "记录监督复核结果")]
[AuditDoc("An officer recorded the outcome of a sampled file's supervision review.")]
public sealed record SupervisionOutcomeRecorded(Guid ApplicationId, string Outcome) : AuditRecord
{
    public override string Subject => Subjects.Application(ApplicationId);
}

// ---- Emails ----

[AuditName("Held email sent again", "待处理邮件重新发送")]
[AuditDoc("An administrator sent a held email again (/admin/emails): one handed to the mail server without an answer (`uncertain`) whose acceptance the server's log does not show, or one the sender gave up on (`gave-up`).")]
public sealed record HeldEmailSentAgain(Guid EmailId, string Held) : AuditRecord
{
    public override string Subject => Subjects.Email(EmailId);
}

[AuditName("Held email marked delivered", "待处理邮件标记为已送达")]
[AuditDoc("An administrator recorded a held email as delivered (/admin/emails): the mail server's log shows it accepted the email, so it is not sent a second time.")]
public sealed record HeldEmailMarkedDelivered(Guid EmailId) : AuditRecord
{
    public override string Subject => Subjects.Email(EmailId);
}

/// <summary>
/// The one writer: adds the event to the same unit of work as the change it records, so both commit or neither.
/// The actor is the signed-in account's id of the request being served (<see cref="Actors.Anonymous"/> when nobody
/// is signed in, <see cref="Actors.System"/> outside a request), so no handler passes a name or an email by mistake.
/// </summary>
public sealed class AuditWriter(AppDbContext db, TimeProvider time, IHttpContextAccessor http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
        // The subject has its own column; [JsonIgnore] on the abstract property does not reach the overrides.
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                info =>
                {
                    if (typeof(AuditRecord).IsAssignableFrom(info.Type) && info.Properties.FirstOrDefault(p => p.Name == "subject") is { } subject)
                    {
                        info.Properties.Remove(subject);
                    }
                },
            },
        },
    };

    /// <summary>The acting account of the current request.</summary>
    public string Actor => http.HttpContext is not { } context ? Actors.System
        : context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? Actors.Anonymous;

    public AuditEvent Add(AuditRecord record, string? reason = null) => Add(db, time.GetUtcNow(), Actor, record, reason);

    /// <param name="actor">The acting user's account id, or <see cref="Actors.System"/>: for acts before a sign-in (registration).</param>
    public AuditEvent Add(string actor, AuditRecord record, string? reason = null) => Add(db, time.GetUtcNow(), actor, record, reason);

    public static AuditEvent Add(AppDbContext db, DateTimeOffset at, string actor, AuditRecord record, string? reason = null)
    {
        var e = new AuditEvent { At = at, Actor = actor, Type = record.GetType().Name, Subject = record.Subject, Reason = reason, Data = JsonSerializer.Serialize(record, record.GetType(), Json) };
        db.AuditEvents.Add(e);
        return e;
    }

    /// <summary>An identity number as the audit log keeps it: its last two characters (policy.md §6: the log is never rewritten).</summary>
    public static string Mask(string? number) => string.IsNullOrEmpty(number) ? "" : new string('*', Math.Max(0, number.Length - 2)) + number[Math.Max(0, number.Length - 2)..];
}

/// <summary>Every kind of audit event, and docs/audit-events.md made from them.</summary>
public static class AuditCatalogue
{
    public static IReadOnlyList<Type> Types { get; } = typeof(AuditRecord).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(AuditRecord)) && !t.IsAbstract).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();

    private static readonly Dictionary<string, Domain.Common.BilingualText> Names = Types.ToDictionary(t => t.Name,
        t => t.GetCustomAttribute<AuditNameAttribute>()?.Name ?? new(t.Name, t.Name), StringComparer.Ordinal);

    /// <summary>The name of a kind of event as a person reads it; an unknown stored type is shown as stored.</summary>
    public static Domain.Common.BilingualText NameOf(string type) => Names.TryGetValue(type, out var name) ? name : new(type, type);

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
            md.Append("Shown as: ").Append(NameOf(t.Name).En).Append(" / ").Append(NameOf(t.Name).Zh).Append("\n\n");
            md.Append(t.GetCustomAttribute<AuditDocAttribute>()?.Description ?? "(no description)").Append("\n\n");
            md.Append("| field | type |\n|---|---|\n");
            foreach (var p in t.GetConstructors()[0].GetParameters())
            {
                md.Append("| `").Append(JsonNamingPolicy.CamelCase.ConvertName(p.Name!)).Append("` | ").Append(TypeName(p.ParameterType)).Append(" |\n");
            }
            md.Append('\n');
        }
        return md.ToString();
    }

    private static string TypeName(Type t)
    {
        if (Nullable.GetUnderlyingType(t) is { } inner)
        {
            return TypeName(inner) + "?";
        }
        if (t.IsArray)
        {
            return TypeName(t.GetElementType()!) + "[]";
        }
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            return TypeName(t.GetGenericArguments()[0]) + "[]";
        }
        if (t.Assembly == typeof(AuditRecord).Assembly)
        {
            // A small value record of the event: its fields inline.
            return "{ " + string.Join(", ", t.GetConstructors()[0].GetParameters()
                .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name!) + ": " + TypeName(p.ParameterType))) + " }";
        }
        return t.Name switch
        {
            "String" => "string",
            "Int32" => "int",
            "Int64" => "long",
            "Boolean" => "bool",
            _ => t.Name,
        };
    }
}
