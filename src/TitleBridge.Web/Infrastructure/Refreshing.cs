namespace TitleBridge.Web.Infrastructure;

/// <summary>
/// A value read from the database and shared by every request for at most <c>lifetime</c>, so several
/// instances agree within that time and the database stays the only source of truth
/// (docs/decisions/0003-catalogue-snapshots.md). A failed load is tried again on the next request.
/// </summary>
public sealed class Refreshing<T>(Func<CancellationToken, Task<T>> load, TimeProvider time, TimeSpan lifetime)
{
    private (DateTimeOffset LoadedAt, Task<T> Value)? _cached;

    public Task<T> GetAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        if (_cached is not { } c || now - c.LoadedAt >= lifetime || c.Value.IsFaulted || c.Value.IsCanceled)
        {
            c = (now, load(ct));
            _cached = c;
        }
        return c.Value;
    }

    /// <summary>Drops the value: the instance that changed the data sees the change at once.</summary>
    public void Invalidate() => _cached = null;
}
