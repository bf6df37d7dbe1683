using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using TitleBridge.Web.Data;
using TitleBridge.Web.Tests.Infrastructure;

namespace TitleBridge.Web.Tests.Review;

/// <summary>
/// Anonymous by construction (docs/decisions/0020-anonymous-ballot.md): the schema itself cannot join a
/// vote's choice to a voter. Read from the EF model of both providers, so a new column or table that
/// could do it fails here.
/// </summary>
public sealed class BallotAnonymityTests
{
    private static readonly string[] ChoiceWords = ["Yes", "No", "Abstain", "Choice", "Vote"];

    private static bool IdentifiesAPerson(IProperty p) =>
        p.Name.Contains("Expert", StringComparison.OrdinalIgnoreCase) || p.Name.Contains("User", StringComparison.OrdinalIgnoreCase)
        || p.Name.Contains("Voter", StringComparison.OrdinalIgnoreCase) || p.Name.Contains("Actor", StringComparison.OrdinalIgnoreCase)
        || p.GetContainingForeignKeys().Any(fk => fk.PrincipalEntityType.ClrType == typeof(Expert) || fk.PrincipalEntityType.ClrType == typeof(AppUser));

    private static bool HoldsAChoice(IProperty p) =>
        ChoiceWords.Any(w => p.Name.Equals(w, StringComparison.OrdinalIgnoreCase) || p.Name.EndsWith(w, StringComparison.Ordinal) && p.Name.Length <= w.Length + 6);

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task NoTable_HoldsBothAVoterAndAChoice_AndHasVotedHoldsNothingElse(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await using var scope = app.Services.CreateAsyncScope();
        var model = scope.ServiceProvider.GetRequiredService<AppDbContext>().Model;

        foreach (var entity in model.GetEntityTypes())
        {
            var properties = entity.GetProperties().ToList();
            var choices = properties.Where(HoldsAChoice).Select(p => p.Name).ToList();
            var people = properties.Where(IdentifiesAPerson).Select(p => p.Name).ToList();
            Assert.True(choices.Count == 0 || people.Count == 0, $"{entity.GetTableName()} holds a choice ({string.Join(", ", choices)}) and a person ({string.Join(", ", people)})");
        }

        // The ballot row: counts and the file, nothing that names or orders voters.
        var ballot = model.FindEntityType(typeof(Ballot))!;
        Assert.DoesNotContain(ballot.GetProperties(), IdentifiesAPerson);
        Assert.DoesNotContain(ballot.GetNavigations(), n => n.TargetEntityType.ClrType == typeof(BallotVoter));

        // Has-voted: exactly (ballot, expert) as its key; no timestamp, no generated identity whose order is the order of voting.
        var voter = model.FindEntityType(typeof(BallotVoter))!;
        Assert.Equal(["BallotId", "ExpertId"], voter.GetProperties().Select(p => p.Name).Order());
        Assert.Equal(["BallotId", "ExpertId"], voter.FindPrimaryKey()!.Properties.Select(p => p.Name).Order());
        Assert.All(voter.GetProperties(), p => Assert.Equal(ValueGenerated.Never, p.ValueGenerated));
        Assert.All(voter.GetProperties(), p => Assert.NotEqual(typeof(DateTimeOffset), Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType));
    }
}
