using System.Collections.Concurrent;
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
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : Delegate
{
    private readonly ConcurrentDictionary<IModel, TQuery> _byModel = new();

    public TQuery For(DbContext db) => _byModel.GetOrAdd(db.Model, static (_, compile) => compile(), compile);
}
