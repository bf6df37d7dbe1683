using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Tests.Infrastructure;

namespace TitleBridge.Web.Tests.Platform;

public sealed class AuditChainTests
{
    private static async Task AddEventsAsync(TestApp app, int count, string type = "Test")
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        for (var i = 0; i < count; i++)
        {
            db.AuditEvents.Add(new AuditEvent { At = DateTimeOffset.UtcNow, Actor = "tester", Type = type, Subject = $"thing:{i}", Data = $"{{\"n\":{i}}}" });
        }
        await db.SaveChangesAsync();
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Sealed_TheChainVerifies_AndATamperedEventIsNamed(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var chain = app.Services.GetRequiredService<AuditChain>();
        await AddEventsAsync(app, 5);
        await chain.SealAsync();
        var intact = await chain.VerifyAsync();
        Assert.True(intact.Intact, intact.Problem);
        Assert.Equal(0, intact.Unsealed);
        var total = intact.Sealed;

        await app.QueryAsync(db => db.AuditEvents.Where(e => e.Sequence == 3).ExecuteUpdateAsync(u => u.SetProperty(e => e.Actor, "mallory")));
        var broken = await chain.VerifyAsync();

        Assert.False(broken.Intact);
        Assert.Equal(3, broken.FirstBrokenSequence);
        Assert.True(total >= 5);
    }

    [Fact]
    public async Task DeletedEvent_BreaksTheChain()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var chain = app.Services.GetRequiredService<AuditChain>();
        await AddEventsAsync(app, 4);
        await chain.SealAsync();

        await app.QueryAsync(db => db.AuditEvents.Where(e => e.Sequence == 2).ExecuteDeleteAsync());

        Assert.Equal(2, (await chain.VerifyAsync()).FirstBrokenSequence);
    }

    [Fact]
    public async Task SeveralSealersAtOnceOnPostgres_OneChainWithoutGapsOrForks()
    {
        await using var app = await TestApp.StartAsync(Provider.Postgres);
        var chain = app.Services.GetRequiredService<AuditChain>();
        var writers = Enumerable.Range(0, 4).Select(async i =>
        {
            for (var round = 0; round < 5; round++)
            {
                await AddEventsAsync(app, 3, $"writer{i}");
                await chain.SealAsync();
            }
        });

        await Task.WhenAll(writers);
        await chain.SealAsync();

        var result = await chain.VerifyAsync();
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(0, result.Unsealed);
        Assert.Equal(await app.QueryAsync(db => db.AuditEvents.LongCountAsync()), result.Sealed);
    }
}
