using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using TitleBridge.Web.Data;
using TitleBridge.Web.Tests.Infrastructure;

namespace TitleBridge.Web.Tests.TestData;

/// <summary>The accounts of the authorization matrix, one per <see cref="Who"/>, and the application they are tried on.</summary>
public enum Who { Anonymous, Applicant, OtherApplicant, Employer, OtherEmployer, Officer, Admin, Expert, OtherExpert }

/// <summary>Builders for the authorization matrix and the error contract: a signed-in client per <see cref="Who"/>, their application.</summary>
internal static class MatrixAccounts
{
    public static async Task<HttpClient> ClientAsync(TestApp app, Who who)
    {
        var client = app.Client();
        if (who == Who.Anonymous)
        {
            return client;
        }
        if (who == Who.Admin)
        {
            await client.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
            return client;
        }
        var role = who switch
        {
            Who.Applicant or Who.OtherApplicant => Roles.Applicant,
            Who.Employer or Who.OtherEmployer => Roles.Employer,
            Who.Expert or Who.OtherExpert => Roles.Expert,
            _ => Roles.Officer,
        };
        var email = $"{who.ToString().ToLowerInvariant()}@test.localhost";
        const string Password = "Matrix-Password-123";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = who.ToString() };
            if (role == Roles.Employer)
            {
                // Employer accounts act for an approved organisation of their own.
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var employer = new Employer { NameZh = who.ToString(), NameEn = who.ToString(), CreditCode = who == Who.Employer ? "91440101MA5CYL2X3E" : "91440106MA59B8F21T", District = "440106", ContactName = "HR", ContactEmail = email, Status = EmployerStatus.Approved };
                db.Employers.Add(employer);
                await db.SaveChangesAsync();
                user.EmployerId = employer.Id;
            }
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            if (role == Roles.Expert)
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                db.Experts.Add(new Expert { UserId = user.Id, NameZh = "专家", NameEn = who.ToString(), Email = email, TitleHeld = "SE", EmployerName = "Matrix institute", Specialties = ["computer-networks"], TermFrom = new(2025, 1, 1), TermTo = new(2027, 12, 31), CreatedBy = "matrix" });
                await db.SaveChangesAsync();
            }
        }
        var response = await client.SignInAsync(email, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>
    /// A submitted application of Who.Applicant naming Who.Employer's organisation, with one stored document;
    /// Who.OtherEmployer acts for another organisation.
    /// </summary>
    public static async Task<(Guid Application, Guid Document)> SeedApplicationAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var files = scope.ServiceProvider.GetRequiredService<TitleBridge.Web.Infrastructure.Files.IFileStore>();
        Employer NewEmployer(string name) => new() { NameZh = name, NameEn = name, CreditCode = Guid.NewGuid().ToString("N")[..18].ToUpperInvariant(), District = "440106", ContactName = "HR", ContactEmail = "hr@test.localhost", Status = EmployerStatus.Approved };
        var employer = NewEmployer("Matrix employer");
        var other = NewEmployer("Other matrix employer");
        db.Employers.AddRange(employer, other);
        var users = db.Users.ToList();
        users.Single(u => u.Email == "employer@test.localhost").EmployerId = employer.Id;
        users.Single(u => u.Email == "otheremployer@test.localhost").EmployerId = other.Id;
        var application = new Application
        {
            ApplicantId = users.Single(u => u.Email == "applicant@test.localhost").Id,
            CycleYear = 2026,
            State = TitleBridge.Domain.Applications.ApplicationState.Submitted,
            Reference = "GZ-2026-000999",
            EmployerId = employer.Id,
        };
        db.Applications.Add(application);
        var stored = await files.SaveAsync(new MemoryStream("%PDF-1.4 matrix"u8.ToArray()));
        var document = new ApplicationDocument { ApplicationId = application.Id, Part = "identity", FileName = "id.pdf", ContentType = "application/pdf", Size = stored.Size, Sha256 = stored.Sha256, StorageKey = stored.Key, UploadedBy = application.ApplicantId };
        db.ApplicationDocuments.Add(document);
        await db.SaveChangesAsync();
        return (application.Id, document.Id);
    }
}
