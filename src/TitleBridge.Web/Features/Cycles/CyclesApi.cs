using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Features.Cycles;

public sealed record CycleDto(int Year, DateOnly OpensOn, DateOnly ClosesOn, DateOnly CountUntil, IReadOnlyList<string> Levels, IReadOnlyList<string> Specialties, bool IsOpen)
{
    public static CycleDto From(EvaluationCycle c, DateOnly today) => new(c.Year, c.OpensOn, c.ClosesOn, c.CountUntil, c.Levels, c.Specialties, c.IsOpenOn(today));
}

/// <summary>Annual cycles: public to read (who can apply when), officers to change.</summary>
public static class CyclesApi
{
    public static IEndpointRouteBuilder MapCyclesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/cycles").WithTags("Cycles");
        api.MapGet("/", List).WithName("ListCycles").WithSummary("Annual evaluation cycles, newest first, with whether each is open today.");
        api.MapPut("/{year:int}", Save).WithName("SaveCycle").RequireAuthorization(Policies.Officer)
            .WithSummary("Opens or changes the cycle of an evaluation year (officers).");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<CycleDto>>> List(AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var today = time.Today();
        var cycles = await db.Cycles.AsNoTracking().OrderByDescending(c => c.Year).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<CycleDto>>(cycles.Select(c => CycleDto.From(c, today)).ToList());
    }

    public sealed record SaveCycleRequest(DateOnly? OpensOn, DateOnly? ClosesOn, DateOnly? CountUntil, IReadOnlyList<string>? Levels, IReadOnlyList<string>? Specialties, Guid? ConcurrencyStamp);

    public static async Task<Results<Ok<CycleDto>, ValidationProblem, ProblemHttpResult>> Save(
        int year, SaveCycleRequest request, SaveCycle handler, AppDbContext db, HttpContext http, TimeProvider time, CancellationToken ct)
    {
        var isNew = !await db.Cycles.AnyAsync(c => c.Year == year, ct);
        var result = await handler.HandleAsync(new CycleForm(year, request.OpensOn, request.ClosesOn, request.CountUntil, request.Levels, request.Specialties),
            http.User.Identity!.Name!, isNew, request.ConcurrencyStamp, ct);
        if (result.Succeeded)
        {
            return TypedResults.Ok(CycleDto.From(result.Value, time.Today()));
        }
        return ProblemAnswers.Refusal(result.Problems) is { } refusal ? refusal : ProblemAnswers.Invalid(result.Problems);
    }
}
