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
public sealed class SubmitApplication(AppDbContext db, ApplicationTransitions transitions, CheckEligibility eligibility, TimeProvider time, Infrastructure.Email.IEmailOutbox outbox)
{
    public const string WarningCode = "eligibility.level-not-supported";

    public sealed record Request(Guid ApplicationId, bool DeclarationMade, bool AcknowledgeEligibilityWarning, Guid? ExpectedStamp);

    public sealed record Submitted(string Reference, bool SupportedByRules, CheckResponseDto Eligibility);

    public async Task<Result<Submitted>> HandleAsync(Request request, string applicantId, CancellationToken ct = default)
    {
        var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == request.ApplicationId && a.ApplicantId == applicantId, ct);
        if (application is null)
        {
            return Fail("application.notFound", "There is no such application among yours.", "您的申请中没有该申请。");
        }
        if (application.State != ApplicationState.Draft && application.Reference is not null)
        {
            // Idempotent: the same submission again (a double click, a retried request) gets the same answer.
            var stored = JsonSerializer.Deserialize<CheckResponseDto>(application.Eligibility ?? "null", JsonDefaults.Web);
            return Result<Submitted>.Success(new Submitted(application.Reference, application.SupportedByRules ?? false, stored!));
        }
        var cycle = await db.Cycles.AsNoTracking().FirstOrDefaultAsync(c => c.Year == application.CycleYear, ct);
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
        var parts = await db.ApplicationDocuments.Where(d => d.ApplicationId == application.Id).Select(d => d.Part).Distinct().ToListAsync(ct);
        var problems = ApplicationCompleteness.Problems(application, content, parts).ToList();
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
                $"The rules do not support {target.Name().En} with your answers ({status.Code()}). You may still submit; the bureau will see this warning.",
                $"根据您填写的信息，规则不支持申报{target.Name().Zh}（{status.Code()}）。您仍可提交，人社局将看到此提示。");
        }

        var applicant = await db.Users.AsNoTracking().FirstAsync(u => u.Id == applicantId, ct);
        var employer = application.EmployerId is { } employerId ? await db.Employers.AsNoTracking().FirstOrDefaultAsync(e => e.Id == employerId, ct) : null;
        var profile = await db.ApplicantProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == applicantId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var reference = await NextReferenceAsync(application.CycleYear, ct);
        var fired = await transitions.FireAsync(application, ApplicationTrigger.Submit, Actor.Applicant, applicantId,
            request.ExpectedStamp,
            data: new { reference, supportedByRules = supported, level = application.TargetLevel },
            change: a =>
            {
                a.DeclarationMadeAt = time.GetUtcNow();
                a.SubmittedAt = time.GetUtcNow();
                a.Reference = reference;
                a.Eligibility = JsonSerializer.Serialize(response, JsonDefaults.Web);
                a.SupportedByRules = supported;
                // The emails are committed with the submission, or not at all (decision record 0006).
                outbox.Enqueue(ApplicantActions.Recipient(applicant), new Infrastructure.Email.ApplicationSubmitted(reference));
                if (employer is not null)
                {
                    var name = profile?.ChineseName ?? profile?.DocumentName ?? (string.IsNullOrWhiteSpace(applicant.DisplayName) ? applicant.Email! : applicant.DisplayName);
                    outbox.Enqueue(new(employer.ContactEmail, employer.ContactName, "zh-Hans"), new Infrastructure.Email.EmployerReviewRequested(reference, name));
                }
            },
            ct: ct);
        if (!fired.Succeeded)
        {
            ApplicantActions.DiscardPendingEmails(db);
            await transaction.RollbackAsync(ct);
            return Result<Submitted>.Failure(fired.Problems);
        }
        await transaction.CommitAsync(ct);
        return Result<Submitted>.Success(new Submitted(reference, supported, response));
    }

    /// <summary>
    /// The next GZ-{year}-{n}: one atomic UPDATE … RETURNING on the year's counter row (SQLite 3.35+ and
    /// PostgreSQL both support it), inside the submission's transaction, so concurrent submissions never
    /// share a number and a failed submission uses none.
    /// </summary>
    private async Task<string> NextReferenceAsync(int year, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "ReferenceCounters" ("Year", "Next", "ConcurrencyStamp") VALUES ({year}, 1, {Guid.NewGuid()}) ON CONFLICT ("Year") DO NOTHING""", ct);
        var numbers = await db.Database.SqlQuery<int>(
            $"""UPDATE "ReferenceCounters" SET "Next" = "Next" + 1 WHERE "Year" = {year} RETURNING "Next" - 1 AS "Value" """).ToListAsync(ct);
        var created = ApplicationReference.Create(year, numbers.Single());
        return created.Succeeded ? created.Value.ToString() : throw new InvalidOperationException(created.Problems[0].Message.En);
    }

    private static Result<Submitted> Fail(string code, string en, string zh) => Result<Submitted>.Failure(new Problem(code, new(en, zh)));
}
