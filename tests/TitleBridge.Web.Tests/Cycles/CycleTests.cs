using System.Net;
using System.Net.Http.Json;
using TitleBridge.Web.Tests.Infrastructure;

namespace TitleBridge.Web.Tests.Cycles;

public sealed class CycleTests
{
    private static object Usual(Guid? stamp = null) => new
    {
        opensOn = "2027-01-01",
        closesOn = "2027-03-31",
        countUntil = "2026-12-31",
        levels = new[] { "AE", "E", "SE" },
        specialties = Array.Empty<string>(),
        concurrencyStamp = stamp,
    };

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Officer_OpensACycle_EveryoneCanReadIt(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var officer = app.Client();
        await officer.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);

        var saved = await officer.PutAsJsonAsync("/api/cycles/2026", Usual());

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var cycles = await app.Client().GetJsonAsync("/api/cycles");
        var cycle = Assert.Single(cycles.EnumerateArray());
        Assert.Equal(2026, cycle.GetProperty("year").GetInt32());
        Assert.Equal("2026-12-31", cycle.GetProperty("countUntil").GetString());
        Assert.Equal(["AE", "E", "SE"], cycle.GetProperty("levels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(1, await app.QueryAsync(db => Task.FromResult(db.AuditEvents.Count(a => a.Subject == "cycle:2026"))));
    }

    [Fact]
    public async Task Anonymous_CannotChangeACycle()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var response = await app.Client().PutAsJsonAsync("/api/cycles/2026", Usual());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => Task.FromResult(db.Cycles.Count())));
    }

    [Fact]
    public async Task BadCycle_NamesEveryField_AndNothingIsSaved()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var officer = app.Client();
        await officer.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);

        var response = await officer.PutAsJsonAsync("/api/cycles/2026", new { opensOn = "2027-03-31", closesOn = "2027-01-01", levels = new[] { "XX" }, specialties = new[] { "astrology" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        foreach (var field in new[] { "ClosesOn", "CountUntil", "Levels", "Specialties" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"{field}: {errors}");
        }
        Assert.Equal(0, await app.QueryAsync(db => Task.FromResult(db.Cycles.Count())));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TwoOfficersChangingTheSameCycle_OneWins_TheOtherGets409(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var first = app.Client();
        await first.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        await first.PutAsJsonAsync("/api/cycles/2026", Usual());
        var stamp = await app.QueryAsync(db => Task.FromResult(db.Cycles.Single().ConcurrencyStamp));

        var a = await first.PutAsJsonAsync("/api/cycles/2026", Usual(stamp));
        var b = await first.PutAsJsonAsync("/api/cycles/2026", Usual(stamp));

        Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, b.StatusCode);
        Assert.Equal("application/problem+json", b.Content.Headers.ContentType?.MediaType);
    }
}
