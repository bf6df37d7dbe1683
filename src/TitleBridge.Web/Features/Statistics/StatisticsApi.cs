using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Features.Statistics;

/// <summary>Open statistics for everyone (suppressed, policy.md §7) and the officers' dashboard (exact).</summary>
public static class StatisticsApi
{
    public static IEndpointRouteBuilder MapStatisticsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/statistics").WithTags("Statistics");
        api.MapGet("/open", Open).WithName("OpenStatistics")
            .WithSummary("The public tables of a cycle after rounding and suppression (policy.md §7); format=csv for CSV.");
        api.MapGet("/dashboard", DashboardFigures).WithName("DashboardStatistics").RequireAuthorization(Policies.Officer)
            .WithSummary("The officers' dashboard of a cycle in exact figures (officers); format=csv for CSV.");
        return app;
    }

    public static async Task<Results<Ok<OpenStatisticsDto>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Open(
        int? cycle, string? format, AppDbContext db, OpenStatistics open, CancellationToken ct)
    {
        if (await FindCycleAsync(cycle, format, db, ct) is { } problem)
        {
            return problem.Invalid is { } invalid ? invalid : problem.NotFound!;
        }
        var c = await db.Cycles.AsNoTracking().FirstAsync(x => x.Year == cycle, ct);
        var dto = await open.BuildAsync(c.Year, c.OpensOn, c.ClosesOn, ct);
        return format == "csv"
            ? TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(OpenStatistics.ToCsv(dto))).ToArray(), "text/csv; charset=utf-8", $"titlebridge-open-statistics-{c.Year}.csv")
            : TypedResults.Ok(dto);
    }

    public static async Task<Results<Ok<DashboardView>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> DashboardFigures(
        int? cycle, string? format, AppDbContext db, Dashboard dashboard, CancellationToken ct)
    {
        if (await FindCycleAsync(cycle, format, db, ct) is { } problem)
        {
            return problem.Invalid is { } invalid ? invalid : problem.NotFound!;
        }
        var view = await dashboard.BuildAsync(cycle!.Value, ct);
        return format == "csv"
            ? TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Dashboard.ToCsv(view))).ToArray(), "text/csv; charset=utf-8", $"titlebridge-dashboard-{view.Cycle}.csv")
            : TypedResults.Ok(view);
    }

    private sealed record CycleProblem(ValidationProblem? Invalid, ProblemHttpResult? NotFound);

    private static async Task<CycleProblem?> FindCycleAsync(int? cycle, string? format, AppDbContext db, CancellationToken ct)
    {
        var problems = new List<Problem>();
        if (cycle is null or < 2000 or > 2999)
        {
            problems.Add(new Problem("cycle", new("Give the evaluation year as cycle=YYYY, for example cycle=2026.", "请以 cycle=YYYY 给出评审年度，例如 cycle=2026。"), "cycle"));
        }
        if (format is not (null or "json" or "csv"))
        {
            problems.Add(new Problem("format", new("format is json or csv.", "format 只能是 json 或 csv。"), "format"));
        }
        if (problems.Count > 0)
        {
            return new(ProblemAnswers.Invalid(problems), null);
        }
        return await db.Cycles.AnyAsync(c => c.Year == cycle, ct)
            ? null
            : new(null, ProblemAnswers.Refusal(Problem.NotFound("cycle.not-found", new($"There is no cycle {cycle}.", $"没有 {cycle} 年度的评审。"))));
    }
}

public static class StatisticsSetup
{
    public static IServiceCollection AddStatistics(this IServiceCollection services) => services
        .AddScoped<CycleFacts>()
        .AddScoped<OpenStatistics>()
        .AddScoped<Dashboard>();
}
