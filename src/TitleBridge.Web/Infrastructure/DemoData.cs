using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applicants;
using TitleBridge.Domain.Employers;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Infrastructure.Files;

namespace TitleBridge.Web.Infrastructure;

/// <summary>
/// Sample data for a newcomer's first start in Development (DESIGN.md: "demo accounts printed to the
/// console"): an open cycle, an approved employer, an officer, an employer account and an applicant
/// with a complete draft. The load benchmark uses the same builders. Never runs outside Development.
/// </summary>
public static class DemoData
{
    /// <summary>
    /// Positions 1–16 of the demo employer's unified social credit code; position 17 (the organisation
    /// code's check character) and 18 are computed, so the code passes the registration form's checks.
    /// </summary>
    public const string DemoEmployerCreditCode16 = "91440101MA5C0000";

    /// <summary>The first 16 characters completed with both check characters (GB 11714-1997, GB 32100-2015).</summary>
    public static string ValidCreditCode(string first16)
    {
        var first17 = first16 + UnifiedSocialCreditCode.OrganisationCodeCheckCharacter(first16.AsSpan(8, 8));
        return first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
    }

    /// <summary>A demo account as printed: role (or stage), address, password, the page it lands on, and a line printed beside it.</summary>
    public sealed record DemoAccount(string Role, string Email, string Password, string? Landing = null, string? Note = null);

    public static async Task<IReadOnlyList<DemoAccount>> SeedAsync(IServiceProvider root)
    {
        await using var scope = root.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AppDbContext>();
        if (await db.Employers.AnyAsync())
        {
            return [];
        }
        var time = services.GetRequiredService<TimeProvider>();
        var cycle = await EnsureOpenCycleAsync(db, time.Today(), "demo");
        var employer = await CreateEmployerAsync(db, time);
        var accounts = new List<(string Role, string Email, string Password)>();
        var users = services.GetRequiredService<UserManager<AppUser>>();
        accounts.Add(await CreateUserAsync(users, "officer@titlebridge.localhost", "Demo officer", Roles.Officer, null));
        accounts.Add(await CreateUserAsync(users, "employer@titlebridge.localhost", "Demo employer", Roles.Employer, employer.Id));
        // Expert review demo accounts and their own two files, before the other stages: the demo committee's
        // assignment takes every accepted file of the cycle, and the "accepted" stage must stay accepted.
        var review = await ReviewDemoData.SeedAsync(services, cycle, employer, "employer@titlebridge.localhost", "officer@titlebridge.localhost");
        var stages = await DemoStages.SeedAsync(services, employer.Id, "employer@titlebridge.localhost", "officer@titlebridge.localhost", cycle.Year);
        var printed = accounts.Select(a => new DemoAccount(a.Role, a.Email, a.Password)).Concat(review)
            .Concat(stages.Select(s => new DemoAccount($"Applicant, {s.Stage.Name.En} ({s.Stage.Name.Zh})", s.Email, s.Password, DemoStages.Stage.Landing(s.Application))))
            .ToList();
        foreach (var account in printed)
        {
            Console.WriteLine($"Demo {account.Role}: {account.Email}  password: {account.Password}  (演示账号)" + (account.Landing is { } landing ? $"  → {landing}" : ""));
            if (account.Note is { } note)
            {
                Console.WriteLine("  " + note);
            }
        }
        return printed;
    }

    /// <summary>A cycle open today (for the evaluation year of today's date).</summary>
    public static async Task<EvaluationCycle> EnsureOpenCycleAsync(AppDbContext db, DateOnly today, string actor)
    {
        var cycle = await db.Cycles.FirstOrDefaultAsync(c => c.Year == today.Year);
        if (cycle is null)
        {
            cycle = new EvaluationCycle
            {
                Year = today.Year,
                // Opened weeks ago: the demo files at later stages were submitted then (DemoStages).
                OpensOn = today.AddDays(-60),
                ClosesOn = today.AddDays(90),
                CountUntil = new DateOnly(today.Year, 12, 31),
                Levels = ["AE", "E", "SE", "PSE"],
                CreatedBy = actor,
            };
            db.Cycles.Add(cycle);
            await db.SaveChangesAsync();
        }
        return cycle;
    }

