using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using TitleBridge.Web.Tests.Infrastructure;

namespace TitleBridge.Web.Tests.Catalogue;

/// <summary>The officer's import page: all or nothing, every problem with its row, column and reason.</summary>
public sealed class CatalogueImportTests
{
    private const string Header = "code,sector,level,name_en,name_zh,abbreviation,issuer_en,issuer_zh,country_region,specialty,aliases,basis,notes";

    private static string Row(string code, string sector = "IT", string level = "E", string nameEn = "Example Professional", string specialty = "computer-software", string country = "US", string basis = "official", string notes = "validity: 3y") =>
        $"{code},{sector},{level},{nameEn} {code},示例资格{code},EX,Example Body,示例机构,{country},{specialty},EX-1;示例,{basis},{notes}";

    private static byte[] Csv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");

    public static TheoryData<Provider, string, byte[], int?, string, string> BadFiles()
    {
        var data = new TheoryData<Provider, string, byte[], int?, string, string>();
        foreach (var provider in new[] { Provider.Sqlite, Provider.Postgres })
        {
            data.Add(provider, "wrong-header.csv", Csv(Header.Replace("name_en", "title_en"), Row("X-1")), 1, "name_en", "has no column");
            data.Add(provider, "unknown-sector.csv", Csv(Header, Row("X-1"), Row("X-2", sector: "ZZ")), 3, "sector", "ZZ");
            data.Add(provider, "unknown-level.csv", Csv(Header, Row("X-1", level: "PSE")), 2, "level", "PSE");
            data.Add(provider, "unknown-specialty.csv", Csv(Header, Row("X-1"), Row("X-2"), Row("X-3", specialty: "astrology")), 4, "specialty", "astrology");
            data.Add(provider, "duplicate-code.csv", Csv(Header, Row("X-1"), Row("X-1", nameEn: "Other")), 3, "code", "X-1");
            data.Add(provider, "missing-field.csv", Csv(Header, Row("X-1", country: "")), 2, "country_region", "");
            data.Add(provider, "gbk.csv", [.. Encoding.UTF8.GetBytes(Header + "\r\n" + Row("X-1") + "\r\n"), .. new byte[] { 0xD6, 0xD0, 0xCE, 0xC4, (byte)',', (byte)'\r', (byte)'\n' }], 3, "file", "UTF-8");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Import_BadFile_IsRejectedWithRowColumnAndReason_AndNothingChanges(
        Provider provider, string fileName, byte[] content, int? row, string column, string reasonContains)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.Client();
        await client.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var before = await app.CatalogueFingerprintAsync();

        var response = await ImportAsync(client, "bad-edition", fileName, content);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problems = await ProblemsAsync(response);
        Assert.Contains(problems, p => p.Row == row?.ToString() && p.Column == column && p.Reason.Contains(reasonContains, StringComparison.Ordinal));
        Assert.Equal(before, await app.CatalogueFingerprintAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Import_SeveralProblems_ListsEveryOne(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.Client("zh-CN");
        await client.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);

        var response = await ImportAsync(client, "bad-edition", "many.csv",
            Csv(Header, Row("X-1", sector: "ZZ"), Row("X-2", level: "Q"), Row("X-3", country: "Atlantis")));

        var problems = await ProblemsAsync(response);
        Assert.Contains(problems, p => p is { Row: "2", Column: "sector" });
        Assert.Contains(problems, p => p is { Row: "3", Column: "level" });
        Assert.Contains(problems, p => p is { Row: "4", Column: "country_region" });
        Assert.All(problems, p => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", p.Reason));
    }

    [Fact]
    public async Task Import_FileNamedXlsxThatIsNot_IsRejected()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var client = app.Client();
        await client.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);

        var response = await ImportAsync(client, "bad-edition", "catalogue.xlsx", Csv(Header, Row("X-1")));

        var problems = await ProblemsAsync(response);
        Assert.Contains(problems, p => p.Column == "file" && p.Reason.Contains("Excel", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Import_GoodFileWithOtherCounts_MakesADraft_ThatPublishesOnlyWithAReason(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.Client();
        await client.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);

        var imported = await ImportAsync(client, "guangzhou-2026", "small.csv", Csv(Header, Row("X-1"), Row("X-2", level: "AE")));
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        var page = await client.GetStringAsync("/officer/catalogue/editions/guangzhou-2026");
        Assert.Contains("differ from the declared totals", page);

        var withoutReason = await PublishAsync(client, "guangzhou-2026", "2026-12-01", reason: null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, withoutReason.StatusCode);
        Assert.Equal("guangzhou-2025", (await client.GetJsonAsync("/api/catalogue/search?q=x")).GetProperty("edition").GetString());

        var withReason = await PublishAsync(client, "guangzhou-2026", "2026-12-01", reason: "Official annex has only two rows in this test");
        Assert.Equal(HttpStatusCode.Redirect, withReason.StatusCode);
        var editions = await client.GetJsonAsync("/api/catalogue/editions");
        var old = editions.EnumerateArray().Single(e => e.GetProperty("id").GetString() == "guangzhou-2025");
        Assert.Equal("2026-11-30", old.GetProperty("effectiveTo").GetString());
        var audit = await app.QueryAsync(db => Task.FromResult(db.AuditEvents.Where(a => a.Type == "CatalogueEditionPublished" && a.Subject == "edition:guangzhou-2026").Select(a => a.Reason).ToList()));
        Assert.Equal(["Official annex has only two rows in this test"], audit);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Export_ThenImport_RoundTripsEveryEntry_AndTheDiffIsEmpty(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.Client();
        await client.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);

        foreach (var format in new[] { "csv", "xlsx" })
        {
            var exported = await client.GetByteArrayAsync($"/api/catalogue/editions/guangzhou-2025/export?format={format}");
            var response = await ImportAsync(client, $"copy-{format}", $"export.{format}", exported);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var page = await client.GetStringAsync($"/officer/catalogue/editions/copy-{format}");
            Assert.Contains("0 added, 0 removed, 0 changed.", page);
            Assert.Contains("The imported counts match the declared totals.", page);
        }
        var json = await client.GetJsonAsync("/api/catalogue/editions/guangzhou-2025/export?format=json");
        Assert.Equal(170, json.GetProperty("entries").GetArrayLength());
    }

    [Fact]
    public async Task Import_ChangedLevelAndRemovedRow_ShowsInTheDiff()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var client = app.Client();
        await client.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync("/api/catalogue/editions/guangzhou-2025/export?format=csv"));
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();
        lines.RemoveAll(l => l.StartsWith("GZ2025-EM-009,", StringComparison.Ordinal));
        var i = lines.FindIndex(l => l.StartsWith("GZ2025-IT-001,", StringComparison.Ordinal));
        lines[i] = lines[i].Replace("GZ2025-IT-001,IT,AE,", "GZ2025-IT-001,IT,E,", StringComparison.Ordinal);

        await ImportAsync(client, "changed", "changed.csv", Csv([.. lines]));
        var page = await client.GetStringAsync("/officer/catalogue/editions/changed");

        Assert.Contains("0 added, 1 removed, 1 changed.", page);
        Assert.Contains("GZ2025-EM-009", page);
    }

    [Fact]
    public async Task ImportPage_Anonymous_IsRedirectedToSignIn()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var response = await app.Client().GetAsync("/officer/catalogue/import");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task DraftExport_Anonymous_IsForbidden()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var officer = app.Client();
        await officer.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        await ImportAsync(officer, "draft-1", "d.csv", Csv(Header, Row("X-1")));

        var anonymous = await app.Client().GetAsync("/api/catalogue/editions/draft-1/export?format=csv");

        Assert.True(anonymous.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, anonymous.StatusCode.ToString());
    }

