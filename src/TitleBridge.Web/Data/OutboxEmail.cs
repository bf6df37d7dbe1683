namespace TitleBridge.Web.Data;

/// <summary>
/// One email waiting to be sent, or sent. Added to the same DbContext as the change that caused it, so
/// it is committed or rolled back with that change; <see cref="Infrastructure.Email.OutboxSender"/>
/// delivers it later. Every piece of sending state lives in this row, so a restart loses nothing.
/// </summary>
public sealed class OutboxEmail
{
    public Guid Id { get; set; }

    /// <summary>Which template produced it (e.g. "ApplicationSubmitted"): for tests, support and statistics.</summary>
    public required string TemplateKey { get; set; }

    public required string To { get; set; }
    public string ToName { get; set; } = "";

    /// <summary>"zh-Hans" or "en": the language the email was written in.</summary>
    public required string Culture { get; set; }

    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public string? HtmlBody { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Failed delivery attempts so far.</summary>
    public int Attempts { get; set; }

    /// <summary>Not to be tried before this moment (back-off after a failure).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Set when the sender stopped trying (Email:MaxAttempts failures); the row stays for support to see.</summary>
    public DateTimeOffset? GaveUpAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>While a sender works on the row: the claim expires at this moment, so a crashed instance's rows are picked up again.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>The claim token of the sender working on the row (instance and claim).</summary>
    public string? LockedBy { get; set; }

    /// <summary>
    /// Set when a sender's claim expired while this email was the one it was handing over: the SMTP server may
    /// have acknowledged it just before the sender died, so it is not sent again on its own (that would be a
    /// second copy) but waits for an administrator's decision at /admin/emails (decision record 0042).
    /// </summary>
    public DateTimeOffset? UncertainAt { get; set; }
}
