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
        api.MapPost("/check", Check).WithName("CheckEligibility").RequireRateLimiting(RateLimits.PublicApi)
            .Accepts<CheckRequestDto>("application/json")
            .WithSummary("Which title levels a person may apply for, from when, and why, rule by rule (policy.md §2–4).");
        api.MapGet("/rule-set", RuleSetInForce).WithName("GetRuleSetInForce")
            .WithSummary("The rule set in force on a date (default today): every parameter with its source and whether it is confirmed for Guangzhou.");
        api.MapPost("/rule-set/impact", Impact).WithName("PreviewRuleSetImpact").RequireAuthorization(Policies.Officer)
            .Accepts<object>("application/json")
            .WithSummary("Before publishing: a candidate rule-set file (the format of data/policy/, at most 256 KB) evaluated against every submitted file of the open cycle beside the rule set in force — how many change status at each level, and which (officers; nothing is stored).");
        return app;
    }

    public static async Task<Results<Ok<CheckResponseDto>, ValidationProblem>> Check(HttpRequest http, CheckEligibility handler, InputLimits limits, CancellationToken ct)
    {
        var (dto, unreadable) = await ApiJson.ReadAsync<CheckRequestDto>(http, limits, ct);
        if (dto is null)
        {
            return ProblemAnswers.Invalid(unreadable);
        }
        var (request, problems) = dto.ToRequest(limits.DateRange(""));
        var result = await handler.HandleAsync(request, ct);
        if (!result.Succeeded || problems.Count > 0)
        {
            // A date that could not be read is reported once, by its format, not again as "missing".
            var reported = problems.Select(p => p.Field).ToHashSet();
            return ProblemAnswers.Invalid([.. problems, .. result.Succeeded ? [] : result.Problems.Where(p => !reported.Contains(p.Field))]);
        }
        return TypedResults.Ok(CheckResponseDto.From(result.Value));
    }

    /// <summary>The largest rule-set file accepted, as on the officers' page.</summary>
    public const int MaxRuleSetBytes = 256 * 1024;

    public static async Task<Results<Ok<RuleSetImpactDto>, ValidationProblem, ProblemHttpResult>> Impact(HttpRequest http, PreviewRuleSetImpact handler, CancellationToken ct)
    {
        var json = await ReadBoundedAsync(http.Body, MaxRuleSetBytes, ct);
        if (json is null)
        {
            return ProblemAnswers.Invalid([new Problem("file.too-large", new("The rule-set file is larger than 256 KB.", "规则集文件超过 256 KB。"), "body")]);
        }
        var result = await handler.HandleAsync(json, ct);
        if (result.Succeeded)
        {
            return TypedResults.Ok(result.Value);
        }
        return ProblemAnswers.Refusal(result.Problems) is { } refusal ? refusal : ProblemAnswers.Invalid(result.Problems);
    }

    /// <summary>The body as text, or null when it is longer than <paramref name="max"/> bytes (read no further than that).</summary>
    public static async Task<string?> ReadBoundedAsync(Stream body, int max, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
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
