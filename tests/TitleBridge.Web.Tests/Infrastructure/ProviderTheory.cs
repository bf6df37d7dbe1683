namespace TitleBridge.Web.Tests.Infrastructure;

/// <summary>Every database-backed test runs on both providers.</summary>
public static class Providers
{
    public static TheoryData<Provider> Both => new() { Provider.Sqlite, Provider.Postgres };
}
