using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using TitleBridge.Web.Tests.Infrastructure;

namespace TitleBridge.Web.Tests.Catalogue;

/// <summary>Issue #11: the catalogue's notes in the reader's language, in the API, on the page and through the import (decision 0039).</summary>
public sealed class CatalogueNotesTests
{
    private const string NoteEn = "requires 一級建築士 + ≥5 yrs structural design + course & exam; validity: none (periodic mandatory training)";
    private const string NoteZh = "须持有一级建筑士资格，具5年以上结构设计经验并完成课程及考试；长期有效（定期参加法定培训）";

    private const string Header13 = "code,sector,level,name_en,name_zh,abbreviation,issuer_en,issuer_zh,country_region,specialty,aliases,basis,notes";

    private static string Cells13(string code, string notes) =>
        $"{code},IT,E,Notes Example {code},备注示例{code},NE,Example Body,示例机构,US,computer-software,NE-1,official,{notes}";

    private static byte[] Csv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task EntryApi_AnswersTheNotesInBothLanguages(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);

        var entry = await app.Client().GetJsonAsync("/api/catalogue/entries/GZ2025-EC-045");
        var listed = (await app.Client("zh-CN").GetJsonAsync("/api/catalogue/entries?sector=EC&pageSize=100"))
            .GetProperty("items").EnumerateArray().Single(e => e.GetProperty("code").GetString() == "GZ2025-EC-045");

        foreach (var notes in new[] { entry.GetProperty("notes"), listed.GetProperty("notes") })
        {
            Assert.Equal(["en", "zh"], notes.EnumerateObject().Select(p => p.Name));
            Assert.Equal(NoteEn, notes.GetProperty("en").GetString());
            Assert.Equal(NoteZh, notes.GetProperty("zh").GetString());
        }
    }

    public static TheoryData<Provider, string, string> PagesInEachLanguage()
    {
        var data = new TheoryData<Provider, string, string>();
        foreach (var provider in new[] { Provider.Sqlite, Provider.Postgres })
        {
            data.Add(provider, "en", NoteEn);
            data.Add(provider, "zh-CN", NoteZh);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(PagesInEachLanguage))]
    public async Task EntryPage_ShowsTheNoteInTheReadersLanguage(Provider provider, string language, string expected)
    {
        await using var app = await TestApp.StartAsync(provider);

        var page = await app.Client(language).GetStringAsync("/catalogue/entries/GZ2025-EC-045");

        var notes = new HtmlParser().ParseDocument(page).QuerySelector("#entry-notes");
        Assert.NotNull(notes);
        Assert.Equal(expected, notes.TextContent);
        Assert.Null(notes.GetAttribute("lang"));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Import_FileWithNotesZh_KeepsBothLanguagesOfEachNote(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.Client();
        await client.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);

        var response = await CatalogueImportTests.ImportAsync(client, "notes-both", "notes.csv", Csv(
            Header13 + ",notes_zh",
            Cells13("N-1", "performance-based exam EX200; validity: 3y") + ",实操考试 EX200；有效期3年",
            Cells13("N-2", "") + ","));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var entries = (await client.GetJsonAsync("/api/catalogue/editions/notes-both/export?format=json")).GetProperty("entries");
        var notes = entries.EnumerateArray().ToDictionary(e => e.GetProperty("code").GetString()!, e => e.GetProperty("notes"));
        Assert.Equal(("performance-based exam EX200; validity: 3y", "实操考试 EX200；有效期3年"), (notes["N-1"].GetProperty("en").GetString(), notes["N-1"].GetProperty("zh").GetString()));
        Assert.Equal(("", ""), (notes["N-2"].GetProperty("en").GetString(), notes["N-2"].GetProperty("zh").GetString()));
        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync("/api/catalogue/editions/notes-both/export?format=csv"));
        Assert.StartsWith(Header13 + ",notes_zh\r\n", csv, StringComparison.Ordinal);
        Assert.Contains(",performance-based exam EX200; validity: 3y,实操考试 EX200；有效期3年\r\n", csv, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Import_FileWithoutNotesZh_ImportsTheNotesAsEnglishOnly(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.Client();
        await client.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);

        var response = await CatalogueImportTests.ImportAsync(client, "notes-english", "old.csv", Csv(
            Header13, Cells13("N-1", "entry-level; validity: 2y")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var entry = Assert.Single((await client.GetJsonAsync("/api/catalogue/editions/notes-english/export?format=json")).GetProperty("entries").EnumerateArray());
        Assert.Equal("entry-level; validity: 2y", entry.GetProperty("notes").GetProperty("en").GetString());
        Assert.Equal("", entry.GetProperty("notes").GetProperty("zh").GetString());
        Assert.Equal(2, entry.GetProperty("validityYears").GetInt32());
    }

    public static TheoryData<Provider, string, string> HalfTranslatedFiles()
    {
        var data = new TheoryData<Provider, string, string>();
        foreach (var provider in new[] { Provider.Sqlite, Provider.Postgres })
        {
            data.Add(provider, "en", "The column \"notes_zh\" is empty but \"notes\" has a note; write the note in Chinese too, so Chinese pages do not show it in English.");
            data.Add(provider, "zh-CN", "“notes”列有备注，但“notes_zh”列为空；请同时填写中文备注，以免中文页面显示英文备注。");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(HalfTranslatedFiles))]
    public async Task Import_NoteWithoutItsChineseText_IsRefusedNamingTheColumn_AndNothingChanges(Provider provider, string language, string reason)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.Client(language);
        await client.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var before = await app.CatalogueFingerprintAsync();

        var response = await CatalogueImportTests.ImportAsync(client, "notes-half", "half.csv", Csv(
            Header13 + ",notes_zh",
            Cells13("N-1", "entry-level") + ",入门级",
            Cells13("N-2", "associate tier; validity: 3y") + ","));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var rows = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync())
            .QuerySelectorAll("table.problems tbody tr")
            .Select(tr => string.Join(" | ", tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim())))
            .ToList();
        Assert.Equal([$"3 | notes_zh | {reason}"], rows);
        Assert.Equal(before, await app.CatalogueFingerprintAsync());
    }
}
