using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Features.Applications;

/// <summary>
/// The one choke point for changing an application's state: the workflow table decides (role, state,
/// guards), the event is written in the same transaction, and a concurrent change makes this one fail
/// with <see cref="ChangedCode"/> (the API answers 409).
/// </summary>
public sealed class ApplicationTransitions(AppDbContext db, TimeProvider time, Infrastructure.Audit.AuditWriter audit)
{
    public const string ChangedCode = "application.changed";

    /// <summary>The facts the workflow's guards read, taken from the application as stored.</summary>
    public TransitionContext ContextFor(Application application) => new(time.Today())
    {
        DeclarationOfAuthenticityMade = application.DeclarationMadeAt is not null,
        EmploymentAndFieldConfirmed = application.EmploymentConfirmed,
        PrePublicityLastDay = application.PrePublicityLastDay,
        CorrectionAlreadyRequested = application.CorrectionRequested,
        CorrectionDueOn = application.CorrectionDueOn,
        ResultPublicityLastDay = application.ResultPublicityLastDay,
        ReexaminationDueOn = application.ReexaminationDueOn,
        ReexaminationAlreadyRequested = application.ReexaminationRequestedAt is not null,
    };

    /// <summary>The clock's time now, for data that goes with a transition.</summary>
    public DateTimeOffset Now => time.GetUtcNow();

    public IReadOnlyList<ApplicationTrigger> Permitted(Application application, Actor actor) =>
        ApplicationWorkflow.PermittedTriggers(application.State, actor, ContextFor(application));

    /// <summary>
    /// Fires a trigger. <paramref name="change"/> applies the data that goes with it (a reason, dates)
    /// before the guards are read; nothing is saved unless the transition is allowed.
    /// </summary>
    public async Task<Result<Application>> FireAsync(
        Application application, ApplicationTrigger trigger, Actor actor, string actorName,
        Guid? expectedStamp = null, string? reason = null, object? data = null, Action<Application>? change = null,
        CancellationToken ct = default, Func<TransitionContext, TransitionContext>? facts = null)
    {
        if (expectedStamp is { } stamp && stamp != application.ConcurrencyStamp)
        {
            return Changed();
        }
        change?.Invoke(application);
        var from = application.State;
        // Facts that live outside the application row (e.g. a meeting's tally) are added by the caller that knows them.
        var context = ContextFor(application);
        var fired = ApplicationWorkflow.Fire(from, trigger, actor, facts is null ? context : facts(context));
        if (!fired.Succeeded)
        {
            // Undo the side data so the tracked entity does not carry a half-made change.
            foreach (var property in db.Entry(application).Properties.Where(p => p.IsModified))
            {
                property.CurrentValue = property.OriginalValue;
                property.IsModified = false;
            }
            return Result<Application>.Failure(fired.Problems);
        }
        var now = time.GetUtcNow();
        application.State = fired.Value;
        application.UpdatedAt = now;
        application.ConcurrencyStamp = Guid.NewGuid();
        db.ApplicationEvents.Add(new ApplicationEvent
        {
            ApplicationId = application.Id,
            At = now,
            Actor = actorName,
            Role = actor.ToString(),
            What = trigger.ToString(),
            FromState = from,
            ToState = fired.Value,
            Reason = reason,
            Data = data is null ? "{}" : JsonSerializer.Serialize(data, JsonDefaultsForEvents),
        });
        audit.Add(new Infrastructure.Audit.ApplicationStateChanged(application.Id, application.Reference, trigger.ToString(), actor.ToString(), from.ToString(), fired.Value.ToString()), reason);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Changed();
        }
        return Result<Application>.Success(application);
    }

    /// <summary>
    /// Records a step that changes no state (an edit, an upload) on the timeline, with its audit event when the
    /// caller does not write one itself, in the caller's transaction.
    /// </summary>
    public void Record(Application application, Actor actor, string actorName, string what, object? data = null, Infrastructure.Audit.AuditRecord? audited = null, string? reason = null)
    {
        if (audited is not null)
        {
            audit.Add(audited, reason);
        }
        db.ApplicationEvents.Add(new ApplicationEvent
        {
            ApplicationId = application.Id,
            At = time.GetUtcNow(),
            Actor = actorName,
            Role = actor.ToString(),
            What = what,
            Data = data is null ? "{}" : JsonSerializer.Serialize(data, JsonDefaultsForEvents),
        });
    }

    private static Result<Application> Changed() => Result<Application>.Failure(Problem.Conflict(ChangedCode, new(
        "Someone else changed this application at the same time. Reload the page to see what happened, then try again.",
        "其他人同时处理了该申请。请刷新页面查看最新情况后重试。")));

    private static readonly JsonSerializerOptions JsonDefaultsForEvents = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
