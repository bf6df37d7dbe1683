using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;
using TitleBridge.Domain.Eligibility;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Catalogue;
using TitleBridge.Web.Features.Eligibility;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Features.Applications;

/// <summary>
/// Submission (policy.md §5.1): only while the cycle's window is open, with every section complete and
/// the declaration of authenticity made. The eligibility engine runs with the cycle's rule set and
/// counting date and its whole result is stored; a level the rules do not support needs the
/// applicant's explicit acknowledgement. A second submission of the same application answers with
/// the same reference (idempotent).
/// </summary>
public sealed class SubmitApplication(AppDbContext db, UnitOfWork unit, CheckEligibility eligibility, TimeProvider time,
    Infrastructure.TitleBridgeMetrics metrics)
{
    public const string WarningCode = "eligibility.level-not-supported";

    public sealed record Request(Guid ApplicationId, bool DeclarationMade, bool AcknowledgeEligibilityWarning, Guid? ExpectedStamp);

    public sealed record Submitted(string Reference, bool SupportedByRules, CheckResponseDto Eligibility);

    /// <summary>
    /// What a submission reads: the applicant's own application with everything its checks and emails need. Read without
    /// tracking; the handler tracks the application alone, the one row it changes, so that saving compares that row's
    /// snapshot only, not the applicant's account, cycle and employer it merely reads (bench/README.md).
    /// </summary>
    private sealed record Found(Application Application, EvaluationCycle? Cycle, List<string> Parts, AppUser Applicant, Employer? Employer, string? ProfileName);

    private static readonly CompiledPerModel<Func<AppDbContext, Guid, string, CancellationToken, Task<Found?>>> Read = new(() =>
        EF.CompileAsyncQuery<AppDbContext, Guid, string, Found?>((db, applicationId, applicantId, ct) => (
            from a in db.Applications.AsNoTracking()
            where a.Id == applicationId && a.ApplicantId == applicantId
            join u in db.Users on a.ApplicantId equals u.Id
            join c in db.Cycles on a.CycleYear equals c.Year into cycles
            from c in cycles.DefaultIfEmpty()
            join e in db.Employers on a.EmployerId equals (Guid?)e.Id into employers
            from e in employers.DefaultIfEmpty()
            join p in db.ApplicantProfiles on a.ApplicantId equals p.UserId into profiles
            from p in profiles.DefaultIfEmpty()
            select new Found(
                a,
                c,
                db.ApplicationDocuments.Where(d => d.ApplicationId == a.Id).Select(d => d.Part).ToList(),
                u,
                e,
                p == null ? null : p.ChineseName ?? p.DocumentName)).FirstOrDefault()));

    public async Task<Result<Submitted>> HandleAsync(Request request, string applicantId, CancellationToken ct = default)
    {
        // One read of everything the submission needs (bench/README.md: each round trip is paid by every submission),
        // compiled once per model.
        var found = await Read.For(db)(db, request.ApplicationId, applicantId, ct);
        if (found is null)
        {
            return Result<Submitted>.Failure(ApplicationProblems.NotFound);
        }
        // The instance this context already tracks, if any (as a tracking query would answer: a handler that loaded the
        // application before, such as the demo stages); otherwise the one just read, attached.
        var application = db.Applications.Local.FindEntry(found.Application.Id)?.Entity ?? db.Attach(found.Application).Entity;
        if (AlreadySubmitted(application) is { } again)
        {
            return again;
        }
        var cycle = found.Cycle;
        var today = time.Today();
        if (cycle is null || !cycle.IsOpenOn(today))
        {
            return Fail("cycle.closed",
                cycle is null ? "This application's cycle no longer exists." : $"Applications for {cycle.Year} can be submitted from {cycle.OpensOn:yyyy-MM-dd} to {cycle.ClosesOn:yyyy-MM-dd}; today is outside that window.",
                cycle is null ? "该申请所属的评审周期已不存在。" : $"{cycle.Year} 年度的申报时间为 {cycle.OpensOn:yyyy-MM-dd} 至 {cycle.ClosesOn:yyyy-MM-dd}，今天不在申报期内。");
        }
        if (await Certificates.IntegrityBar.CheckAsync(db, applicantId, today, ct) is { } barred)
        {
            return Result<Submitted>.Failure(barred);
        }
        var content = ApplicationContent.Read(application.Content);
        var problems = ApplicationCompleteness.Problems(application, content, found.Parts.Distinct().ToList()).ToList();
        if (!request.DeclarationMade)
        {
            problems.Add(new Problem("declaration.required", new(
                "Confirm the declaration that the information and documents are true.", "请勾选确认所填信息及材料真实有效的声明。"), "declaration"));
        }
        if (problems.Count > 0)
        {
            return Result<Submitted>.Failure(problems);
        }

        // Policy.md §2 COUNT: in a cycle, time is counted until the cycle's countUntil, which is also the evaluation date.
        var checkedResult = await eligibility.HandleAsync(content.ToEligibilityRequest(cycle.CountUntil, cycle.CountUntil), ct);
        if (!checkedResult.Succeeded)
        {
            return Result<Submitted>.Failure(checkedResult.Problems);
        }
        var response = CheckResponseDto.From(checkedResult.Value);
        TitleLevels.TryParseCode(application.TargetLevel, out var target);
        var status = checkedResult.Value.Result.For(target).Status;
        var supported = status == EligibilityStatus.Eligible;
        if (!supported && !request.AcknowledgeEligibilityWarning)
        {
            return Fail(WarningCode,
                $"With your answers, the rules do not support applying for {target.Name().En} in this cycle. You may still submit; the bureau will see this warning.",
                $"根据您填写的信息，本年度规则不支持申报{target.Name().Zh}。您仍可提交，人社局将看到此提示。");
        }
        if (request.ExpectedStamp is { } expected && expected != application.ConcurrencyStamp)
        {
            return await AnswerForChangedAsync(request, applicantId, ct);
        }

        // Everything that can be done before the write is done: the stored result, the recipients' names.
        var eligibilityJson = JsonSerializer.Serialize(response, JsonDefaults.Web);
        var applicant = found.Applicant;
        var nameForEmployer = found.ProfileName
            ?? (string.IsNullOrWhiteSpace(applicant.DisplayName) ? applicant.Email! : applicant.DisplayName);

        // The number is taken last, in a statement of its own, so no submission waits on another's
        // transaction (decision record 0036: references are unique and ordered, not gapless).
        var reference = await NextReferenceAsync(application.CycleYear, ct);
        var now = time.GetUtcNow();
        // One unit of work: the state change, its event and audit entry, and the emails — committed together
        // or not at all (decision records 0006, 0038), in one batch of statements.
        var fired = unit.Fire(application, ApplicationTrigger.Submit, Actor.Applicant, applicantId,
            request.ExpectedStamp,
            data: new { reference, supportedByRules = supported, level = application.TargetLevel },
            change: a =>
            {
                a.DeclarationMadeAt = now;
                a.SubmittedAt = now;
                a.Reference = reference;
                a.Eligibility = eligibilityJson;
                a.SupportedByRules = supported;
            });
        if (fired.Succeeded)
        {
            unit.Email(ApplicantActions.Recipient(applicant), new Infrastructure.Email.ApplicationSubmitted(reference, application.Id));
            if (found.Employer is { } employer)
            {
                unit.Email(new(employer.ContactEmail, employer.ContactName, "zh-Hans"), new Infrastructure.Email.EmployerReviewRequested(reference, nameForEmployer, application.Id));
            }
            fired = await unit.CommitAsync(application, ct);
        }
        if (!fired.Succeeded)
        {
            return fired.Problems.Any(p => p.Code == ApplicationTransitions.ChangedCode)
                ? await AnswerForChangedAsync(request, applicantId, ct)
                : Result<Submitted>.Failure(fired.Problems);
        }
        metrics.Submissions.Add(1);
        return Result<Submitted>.Success(new Submitted(reference, supported, response));
    }

    /// <summary>
    /// The application changed between our read and our write. If the change was this same submission
    /// (a double click, a retry racing the first request), answer as the first request did: the same
    /// reference, not a 409 that would make the applicant think it failed.
    /// </summary>
    private async Task<Result<Submitted>> AnswerForChangedAsync(Request request, string applicantId, CancellationToken ct)
    {
        var current = await db.Applications.AsNoTracking()
            .FirstOrDefaultAsync(a => a.Id == request.ApplicationId && a.ApplicantId == applicantId, ct);
        return current is not null && AlreadySubmitted(current) is { } same
            ? same
            : Result<Submitted>.Failure(Problem.Conflict(ApplicationTransitions.ChangedCode, new(
                "Someone else changed this application at the same time. Reload the page to see what happened, then try again.",
                "其他人同时处理了该申请。请刷新页面查看最新情况后重试。")));
    }

    /// <summary>Idempotent: the same submission again (a double click, a retried request) gets the same answer.</summary>
    private static Result<Submitted>? AlreadySubmitted(Application application)
    {
        if (application.State == ApplicationState.Draft || application.Reference is null)
        {
            return null;
        }
        var stored = JsonSerializer.Deserialize<CheckResponseDto>(application.Eligibility ?? "null", JsonDefaults.Web);
        return Result<Submitted>.Success(new Submitted(application.Reference, application.SupportedByRules ?? false, stored!));
    }

    /// <summary>
    /// The next GZ-{year}-{n}: one upsert … RETURNING on the year's counter row, committed on its own
    /// before the submission's unit of work, so the row lock lasts one statement instead of a whole
    /// transaction. On PostgreSQL the statement runs in one round trip with an asynchronous commit: the
    /// row lock is released without waiting for the disk, and the number is still durable before anyone
    /// sees it, because the submission's own (synchronous) commit flushes the WAL up to and past it. A
    /// submission that fails after this uses up its number (a gap; decision record 0036).
    /// </summary>
    private async Task<string> NextReferenceAsync(int year, CancellationToken ct)
    {
        const string Upsert = """
            INSERT INTO "ReferenceCounters" ("Year", "Next", "ConcurrencyStamp") VALUES ({0}, 2, {1})
            ON CONFLICT ("Year") DO UPDATE SET "Next" = "ReferenceCounters"."Next" + 1
            RETURNING "Next" - 1 AS "Value"
            """;
        int number;
        if (db.Database.IsNpgsql() && db.Database.CurrentTransaction is null)
        {
            var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await using var batch = new Npgsql.NpgsqlBatch(connection)
                {
                    BatchCommands =
                    {
                        new("BEGIN"),
                        new("SET LOCAL synchronous_commit TO OFF"),
                        new(Upsert.Replace("{0}", "$1", StringComparison.Ordinal).Replace("{1}", "$2", StringComparison.Ordinal)) { Parameters = { new() { Value = year }, new() { Value = Guid.NewGuid() } } },
                        new("COMMIT"),
                    },
                };
                number = Convert.ToInt32(await batch.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        else
        {
            number = (await db.Database.SqlQueryRaw<int>(Upsert, year, Guid.NewGuid()).ToListAsync(ct)).Single();
        }
        var created = ApplicationReference.Create(year, number);
        return created.Succeeded ? created.Value.ToString() : throw new InvalidOperationException(created.Problems[0].Message.En);
    }

    private static Result<Submitted> Fail(string code, string en, string zh) => Result<Submitted>.Failure(new Problem(code, new(en, zh)));
}
