using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;

namespace TitleBridge.Web.Features.Cycles;

/// <summary>Opens a new annual cycle or changes one; audited; two officers at once: one wins.</summary>
public sealed class SaveCycle(AppDbContext db, ReferenceData reference, TimeProvider time, Infrastructure.Audit.AuditWriter audit)
{
    public async Task<Result<EvaluationCycle>> HandleAsync(CycleForm form, string actor, bool isNew, Guid? expectedStamp, CancellationToken ct = default)
    {
        var problems = form.Validate(reference).ToList();
        if (problems.Count > 0)
        {
            return Result<EvaluationCycle>.Failure(problems);
        }
        var cycle = await db.Cycles.FirstOrDefaultAsync(c => c.Year == form.Year, ct);
        if (isNew && cycle is not null)
        {
            return Result<EvaluationCycle>.Failure(Problem.Conflict("cycle.exists", new(
                $"A cycle for {form.Year} already exists; change it instead.", $"{form.Year} 年度的评审周期已存在，请直接修改。"), "Year"));
        }
        if (!isNew && cycle is null)
        {
            return Result<EvaluationCycle>.Failure(Problem.NotFound("cycle.not-found", new($"There is no cycle for {form.Year}.", $"没有 {form.Year} 年度的评审周期。")));
        }
        if (!isNew && expectedStamp is { } stamp && stamp != cycle!.ConcurrencyStamp)
        {
            return Result<EvaluationCycle>.Failure(Problem.Conflict("cycle.changed", new(
                "Someone else changed this cycle since you opened it. Reload the page and try again.", "您打开此页面后，其他人已修改该评审周期。请刷新后重试。")));
        }
        var now = time.GetUtcNow();
        var before = cycle is null ? null : Settings(cycle);
        if (cycle is null)
        {
            cycle = new EvaluationCycle { Year = form.Year!.Value, CreatedBy = actor, CreatedAt = now };
            db.Cycles.Add(cycle);
        }
        else
        {
            cycle.UpdatedBy = actor;
            cycle.UpdatedAt = now;
            cycle.ConcurrencyStamp = Guid.NewGuid();
        }
        form.ApplyTo(cycle);
        audit.Add(before is null ? new Infrastructure.Audit.CycleOpened(cycle.Year, Settings(cycle)) : new Infrastructure.Audit.CycleChanged(cycle.Year, before, Settings(cycle)));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (isNew)
        {
            return Result<EvaluationCycle>.Failure(Problem.Conflict("cycle.exists", new(
                $"A cycle for {form.Year} was just created by someone else.", $"{form.Year} 年度的评审周期刚被其他人创建。"), "Year"));
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<EvaluationCycle>.Failure(Problem.Conflict("cycle.changed", new(
                "Someone else changed this cycle at the same time. Reload the page and try again.", "其他人同时修改了该评审周期。请刷新后重试。")));
        }
        return Result<EvaluationCycle>.Success(cycle);
    }

    private static Infrastructure.Audit.CycleSettings Settings(EvaluationCycle c) => new(c.OpensOn, c.ClosesOn, c.CountUntil, [.. c.Levels], [.. c.Specialties]);
}
