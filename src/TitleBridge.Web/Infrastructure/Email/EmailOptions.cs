namespace TitleBridge.Web.Infrastructure.Email;

/// <summary>Settings under the "Email" section.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>Run the background sender. Tests turn it off and call <see cref="OutboxSender.ProcessOnceAsync"/> themselves.</summary>
    public bool SenderEnabled { get; set; } = true;

    /// <summary>
    /// Seconds a sender waits after a look that found nothing of its own to send: an email committed meanwhile waits
    /// at most this long. Short, because on the busiest day a sender asleep is a backlog growing (bench/README.md);
    /// a look at an empty outbox is one indexed query (and, every tenth of the claim, the look for expired claims).
    /// </summary>
    public int PollSeconds { get; set; } = 1;

    /// <summary>Emails claimed at most per look, so one instance does not hold everything while others idle.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>
    /// Senders per instance, each with its own claims. Every outcome is recorded with a commit that waits for the disk
    /// before the next email goes, so one sender delivers at the disk's pace; several share the flushes.
    /// </summary>
    public int Senders { get; set; } = 4;

    /// <summary>How long a claim lasts: longer than a delivery takes, short enough that a crashed instance's rows are soon picked up.</summary>
    public int LockSeconds { get; set; } = 120;

    /// <summary>Failed attempts after which the sender gives up (the row stays, with its last error).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait after the first failure; doubled after each further failure.</summary>
    public int RetryBaseSeconds { get; set; } = 30;

    /// <summary>Longest wait between two attempts.</summary>
    public int RetryMaxSeconds { get; set; } = 3600;

    public string FromAddress { get; set; } = "no-reply@titlebridge.localhost";
    public string FromName { get; set; } = "TitleBridge 职称通";

    /// <summary>
    /// The bureau's intake office, told when a corrected application comes back (policy.md §5.3). Without
    /// an address the office reads its intake list only.
    /// </summary>
    public string? OfficeAddress { get; set; }
    public string OfficeName { get; set; } = "受理窗口 Intake office";

    /// <summary>The office's language for its emails: "zh-Hans" or "en".</summary>
    public string OfficeCulture { get; set; } = "zh-Hans";

    public SmtpOptions Smtp { get; set; } = new();
}

/// <summary>Settings under "Email:Smtp". Without a Host, emails are written as .eml files to {DataDirectory}/outbox/.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;

    /// <summary>MailKit's SecureSocketOptions: Auto, None, SslOnConnect, StartTls, StartTlsWhenAvailable.</summary>
    public string Security { get; set; } = "Auto";

    public string? UserName { get; set; }
    public string? Password { get; set; }
}
