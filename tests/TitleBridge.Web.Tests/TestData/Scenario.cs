using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TitleBridge.Domain.Applications;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Tests.Infrastructure;

namespace TitleBridge.Web.Tests.TestData;

/// <summary>
/// Builders that arrange state through the real handlers: the clock and signing in (here), accounts
/// (Accounts.cs), applications (Applications.cs).
/// </summary>
internal static partial class Scenario
{
    public const string Password = "Scenario-Password-123";
    private static int _n;

    /// <summary>A fake clock at 10:00 in Guangzhou on <paramref name="day"/>.</summary>
    public static FakeTimeProvider ClockAt(DateOnly day) => new(new DateTimeOffset(day.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero));

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpClient, string> Emails = new();

    /// <summary>
    /// Moves the clock to 10:00 on <paramref name="day"/> and signs the clients in again: the sign-in cookie
    /// expires by the app's TimeProvider, so a jump of days would sign everyone out.
    /// </summary>
    public static async Task MoveToAsync(this FakeTimeProvider clock, DateOnly day, params HttpClient[] clients)
    {
        clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero));
        foreach (var client in clients)
        {
            Assert.True(Emails.TryGetValue(client, out var email));
            Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email, Password)).StatusCode);
        }
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object? body = null) =>
        client.PostAsJsonAsync(url, body ?? new { });
}
