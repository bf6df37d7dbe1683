using Microsoft.AspNetCore.Http.HttpResults;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Features.Catalogue;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Features.Eligibility;

/// <summary>The public eligibility API: advice, no sign-in, nothing stored.</summary>
public static class EligibilityApi
{
    public static IEndpointRouteBuilder MapEligibilityApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/eligibility").WithTags("Eligibility");
        api.MapPost("/check", Check).WithName("CheckEligibility")
            .Accepts<CheckRequestDto>("application/json")
            .WithSummary("Which title levels a person may apply for, from when, and why, rule by rule (policy.md §2–4).");
        api.MapGet("/rule-set", RuleSetInForce).WithName("GetRuleSetInForce")
            .WithSummary("The rule set in force on a date (default today): every parameter with its source and whether it is confirmed for Guangzhou.");
        return app;
    }

    public static async Task<Results<Ok<CheckResponseDto>, ValidationProblem>> Check(HttpRequest http, CheckEligibility handler, InputLimits limits, CancellationToken ct)
    {
        var (dto, unreadable) = await ApiJson.ReadAsync<CheckRequestDto>(http, limits, ct);
        if (dto is null)
        {
            return ProblemAnswers.Invalid(unreadable);
        }
        var (request, problems) = dto.ToRequest();
        var result = await handler.HandleAsync(request, ct);
        if (!result.Succeeded || problems.Count > 0)
        {
            // A date that could not be read is reported once, by its format, not again as "missing".
            var reported = problems.Select(p => p.Field).ToHashSet();
            return ProblemAnswers.Invalid([.. problems, .. result.Succeeded ? [] : result.Problems.Where(p => !reported.Contains(p.Field))]);
        }
        return TypedResults.Ok(CheckResponseDto.From(result.Value));
    }

    public static async Task<Results<Ok<RuleSetDto>, ValidationProblem, ProblemHttpResult>> RuleSetInForce(string? date, RuleSetStore store, TimeProvider time, CancellationToken ct)
    {
        var on = time.Today();
        if (date is not null && !DateOnly.TryParseExact(date, "yyyy-MM-dd", out on))
        {
            return ProblemAnswers.Invalid([new Problem("date-format", new("Write the date as YYYY-MM-DD.", "请按 YYYY-MM-DD 格式填写日期。"), "date")]);
        }
        var ruleSet = await store.InForceAsync(on, ct);
        return ruleSet is null
            ? ProblemAnswers.Refusal(Problem.NotFound("rule-set.none", new("No rule set is in force on that date.", "该日期没有现行有效的规则集。")))
            : TypedResults.Ok(RuleSetDto.From(ruleSet));
    }
}
