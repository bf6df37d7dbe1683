using Microsoft.EntityFrameworkCore;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Catalogue;

namespace TitleBridge.Web.Infrastructure;

/// <summary>
/// The host's operator verbs: <c>migrate</c> applies migrations explicitly (production);
/// <c>import-catalogue --edition FILE.json --rows FILE.csv|xlsx [--publish YYYY-MM-DD] [--override-reason TEXT]</c>
/// imports an edition as a draft and optionally publishes it; <c>held-emails [--delivered ID|--send-again ID]</c> lists the
/// emails held for a decision (as /admin/emails does) or decides on one, by its id or its Message-ID. Exit code 0 on
/// success, 1 on a rejected input.
/// </summary>
public static class CommandLine
{
    public static async Task<bool> TryRunVerbAsync(WebApplication app, string[] args)
    {
        var verb = args.FirstOrDefault(a => !a.StartsWith('-') && !a.Contains('='));
        switch (verb)
        {
            case "migrate":
                await MigrateAsync(app);
                return true;
            case "verify-audit":
                Environment.ExitCode = await VerifyAuditAsync(app);
                return true;
            case "import-catalogue":
                Environment.ExitCode = await ImportCatalogueAsync(app, args);
                return true;
            case "held-emails":
                Environment.ExitCode = await HeldEmailsAsync(app, args);
                return true;
            default:
                return false;
        }
    }

    private static async Task MigrateAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        Console.WriteLine($"Applying {pending.Count} migration(s)…");
        foreach (var name in pending)
        {
            Console.WriteLine($"  {name}");
        }
        await db.Database.MigrateAsync();
        Console.WriteLine("The database is up to date.");
    }

    private static async Task<int> VerifyAuditAsync(WebApplication app)
    {
        var chain = app.Services.GetRequiredService<AuditChain>();
        Console.WriteLine($"Sealed {await chain.SealAsync()} new event(s); verifying the chain…");
        var result = await chain.VerifyAsync();
        if (result.Intact)
        {
            Console.WriteLine($"The audit log is intact: {result.Sealed} event(s) chained, {result.Unsealed} waiting to be sealed.");
            return 0;
        }
        await Console.Error.WriteLineAsync($"The audit log is BROKEN at sequence {result.FirstBrokenSequence}: {result.Problem}.");
        return 1;
    }

    private static async Task<int> ImportCatalogueAsync(WebApplication app, string[] args)
    {
        string? Option(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        var editionFile = Option("--edition");
        var rowsFile = Option("--rows");
        if (editionFile is null || rowsFile is null)
        {
            await Console.Error.WriteLineAsync("Usage: import-catalogue --edition EDITION.json --rows ROWS.csv|ROWS.xlsx [--publish YYYY-MM-DD] [--override-reason TEXT]");
            return 2;
        }
        await AppInitializer.InitializeAsync(app.Services);
        await using var scope = app.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<CatalogueImporter>();
        var metadata = EditionMetadataFile.Load(editionFile);
        Console.WriteLine($"Reading {rowsFile}…");
        var imported = await importer.ImportDraftAsync(metadata, rowsFile, await File.ReadAllBytesAsync(rowsFile), "cli");
        if (!imported.Succeeded)
        {
            await Console.Error.WriteLineAsync($"Rejected: {imported.Problems.Count} problem(s); nothing was written.");
            foreach (var p in imported.Problems)
            {
                await Console.Error.WriteLineAsync($"  row {p.Row?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}, {p.Field ?? "-"}: {p.Message.En} / {p.Message.Zh}");
            }
            return 1;
        }
        Console.WriteLine($"Imported {imported.Value.EntryCount} entries as draft edition '{metadata.Id}'.");
        foreach (var m in imported.Value.TotalsMismatches)
        {
            Console.WriteLine($"  totals: {m.Message.En}");
        }
        if (Option("--publish") is { } from)
        {
            if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", out var effectiveFrom))
            {
                await Console.Error.WriteLineAsync("--publish needs a date as YYYY-MM-DD.");
                return 2;
            }
            var published = await importer.PublishAsync(metadata.Id, effectiveFrom, Option("--override-reason"), "cli");
            if (!published.Succeeded)
            {
                foreach (var p in published.Problems)
                {
                    await Console.Error.WriteLineAsync($"  {p.Field ?? "-"}: {p.Message.En}");
                }
                return 1;
            }
            Console.WriteLine($"Published '{metadata.Id}' from {effectiveFrom:yyyy-MM-dd}.");
        }
        return 0;
    }

    private static async Task<int> HeldEmailsAsync(WebApplication app, string[] args)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var held = scope.ServiceProvider.GetRequiredService<Email.HeldEmails>();
        var domain = Email.EmailMessages.MessageIdDomain(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Email.EmailOptions>>().Value);
        var decision = args.FirstOrDefault(a => a is "--delivered" or "--send-again");
        if (decision is null)
        {
            var (emails, total) = await held.ListAsync(domain);
            foreach (var e in emails)
            {
                Console.WriteLine($"{e.MessageId}\t{(e.Uncertain ? "uncertain" : "gave-up")}\t{e.HeldSince:O}");
            }
            Console.WriteLine($"{total} email(s) held for a decision.");
            return 0;
        }
        var value = args.SkipWhile(a => a != decision).Skip(1).FirstOrDefault() ?? "";
        if (!Guid.TryParse(value.Split('@')[0], out var id))
        {
            await Console.Error.WriteLineAsync($"Usage: held-emails [--delivered ID|--send-again ID], where ID is an email's id or Message-ID.");
            return 2;
        }
        var done = decision == "--delivered" ? await held.MarkDeliveredAsync(id, "cli") : await held.SendAgainAsync(id, "cli");
        Console.WriteLine(done
            ? (decision == "--delivered" ? $"{id:N}: recorded as delivered." : $"{id:N}: will be sent again.")
            : $"{id:N}: not held (delivered, decided on already, or no such email); nothing was changed.");
        return done ? 0 : 1;
    }
}
