using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TitleBridge.Web.Tests.Infrastructure;

namespace TitleBridge.Web.Tests.Eligibility;

public sealed class EligibilityApiTests
{
    /// <summary>AWS Solutions Architect – Associate (Assistant Engineer level) renewed without a gap, bachelor, ten years in networks in Guangzhou.</summary>
    private static object Engineer() => new
    {
        evaluationDate = "2026-11-27",
        qualifications = new[]
        {
            new
            {
                code = "GZ2025-IT-003",
                obtainedOn = "2020-03-01",
                validityPeriods = new[]
                {
                    new { from = "2020-03-01", to = "2023-02-28" },
                    new { from = "2023-03-01", to = "2026-02-28" },
                    new { from = "2026-03-01", to = "2029-02-28" },
                },
            },
        },
        degree = new { level = "bachelor", awardedOn = "2015-07-01" },
        work = new[] { new { from = "2016-01-01", to = (string?)null, specialty = "computer-networks", inGuangzhou = true, fullTime = true, country = "CN" } },
    };

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Check_RenewedAssociateWithTenYears_MayApplyForEngineerOneUp(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var response = await app.Client().PostAsJsonAsync("/api/eligibility/check", Engineer());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("guangzhou-engineering", body.GetProperty("ruleSet").GetProperty("id").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("ruleSet").GetProperty("version").GetString()));
        Assert.Equal("2026-11-27", body.GetProperty("evaluationDate").GetString());
        Assert.Equal("2026-11-27", body.GetProperty("countUntil").GetString());
        var levels = body.GetProperty("levels").EnumerateArray().ToList();
        Assert.Equal(["AE", "E", "SE", "PSE"], levels.Select(l => l.GetProperty("level").GetString()));
        Assert.Equal("eligible", levels[0].GetProperty("status").GetString());
        Assert.Equal("equivalent", levels[0].GetProperty("via").GetProperty("route").GetString());
        Assert.Equal("eligible", levels[1].GetProperty("status").GetString());
        Assert.Equal("GZ2025-IT-003", levels[1].GetProperty("via").GetProperty("code").GetString());
        Assert.Equal("oneUp", levels[1].GetProperty("via").GetProperty("route").GetString());
        Assert.Equal("notEligible", levels[2].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, levels[2].GetProperty("via").ValueKind);
        Assert.Equal("notEligible", levels[3].GetProperty("status").GetString());
        foreach (var level in levels)
        {
            var rules = level.GetProperty("rules").EnumerateArray().ToList();
            Assert.NotEmpty(rules);
            Assert.All(rules, r =>
            {
                Assert.Contains(r.GetProperty("outcome").GetString(), new[] { "met", "notMet", "notApplicable" });
                Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("reason").GetProperty("en").GetString()));
                Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", r.GetProperty("reason").GetProperty("zh").GetString());
            });
        }
        var ids = levels[1].GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "CAT", "VALID", "HOLD", "LOCAL", "EXP", "UP" }, ids);
    }

    [Fact]
    public async Task Check_RecentCertificate_EngineerIsEligibleFromTheSecondAnniversary()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var response = await app.Client().PostAsJsonAsync("/api/eligibility/check", new
        {
            evaluationDate = "2026-11-27",
            qualifications = new[] { new { code = "GZ2025-IT-003", obtainedOn = "2025-06-01" } },
            degree = new { level = "bachelor", awardedOn = "2015-07-01" },
            work = new[] { new { from = "2016-01-01", to = (string?)null, specialty = "computer-networks", inGuangzhou = true, fullTime = true } },
        });

        var engineer = (await response.JsonAsync()).GetProperty("levels")[1];
        Assert.Equal("eligibleFrom", engineer.GetProperty("status").GetString());
        Assert.Equal("2027-06-01", engineer.GetProperty("eligibleFrom").GetString());
        Assert.Equal(2027, engineer.GetProperty("eligibleFromEvaluationYear").GetInt32());
    }

    [Fact]
    public async Task Check_TitleAlreadyHeld_IsReportedAsAlreadyHeld()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var request = JsonSerializer.SerializeToNode(Engineer())!;
        request["titlesHeld"] = JsonSerializer.SerializeToNode(new[] { new { level = "E", obtainedOn = "2022-01-01" } });

        var levels = (await (await app.Client().PostAsJsonAsync("/api/eligibility/check", request)).JsonAsync()).GetProperty("levels");

        Assert.Equal("alreadyHeld", levels[0].GetProperty("status").GetString());
        Assert.Equal("alreadyHeld", levels[1].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Check_WithoutEvaluationDate_UsesTodayInGuangzhou()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var request = JsonSerializer.SerializeToNode(Engineer())!.AsObject();
        request.Remove("evaluationDate");

        var body = await (await app.Client().PostAsJsonAsync("/api/eligibility/check", request)).JsonAsync();

        var today = app.Today.ToString("yyyy-MM-dd");
        Assert.Equal(today, body.GetProperty("evaluationDate").GetString());
    }

    public static TheoryData<string, string[]> BadRequests() => new()
    {
        // unknown catalogue code and specialty
        { """{"evaluationDate":"2026-11-27","qualifications":[{"code":"NOPE","obtainedOn":"2020-01-01"}],"degree":{"level":"bachelor","awardedOn":"2015-07-01"},"work":[{"from":"2016-01-01","to":null,"specialty":"astrology","inGuangzhou":true,"fullTime":true}]}""",
          ["qualifications[0].code", "work[0].specialty"] },
        // impossible date and a period that ends before it starts
        { """{"evaluationDate":"2026-02-30","qualifications":[{"code":"GZ2025-IT-003","obtainedOn":"2020-01-01","validityPeriods":[{"from":"2023-01-01","to":"2022-01-01"}]}],"degree":{"level":"bachelor","awardedOn":"2015-07-01"},"work":[]}""",
          ["evaluationDate", "qualifications[0].validityPeriods[0]"] },
        // unknown enum values
        { """{"evaluationDate":"2026-11-27","qualifications":[],"degree":{"level":"wizard","awardedOn":"2015-07-01"},"work":[],"titlesHeld":[{"level":"XL","obtainedOn":"2020-01-01"}]}""",
          ["degree.level", "titlesHeld[0].level"] },
        // missing required fields
        { """{"evaluationDate":"2026-11-27"}""",
          ["qualifications", "degree", "work"] },
        { """{"evaluationDate":"2026-11-27","qualifications":[{"obtainedOn":"2020-01-01"}],"degree":{"level":"bachelor"},"work":[{"specialty":"computer-networks","inGuangzhou":true,"fullTime":true}]}""",
          ["qualifications[0].code", "degree.awardedOn", "work[0].from"] },
        // wrong JSON type
        { """{"evaluationDate":"2026-11-27","qualifications":[],"degree":{"level":"bachelor","awardedOn":"2015-07-01"},"work":[{"from":"2016-01-01","specialty":"computer-networks","inGuangzhou":"yes","fullTime":true}]}""",
          ["work[0].inGuangzhou"] },
        // not JSON at all
        { "this is not json", ["body"] },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Check_BadInput_Is400NamingEveryOffendingField(string json, string[] fields)
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var response = await app.Client().PostAsync("/api/eligibility/check", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        foreach (var field in fields)
        {
            Assert.True(errors.EnumerateObject().Any(e => e.Name.StartsWith(field, StringComparison.OrdinalIgnoreCase)), $"no error for {field}: {errors}");
        }
    }

    [Fact]
    public async Task Check_BadInput_MessagesFollowTheLanguage()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var json = """{"evaluationDate":"2026-11-27","qualifications":[{"code":"NOPE","obtainedOn":"2020-01-01"}],"degree":{"level":"bachelor","awardedOn":"2015-07-01"},"work":[]}""";

        var response = await app.Client("zh-CN").PostAsync("/api/eligibility/check", new StringContent(json, Encoding.UTF8, "application/json"));

        var message = (await response.JsonAsync()).GetProperty("errors").GetProperty("qualifications[0].code")[0].GetString();
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", message);
    }

    [Fact]
    public async Task RuleSet_InForce_ListsEveryRuleAndParameterWithItsSource()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var ruleSet = await app.Client().GetJsonAsync("/api/eligibility/rule-set?date=2026-01-01");

        Assert.Equal(["HELD", "CAT", "VALID", "HOLD", "LOCAL", "EXP", "EQUIV", "UP", "COUNT"],
            ruleSet.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        var parameters = ruleSet.GetProperty("parameters").EnumerateArray().ToList();
        Assert.Contains(parameters, p => p.GetProperty("name").GetString() == "AE→E holdYears" && p.GetProperty("value").GetString() == "2" && !p.GetProperty("confirmedForGuangzhou").GetBoolean());
        Assert.All(parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.GetProperty("source").GetString())));
    }
}
