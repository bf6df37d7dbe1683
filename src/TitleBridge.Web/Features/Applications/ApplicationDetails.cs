using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applications;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Features.Applications;

public sealed record SectionDto(string Section, string Status, string Name);

public sealed record DocumentDto(Guid Id, string Part, string FileName, string ContentType, long Size, string Sha256, DateTimeOffset UploadedAt);

public sealed record EventDto(DateTimeOffset At, string Role, string RoleName, string What, string WhatName, string? FromState, string? ToState, string? Reason);

/// <summary>One item of the correction notice: a document kind (or null for the officer's own words) and what it says, in both languages.</summary>
public sealed record CorrectionItemDto(string? Kind, Catalogue.TextDto Name);

public sealed record ApplicationSummaryDto(Guid Id, string? Reference, int CycleYear, string State, string StateName, string? TargetLevel, DateTimeOffset UpdatedAt);

/// <summary>Everything the applicant sees of their own application: the task list, documents, timeline, what they may do now.</summary>
public sealed record ApplicationDto(
    Guid Id, string? Reference, int CycleYear, string State, string StateName, string? TargetLevel, string? Specialty, Guid? EmployerId,
    ApplicationContent Content, IReadOnlyList<SectionDto> Sections, IReadOnlyList<string> MissingDocuments, IReadOnlyList<DocumentDto> Documents,
    IReadOnlyList<string> PermittedActions, IReadOnlyList<EventDto> Timeline, bool? SupportedByRules,
    DateOnly? PrePublicityLastDay, bool CorrectionRequested, IReadOnlyList<CorrectionItemDto> CorrectionItems, DateOnly? CorrectionDueOn, string? WithdrawalReason,
    DateTimeOffset? SubmittedAt, Guid ConcurrencyStamp);

/// <summary>Reads the applicant's own applications; another person's application is simply not found.</summary>
public sealed class ApplicationDetails(AppDbContext db, ApplicationTransitions transitions)
{
    public async Task<IReadOnlyList<ApplicationSummaryDto>> MineAsync(string applicantId, CancellationToken ct = default)
    {
        var list = await db.Applications.AsNoTracking().Where(a => a.ApplicantId == applicantId).ToListAsync(ct);
        return list.OrderByDescending(a => a.CycleYear).ThenByDescending(a => a.CreatedAt)
            .Select(a => new ApplicationSummaryDto(a.Id, a.Reference, a.CycleYear, a.State.ToString(), WorkflowNames.Of(a.State).Pick(), a.TargetLevel, a.UpdatedAt))
            .ToList();
    }

    /// <summary>The application exists and is this applicant's (one small query).</summary>
    public Task<bool> IsMineAsync(Guid id, string applicantId, CancellationToken ct = default) =>
        db.Applications.AnyAsync(a => a.Id == id && a.ApplicantId == applicantId, ct);

    public async Task<(Application Application, ApplicationDto Dto)?> GetAsync(Guid id, string applicantId, CancellationToken ct = default)
    {
        var a = await db.Applications.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.ApplicantId == applicantId, ct);
        if (a is null)
        {
            return null;
        }
        var content = ApplicationContent.Read(a.Content);
        var documents = await db.ApplicationDocuments.AsNoTracking().Where(d => d.ApplicationId == id).ToListAsync(ct);
        var parts = documents.Select(d => d.Part).Distinct().ToList();
        var events = await db.ApplicationEvents.AsNoTracking().Where(e => e.ApplicationId == id).OrderBy(e => e.Id).ToListAsync(ct);
        var sections = Enum.GetValues<ApplicationSection>()
            .Select(s => new SectionDto(s.ToString().ToLowerInvariant(), ApplicationCompleteness.Status(s, a, content, parts).ToString(), ApplicationCompleteness.SectionNames[s].Pick()))
            .ToList();
        var dto = new ApplicationDto(a.Id, a.Reference, a.CycleYear, a.State.ToString(), WorkflowNames.Of(a.State).Pick(), a.TargetLevel, a.Specialty, a.EmployerId,
            content, sections, ApplicationCompleteness.MissingDocuments(content, parts),
            documents.OrderBy(d => d.UploadedAt).Select(d => new DocumentDto(d.Id, d.Part, d.FileName, d.ContentType, d.Size, d.Sha256, d.UploadedAt)).ToList(),
            transitions.Permitted(a, Actor.Applicant).Select(t => t.ToString()).ToList(),
            events.Select(ToDto).ToList(), a.SupportedByRules, a.PrePublicityLastDay, a.CorrectionRequested,
            Domain.Applications.CorrectionItems.Read(a.CorrectionItems).Select(i => new CorrectionItemDto(i.Kind, new(i.En, i.Zh))).ToList(), a.CorrectionDueOn, a.WithdrawalReason,
            a.SubmittedAt, a.ConcurrencyStamp);
        return (a, dto);
    }

    /// <summary>A timeline entry names the actor by role, never by person: the applicant does not learn officers' identities.</summary>
    private static EventDto ToDto(ApplicationEvent e)
    {
        var role = Enum.TryParse<Actor>(e.Role, out var actor) ? WorkflowNames.Of(actor).Pick() : e.Role;
        var what = WorkflowNames.OfEvent(e.What).Pick();
        return new EventDto(e.At, e.Role, role, e.What, what, e.FromState?.ToString(), e.ToState?.ToString(), ReasonOf(e));
    }

    /// <summary>
    /// The event's reason in the reader's language: a reason the service wrote itself (the vote's tally) carries its
    /// Chinese in the event's data as <c>reasonZh</c>; a reason a person typed is shown as they wrote it.
    /// </summary>
    private static string? ReasonOf(ApplicationEvent e)
    {
        if (e.Reason is null || !e.Data.Contains("\"reasonZh\"", StringComparison.Ordinal))
        {
            return e.Reason;
        }
        using var data = System.Text.Json.JsonDocument.Parse(e.Data);
        return data.RootElement.TryGetProperty("reasonZh", out var zh) && zh.GetString() is { } chinese ? Localization.Pick(e.Reason, chinese) : e.Reason;
    }
}
