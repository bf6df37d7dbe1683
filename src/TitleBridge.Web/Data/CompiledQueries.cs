using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace TitleBridge.Web.Data;

/// <summary>
/// An EF Core compiled query (<see cref="EF.CompileAsyncQuery{TContext,TParam1,TResult}(System.Linq.Expressions.Expression{Func{TContext,TParam1,TResult}})"/>)
/// for every model it meets. A compiled query skips, on each call, building the LINQ expression, evaluating its
/// captured values and looking the query up in the cache (bench/README.md: a submission's reads). EF binds a compiled
/// query to the first model it runs with and refuses any other, and this application has one model per database
/// provider — the tests run SQLite and PostgreSQL in one process — so each model gets its own compilation.
/// </summary>
/// <remarks>Held weakly by model, so a model that is gone (a test's) takes its compilation with it.</remarks>
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : Delegate
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = new();
    private readonly ConditionalWeakTable<IModel, TQuery>.CreateValueCallback _compile = _ => compile();

    public TQuery For(DbContext db) => _byModel.GetValue(db.Model, _compile);
}