    public static async Task<Employer> CreateEmployerAsync(AppDbContext db, TimeProvider time, string? creditCode17 = null)
    {
        var employer = new Employer
        {
            NameZh = "广州示例科技有限公司",
            NameEn = "Guangzhou Example Technology Co., Ltd.",
            CreditCode = creditCode17 is null ? ValidCreditCode(DemoEmployerCreditCode16) : creditCode17 + UnifiedSocialCreditCode.CheckCharacter(creditCode17),
            District = "440106",
            ContactName = "人事部 HR",
            ContactEmail = "hr@example-employer.localhost",
            ContactPhone = "020-00000000",
            Status = EmployerStatus.Approved,
            RegisteredAt = time.GetUtcNow(),
            DecidedBy = "demo",
            DecidedAt = time.GetUtcNow(),
        };
        db.Employers.Add(employer);
        await db.SaveChangesAsync();
        return employer;
    }

    public static async Task<(string Role, string Email, string Password)> CreateUserAsync(UserManager<AppUser> users, string email, string name, string role, Guid? employerId, string? password = null)
    {
        password ??= "Demo-" + RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 12) + "9";
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, EmployerId = employerId };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }
        await users.AddToRoleAsync(user, role);
        return (role, email, password);
    }

    /// <summary>A complete draft for Engineer: profile, every section, and a small PDF for each required document.</summary>
    public static async Task<Application> CreateCompleteDraftAsync(AppDbContext db, IFileStore files, TimeProvider time, string applicantId, Guid employerId, int cycleYear, string targetLevel = "E", bool withProfileAndFiles = true)
    {
        var now = time.GetUtcNow();
        if (withProfileAndFiles && !await db.ApplicantProfiles.AnyAsync(p => p.UserId == applicantId))
        {
            db.ApplicantProfiles.Add(new ApplicantProfile
            {
                UserId = applicantId,
                DocumentName = "CHAN TAI MAN",
                ChineseName = "陈大文",
                DocumentType = IdentityDocumentType.HongKongMacaoTravelPermit,
                DocumentNumber = "H12345678",
                Phone = "+852 0000 0000",
                UpdatedAt = now,
            });
        }
        var application = new Application
        {
            ApplicantId = applicantId,
            CycleYear = cycleYear,
            EmployerId = employerId,
            TargetLevel = targetLevel,
            Specialty = "computer-networks",
            CreatedAt = now,
            UpdatedAt = now,
            Content = new ApplicationContent
            {
                Qualifications = [new QualificationPart("GZ2025-IT-003", new DateOnly(2020, 3, 1),
                    [new(new(2020, 3, 1), new(2023, 2, 28)), new(new(2023, 3, 1), new(2026, 2, 28)), new(new(2026, 3, 1), new(2029, 2, 28))], "AWS-SAA-0001")],
                Degree = new DegreePart("bachelor", new DateOnly(2015, 7, 1), "The University of Hong Kong", "HK", Overseas: true),
                Work =
                [
                    new WorkPart(new DateOnly(2015, 9, 1), new DateOnly(2018, 12, 31), "Example Networks Ltd (Hong Kong)", "Network engineer", "computer-networks", "HK", false, true),
                    new WorkPart(new DateOnly(2019, 1, 1), null, "Guangzhou Example Technology Co., Ltd.", "Senior network engineer", "computer-networks", "CN", true, true),
                ],
                Achievements = [new AchievementPart("project", "Campus network for 20,000 users / 两万用户园区网络", 2023, false, "Designed and led the delivery; in service since 2024.")],
                Report = string.Concat(Enumerable.Repeat("本人长期从事计算机网络规划、建设与运维工作，负责多个大型园区网络和数据中心网络项目的设计与实施。", 6)),
            }.Write(),
        };
        db.Applications.Add(application);
        foreach (var part in new[] { "identity", "qualification", "degree", "degree-certification" })
        {
            var pdf = Encoding.ASCII.GetBytes($"%PDF-1.4\n% TitleBridge sample {part}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
            // Without files (tests that count stored files), the rows stand for documents kept elsewhere.
            var stored = withProfileAndFiles
                ? await files.SaveAsync(new MemoryStream(pdf))
                : new StoredFile($"test/{part}", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), pdf.Length);
            db.ApplicationDocuments.Add(new ApplicationDocument
            {
                ApplicationId = application.Id,
                Part = part,
                FileName = $"{part}.pdf",
                ContentType = "application/pdf",
                Size = stored.Size,
                Sha256 = stored.Sha256,
                StorageKey = stored.Key,
                UploadedAt = now,
                UploadedBy = applicantId,
            });
        }
        await db.SaveChangesAsync();
        return application;
    }
}
