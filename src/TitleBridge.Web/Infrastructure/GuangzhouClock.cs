namespace TitleBridge.Web.Infrastructure;

/// <summary>
/// Legal dates are Guangzhou dates. China Standard Time is UTC+8 all year (no daylight saving), so a
/// fixed offset gives the right date without depending on the machine's time-zone database.
/// </summary>
public static class GuangzhouClock
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly Today(this TimeProvider time) =>
        DateOnly.FromDateTime(time.GetUtcNow().ToOffset(Offset).DateTime);
}
