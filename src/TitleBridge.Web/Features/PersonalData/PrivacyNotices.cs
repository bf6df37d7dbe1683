using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Features.PersonalData;

public sealed record PrivacyNoticeDto(string Version, DateOnly EffectiveFrom, BilingualText Text);

/// <summary>
/// The privacy notice as data (policy.md §6): versions in the database, the first loaded from
/// <c>data/privacy/*.json</c>; the one in force is the latest whose day has come. Registration needs consent to
/// it; a person whose last consent was to an older version is asked again (<see cref="ConsentGate"/>).
/// </summary>
public sealed class PrivacyNotices(AppDbContext db, TimeProvider time)
{
    public const string Field = "privacyNotice";
    public const int MaxTextLength = 20000;

    public async Task<PrivacyNoticeDto?> CurrentAsync(CancellationToken ct = default)
    {
        var today = time.Today();
        var n = await db.PrivacyNotices.AsNoTracking().Where(x => x.EffectiveFrom <= today)
            .OrderByDescending(x => x.EffectiveFrom).ThenByDescending(x => x.PublishedAt).FirstOrDefaultAsync(ct);
        return n is null ? null : new PrivacyNoticeDto(n.Version, n.EffectiveFrom, new(n.TextEn, n.TextZh));
    }

    /// <summary>The problem to report when <paramref name="version"/> is not the version in force, naming the field privacyNotice.</summary>
    public async Task<Problem?> CheckAsync(string? version, CancellationToken ct = default)
    {
        var current = await CurrentAsync(ct);
        if (current is not null && version == current.Version)
        {
            return null;
        }
        var v = current?.Version ?? "?";
        return new Problem("privacy-notice.consent", new(
            $"Read the privacy notice (version {v}) and consent to it.",
            $"请阅读隐私声明（{v} 版）并表示同意。"), Field);
    }

    /// <summary>Adds the consent to the context; the caller saves it with its own change, in one transaction.</summary>
    public void Record(string userId, string version, string occasion)
    {
        var now = time.GetUtcNow();
        db.Consents.Add(new ConsentRecord { UserId = userId, NoticeVersion = version, At = now, Occasion = occasion });
        db.AuditEvents.Add(new AuditEvent { At = now, Actor = userId, Type = "ConsentGiven", Subject = $"user:{userId}", Data = JsonSerializer.Serialize(new { version, occasion }) });
    }

    /// <summary>Whether a signed-in person must consent again: they consented before, but not to the version in force.</summary>
    public async Task<bool> NeedsConsentAsync(string userId, CancellationToken ct = default)
    {
        var last = await db.Consents.AsNoTracking().Where(c => c.UserId == userId).OrderByDescending(c => c.At).ThenByDescending(c => c.Id)
            .Select(c => c.NoticeVersion).FirstOrDefaultAsync(ct);
        if (last is null)
        {
            // Accounts made by an administrator (staff) or before consent existed: no earlier consent to renew.
            return false;
        }
        return await CurrentAsync(ct) is { } current && current.Version != last;
    }

    public async Task<Result<PrivacyNoticeDto>> PublishAsync(string? version, DateOnly? effectiveFrom, string? en, string? zh, string actor, CancellationToken ct = default)
    {
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(version) || version.Length > 32 || !version.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-'))
        {
            problems.Add(new Problem("privacy-notice.version", new("Give the version as letters, digits, dots and hyphens (at most 32), for example 2027.1.", "请以字母、数字、点和连字符（不超过 32 个）填写版本号，例如 2027.1。"), "version"));
        }
        if (effectiveFrom is null)
        {
            problems.Add(new Problem("privacy-notice.effective-from", new("Give the first day the notice is in force (YYYY-MM-DD).", "请填写声明生效的第一天（YYYY-MM-DD）。"), "effectiveFrom"));
        }
        foreach (var (text, field) in new[] { (en, "text.en"), (zh, "text.zh") })
        {
            if (string.IsNullOrWhiteSpace(text) || text.Length > MaxTextLength)
            {
                problems.Add(new Problem("privacy-notice.text", new($"Give the notice's text in both languages ({field}, at most {MaxTextLength} characters).", $"请以两种语言填写声明全文（{field}，不超过 {MaxTextLength} 个字符）。"), field));
            }
        }
        if (problems.Count == 0 && await db.PrivacyNotices.AnyAsync(n => n.Version == version, ct))
        {
            problems.Add(new Problem("privacy-notice.exists", new($"Version {version} is already published; a published notice never changes.", $"版本 {version} 已发布；已发布的声明不能修改。"), "version"));
        }
        if (problems.Count > 0)
        {
            return Result<PrivacyNoticeDto>.Failure(problems);
        }
        var now = time.GetUtcNow();
        db.PrivacyNotices.Add(new PrivacyNoticeRecord { Version = version!, EffectiveFrom = effectiveFrom!.Value, TextEn = en!.Trim(), TextZh = zh!.Trim(), PublishedBy = actor, PublishedAt = now });
        db.AuditEvents.Add(new AuditEvent { At = now, Actor = actor, Type = "PrivacyNoticePublished", Subject = $"privacy-notice:{version}", Data = JsonSerializer.Serialize(new { version, effectiveFrom }) });
        await db.SaveChangesAsync(ct);
        return Result<PrivacyNoticeDto>.Success(new PrivacyNoticeDto(version!, effectiveFrom!.Value, new(en!.Trim(), zh!.Trim())));
    }

    /// <summary>Loads the shipped notice on first start (nothing is published yet).</summary>
    public static async Task EnsureShippedAsync(AppDbContext db, string referenceDirectory, TimeProvider time)
    {
        if (await db.PrivacyNotices.AnyAsync())
        {
            return;
        }
        foreach (var file in Directory.EnumerateFiles(Path.Combine(referenceDirectory, "privacy"), "*.json").Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(file));
            var root = doc.RootElement;
            db.PrivacyNotices.Add(new PrivacyNoticeRecord
            {
                Version = root.GetProperty("version").GetString()!,
                EffectiveFrom = DateOnly.Parse(root.GetProperty("effectiveFrom").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                TextEn = root.GetProperty("text").GetProperty("en").GetString()!,
                TextZh = root.GetProperty("text").GetProperty("zh").GetString()!,
                PublishedBy = "system",
                PublishedAt = time.GetUtcNow(),
            });
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Another instance starting at the same moment loaded it first.
            db.ChangeTracker.Clear();
        }
    }
}

/// <summary>
/// A changed notice asks for consent again at the next page a signed-in person opens: every page except the consent
/// page itself, signing out, the language switch and the notice redirects to <c>/account/consent</c>.
/// </summary>
public sealed class ConsentGate(RequestDelegate next)
{
    private static readonly string[] Open = ["/account/consent", "/account/logout", "/language", "/privacy", "/css", "/js", "/favicon", "/health", "/api", "/error"];

    public async Task InvokeAsync(HttpContext context, PrivacyNotices notices)
    {
        var path = context.Request.Path;
        if (context.User.Identity?.IsAuthenticated == true && HttpMethods.IsGet(context.Request.Method)
            && !Open.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
            && context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { } userId
            && await notices.NeedsConsentAsync(userId, context.RequestAborted))
        {
            context.Response.Redirect("/account/consent?returnUrl=" + Uri.EscapeDataString(path + context.Request.QueryString));
            return;
        }
        await next(context);
    }
}