    internal static async Task<HttpResponseMessage> ImportAsync(HttpClient client, string editionId, string fileName, byte[] content)
    {
        var form = await client.GetStringAsync("/officer/catalogue/import");
        using var body = new MultipartFormDataContent
        {
            { new StringContent(Http.AntiforgeryToken(form)), "__RequestVerificationToken" },
            { new StringContent(editionId), "EditionId" },
            { new StringContent("Test edition"), "NameEn" },
            { new StringContent("测试版次"), "NameZh" },
            { new StringContent("Guangzhou Municipal Human Resources and Social Security Bureau"), "IssuerEn" },
            { new StringContent("广州市人力资源和社会保障局"), "IssuerZh" },
            { new StringContent("2026-11-01"), "AnnouncedOn" },
            { new StringContent("Official"), "DataStatus" },
            { new StringContent("50"), "ByLevel[AE]" },
            { new StringContent("90"), "ByLevel[E]" },
            { new StringContent("30"), "ByLevel[SE]" },
            { new StringContent("58"), "BySector[IT]" },
            { new StringContent("46"), "BySector[EC]" },
            { new StringContent("22"), "BySector[AM]" },
            { new StringContent("22"), "BySector[BH]" },
            { new StringContent("13"), "BySector[GD]" },
            { new StringContent("9"), "BySector[EM]" },
            { new ByteArrayContent(content), "Upload", fileName },
        };
        return await client.PostAsync("/officer/catalogue/import", body);
    }

    private static async Task<HttpResponseMessage> PublishAsync(HttpClient client, string editionId, string effectiveFrom, string? reason)
    {
        var page = await client.GetStringAsync($"/officer/catalogue/editions/{editionId}");
        var document = new HtmlParser().ParseDocument(page);
        var stamp = document.QuerySelector("input[name=Stamp]")!.GetAttribute("value")!;
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Http.AntiforgeryToken(page),
            ["Stamp"] = stamp,
            ["EffectiveFrom"] = effectiveFrom,
        };
        if (reason is not null)
        {
            fields["OverrideReason"] = reason;
        }
        return await client.PostAsync($"/officer/catalogue/editions/{editionId}?handler=Publish", new FormUrlEncodedContent(fields));
    }

    private sealed record ShownProblem(string Row, string Column, string Reason);

    private static async Task<IReadOnlyList<ShownProblem>> ProblemsAsync(HttpResponseMessage response)
    {
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        return document.QuerySelectorAll("table.problems tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray())
            .Select(c => new ShownProblem(c[0] == "–" ? "" : c[0], c[1], c[2]))
            .ToList();
    }
}
