using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure.Audit;
using TitleBridge.Web.Infrastructure.Email;

namespace TitleBridge.Web.Features.Applications;

/// <summary>
/// One change to one or more applications, the way every handler makes it (decision record 0038): stage the
/// transitions (<see cref="Fire"/>), the timeline records of steps that change no state (<see cref="Record"/>)
/// and the emails (<see cref="Email"/>), then <see cref="CommitAsync{T}"/> saves all of it, with whatever else
/// the handler added to the context, in one SaveChanges: committed together or not at all (decision record 0006).
/// A refused transition or a concurrency conflict discards everything pending on the context, so no email or
/// half-made change can leave with a later save.
/// </summary>
public sealed class UnitOfWork(AppDbContext db, ApplicationTransitions transitions, IEmailOutbox outbox, AuditWriter audit, TimeProvider time)
{
    /// <summary>The clock's time now, for data that goes with a transition.</summary>
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>
    /// Stages a trigger. <paramref name="change"/> applies the data that goes with it (a reason, dates) before the
    /// guards are read; <paramref name="facts"/> adds facts that live outside the application row (a meeting's
    /// tally). A stale <paramref name="expectedStamp"/> or a refusal by the workflow discards the whole unit and
    /// answers with the problems; the handler returns them without committing.
    /// </summary>
    public Result<Application> Fire(
        Application application, ApplicationTrigger trigger, Actor actor, string actorName,
        Guid? expectedStamp = null, string? reason = null, object? data = null, Action<Application>? change = null,
        Func<TransitionContext, TransitionContext>? facts = null)
    {
        if (expectedStamp is { } stamp && stamp != application.ConcurrencyStamp)
        {
            Discard();
            return Result<Application>.Failure(ApplicationTransitions.Changed());
        }
        change?.Invoke(application);
        var from = application.State;
        var context = transitions.ContextFor(application);
        var fired = ApplicationWorkflow.Fire(from, trigger, actor, facts is null ? context : facts(context));
        if (!fired.Succeeded)
        {
            Discard();
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
            Data = Serialize(data),
        });
        audit.Add(new ApplicationStateChanged(application.Id, application.Reference, trigger.ToString(), actor.ToString(), from.ToString(), fired.Value.ToString()), reason);
        return Result<Application>.Success(application);
    }

    /// <summary>
    /// Stages a step that changes no state (an edit, an upload) on the timeline, with its audit event when the
    /// caller does not write one itself.
    /// </summary>
    public void Record(Application application, Actor actor, string actorName, string what, object? data = null, AuditRecord? audited = null, string? reason = null)
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
            Data = Serialize(data),
        });
    }

    /// <summary>Stages an email; it leaves only if the unit commits (the outbox, decision record 0006).</summary>
    public void Email(EmailRecipient to, EmailTemplate template) => outbox.Enqueue(to, template);

    /// <summary>
    /// Saves everything pending in one SaveChanges (inside the caller's transaction when the handler opened one
    /// for statements of its own). A concurrent change of a staged row answers <see cref="ApplicationTransitions.ChangedCode"/>
    /// (409) with nothing written; any failure leaves nothing pending.
    /// </summary>
    public async Task<Result<T>> CommitAsync<T>(T value, CancellationToken ct = default)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            Discard();
            return Result<T>.Failure(ApplicationTransitions.Changed());
        }
        catch
        {
            Discard();
            throw;
        }
        return Result<T>.Success(value);
    }

    /// <summary>Undoes everything pending on the context: added rows (events, audit entries, emails) are dropped, changed rows take back their stored values.</summary>
    public void Discard()
    {
        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    entry.State = EntityState.Detached;
                    break;
                case EntityState.Modified:
                    entry.CurrentValues.SetValues(entry.OriginalValues);
                    entry.State = EntityState.Unchanged;
                    break;
                case EntityState.Deleted:
                    entry.State = EntityState.Unchanged;
                    break;
            }
        }
    }

    private static string Serialize(object? data) => data is null ? "{}" : JsonSerializer.Serialize(data, JsonDefaultsForEvents);

    private static readonly JsonSerializerOptions JsonDefaultsForEvents = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
