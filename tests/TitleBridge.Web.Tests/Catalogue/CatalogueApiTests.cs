using System.Net;
using System.Text.Json;
using TitleBridge.Web.Tests.Infrastructure;

namespace TitleBridge.Web.Tests.Catalogue;

public sealed class CatalogueApiTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Editions_FirstStart_ListsTheShippedEditionInForceWithDeclaredTotals(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var editions = await app.Client().GetJsonAsync("/api/catalogue/editions");

        var edition = Assert.Single(editions.EnumerateArray());
        Assert.Equal("guangzhou-2025", edition.GetProperty("id").GetString());
        Assert.Equal("published", edition.GetProperty("status").GetString());
        Assert.True(edition.GetProperty("inForce").GetBoolean());
        Assert.Equal("illustrative", edition.GetProperty("dataStatus").GetString());
        Assert.Equal(170, edition.GetProperty("entryCount").GetInt32());
        var totals = edition.GetProperty("declaredTotals");
        Assert.Equal(170, totals.GetProperty("total").GetInt32());
        Assert.Equal(90, totals.GetProperty("byLevel").GetProperty("E").GetInt32());
        Assert.Equal(58, totals.GetProperty("bySector").GetProperty("IT").GetInt32());
        Assert.Contains("NOT the official annex", edition.GetProperty("dataNote").GetProperty("en").GetString());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Entries_FilteredBySectorAndLevel_ReturnsTheMatrixCellPaged(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.Client();

        var page1 = await client.GetJsonAsync("/api/catalogue/entries?sector=IT&level=AE&page=1&pageSize=10");
        var page3 = await client.GetJsonAsync("/api/catalogue/entries?sector=IT&level=AE&page=3&pageSize=10");

        Assert.Equal(22, page1.GetProperty("total").GetInt32());
        Assert.Equal(10, page1.GetProperty("items").GetArrayLength());
        Assert.Equal(2, page3.GetProperty("items").GetArrayLength());
        Assert.All(page1.GetProperty("items").EnumerateArray(), e =>
        {
            Assert.Equal("IT", e.GetProperty("sector").GetString());
            Assert.Equal("AE", e.GetProperty("level").GetString());
        });
        var codes = page1.GetProperty("items").EnumerateArray().Concat(page3.GetProperty("items").EnumerateArray())
            .Select(e => e.GetProperty("code").GetString()).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Entries_FilteredByCountryRegion_FindsHongKongRows(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var page = await app.Client().GetJsonAsync("/api/catalogue/entries?country=HK&pageSize=100");

        Assert.Equal(17, page.GetProperty("total").GetInt32());
        Assert.All(page.GetProperty("items").EnumerateArray(), e => Assert.Equal("HK", e.GetProperty("countryRegion").GetString()));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Entry_ByCode_HasEveryFieldOfTheContract(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var entry = await app.Client().GetJsonAsync("/api/catalogue/entries/GZ2025-IT-026");

        Assert.Equal("GZ2025-IT-026", entry.GetProperty("code").GetString());
        Assert.Equal("IT", entry.GetProperty("sector").GetString());
        Assert.Equal("E", entry.GetProperty("level").GetString());
        Assert.Equal("Microsoft Certified: Azure Solutions Architect Expert", entry.GetProperty("nameEn").GetString());
        Assert.Equal("微软认证：Azure解决方案架构师专家", entry.GetProperty("nameZh").GetString());
        Assert.Equal("AZ-305", entry.GetProperty("abbreviation").GetString());
        Assert.Equal("Microsoft Corporation", entry.GetProperty("issuerEn").GetString());
        Assert.Equal("微软公司", entry.GetProperty("issuerZh").GetString());
        Assert.Equal("US", entry.GetProperty("countryRegion").GetString());
        Assert.Equal("computer-networks", entry.GetProperty("specialty").GetString());
        Assert.Contains("AZ-305", entry.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("named-in-announcement", entry.GetProperty("basis").GetString());
        Assert.Equal(1, entry.GetProperty("validityYears").GetInt32());
        Assert.Equal(
            "expert tier of Microsoft's 3-tier role-based scheme; AZ-305 with AZ-104 prerequisite; validity: 1y (free annual renewal)",
            entry.GetProperty("notes").GetProperty("en").GetString());
        Assert.Equal(
            "微软三级岗位认证体系中的专家级；考试 AZ-305，须先取得 AZ-104；有效期1年（每年免费续证）",
            entry.GetProperty("notes").GetProperty("zh").GetString());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Entry_WithoutValidityToken_HasNullValidityYears(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var entries = await app.Client().GetJsonAsync("/api/catalogue/entries?pageSize=100&sector=EC");
        var withoutToken = entries.GetProperty("items").EnumerateArray().First(e => !e.GetProperty("notes").GetProperty("en").GetString()!.Contains("validity:"));

        Assert.Equal(JsonValueKind.Null, withoutToken.GetProperty("validityYears").ValueKind);
    }

    [Theory]
    [InlineData("en", "No such catalogue entry.")]
    [InlineData("zh-CN", "目录中没有该条目。")]
    public async Task Entry_UnknownCode_Is404ProblemDetailsInTheUsersLanguage(string language, string title)
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var response = await app.Client(language).GetAsync("/api/catalogue/entries/NOPE-1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Contains("NOPE-1", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/catalogue/entries?sector=XX", "sector")]
    [InlineData("/api/catalogue/entries?level=PSE", "level")]
    [InlineData("/api/catalogue/entries?country=ZZ", "country")]
    [InlineData("/api/catalogue/entries?page=0", "page")]
    [InlineData("/api/catalogue/entries?pageSize=1000", "pageSize")]
    [InlineData("/api/catalogue/search?q=aws&limit=0", "limit")]
    public async Task BadFilters_Are400ProblemDetailsNamingTheField(string url, string field)
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var response = await app.Client().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error for {field}: {errors}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
    }

    [Fact]
    public async Task BadFilters_BothFieldsWrong_NamesEveryField()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var response = await app.Client("zh-CN").GetAsync("/api/catalogue/entries?sector=XX&level=Q");

        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.Contains("未知的领域", errors.GetProperty("sector")[0].GetString());
        Assert.Contains("未知的层级", errors.GetProperty("level")[0].GetString());
    }

    [Fact]
    public async Task Entries_UnknownEdition_Is404()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var response = await app.Client().GetAsync("/api/catalogue/entries?edition=nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("nope", (await response.JsonAsync()).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("az305", "GZ2025-IT-026")]
    [InlineData("AZ 305", "GZ2025-IT-026")]
    [InlineData("azrue solutions architect", "GZ2025-IT-026")]
    [InlineData("思科 专家", "GZ2025-IT-053")]
    [InlineData("ccna", "GZ2025-IT-008")]
    public async Task Search_WhatPeopleType_FindsTheRightEntryFirst(string query, string expected)
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var result = await app.Client().GetJsonAsync($"/api/catalogue/search?q={Uri.EscapeDataString(query)}&limit=5");

        Assert.Equal("guangzhou-2025", result.GetProperty("edition").GetString());
        var first = result.GetProperty("items")[0];
        Assert.Equal(expected, first.GetProperty("code").GetString());
        foreach (var field in new[] { "nameEn", "nameZh", "sector", "level" })
        {
            Assert.False(string.IsNullOrEmpty(first.GetProperty(field).GetString()));
        }
        var scores = result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
    }

    [Fact]
    public async Task Search_BlankQuery_ReturnsNoItems()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var result = await app.Client().GetJsonAsync("/api/catalogue/search?q=%20");

        Assert.Equal(0, result.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task CatalogueReads_CarryETag_AndAnswer304WhenUnchanged()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var client = app.Client();
        var first = await client.GetAsync("/api/catalogue/entries?sector=GD");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.Contains("max-age", first.Headers.CacheControl?.ToString());

        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/catalogue/entries?sector=GD");
        again.Headers.IfNoneMatch.Add(etag);
        var second = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);

        var other = await client.GetAsync("/api/catalogue/entries?sector=EM");
        Assert.NotEqual(etag, other.Headers.ETag);
    }

    [Fact]
    public async Task OpenApi_DescribesTheCatalogueEndpoints_AndTheReferencePageIsServed()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var client = app.Client();
        var document = await client.GetJsonAsync("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/catalogue/editions", "/api/catalogue/entries", "/api/catalogue/entries/{code}", "/api/catalogue/search" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }
        var docs = await client.GetAsync("/api/docs/");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("text/html", docs.Content.Headers.ContentType?.MediaType);
    }
}
