using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using TitleBridge.Domain.Calendar;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Tests.Platform;

/// <summary>The Development run's clock: set back when the published calendar ends too soon for the sample data.</summary>
public sealed class DemoClockTests
{
    /// <summary>The shipped calendar cut back to 2025 and 2026, so that publishing 2027 later changes nothing here.</summary>
    private static readonly WorkingDayCalendar Shipped = UpTo2026();

    private static WorkingDayCalendar UpTo2026()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "calendar", "cn-public-holidays.json")))!;
        var years = json["years"]!.AsObject();
        foreach (var later in years.Select(y => y.Key).Where(y => int.Parse(y) > 2026).ToList())
        {
            years.Remove(later);
        }
        return WorkingDayCalendar.Load(json.ToJsonString()).Value;
    }

    [Fact]
    public void RealDate_Serves_WhileTheCalendarReachesFarEnoughAhead()
    {
        Assert.Equal(2026, Shipped.Years[^1].Year);
        Assert.Null(DemoClock.RunAsOf(new DateOnly(2026, 11, 16), null, Shipped));
    }

    [Theory]
    [InlineData("2026-11-17")]
    [InlineData("2026-12-21")]
    [InlineData("2027-03-01")]
    public void CloseToTheEndOfTheLastKnownYear_TheDemoRunsFromAWorkingDayTheCalendarCanServe(string today)
    {
        // 31 December 2026 less 45 days is Monday 16 November 2026, a working day.
        Assert.Equal(new DateOnly(2026, 11, 16), DemoClock.RunAsOf(DateOnly.Parse(today), null, Shipped));
    }

    [Fact]
    public void AChosenDay_IsUsed_AndABadOneNamesTheSetting()
    {
        Assert.Equal(new DateOnly(2026, 5, 6), DemoClock.RunAsOf(new DateOnly(2026, 1, 5), "2026-05-06", Shipped));
        var refused = Assert.Throws<InvalidOperationException>(() => DemoClock.RunAsOf(new DateOnly(2026, 1, 5), "6 May", Shipped));
        Assert.Equal("TitleBridge:RunAsOf must be a date written yyyy-MM-dd, not '6 May'.", refused.Message);
    }

    [Fact]
    public void OnlyDevelopment_RunsOnTheDemoClock()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [DemoClock.RunAsOfKey] = "2026-05-06" }).Build();

        var development = DemoClock.For(new Environment(Environments.Development), configuration);
        var shifted = Assert.IsType<ShiftedTime>(development);
        Assert.Equal(new DateOnly(2026, 5, 6), development.Today());
        Assert.StartsWith("Demo clock: this Development run counts time from 2026-05-06 09:00 Guangzhou time", shifted.Note);

        Assert.Same(TimeProvider.System, DemoClock.For(new Environment(Environments.Production), configuration));
        Assert.Same(TimeProvider.System, DemoClock.For(new Environment("Testing"), configuration));
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "TitleBridge.Web";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
