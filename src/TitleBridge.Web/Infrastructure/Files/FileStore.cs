using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace TitleBridge.Web.Infrastructure.Files;

/// <summary>A file as stored: the key to find it again, its SHA-256 (lower-case hex) and its size in bytes.</summary>
public sealed record StoredFile(string Key, string Sha256, long Size);

/// <summary>What the store holds under a key: a complete file, or one still being written (or left half-written by a crash).</summary>
public sealed record StoredEntry(string Key, DateTimeOffset WrittenAt, bool Complete);

/// <summary>
/// Where uploaded documents live. Keys are made by the store, never taken from a user's file name; the
/// original name and the checked type belong in the database next to the key.
/// </summary>
public interface IFileStore
{
    Task<StoredFile> SaveAsync(Stream content, CancellationToken cancellationToken = default);

    /// <summary>Opens a stored file. Throws <see cref="FileNotFoundException"/> for an unknown key and <see cref="ArgumentException"/> for a key the store never makes.</summary>
    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes a stored file and any half-written copy under its key; deleting a file that is not there is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Everything the store holds, complete or not, for <see cref="OrphanFileSweep"/>.</summary>
    IEnumerable<StoredEntry> List();
}

/// <summary>
/// Files under {DataDirectory}/files/, outside the web root, so nothing uploaded can ever be served or
/// run by the web server. Keys are 128 random bits in hex; files sit in two levels of folders named by
/// the key's first four characters, so no folder grows to hundreds of thousands of entries.
/// </summary>
public sealed partial class LocalFileStore : IFileStore
{
    public const string FolderName = "files";
    private const string PartialSuffix = ".partial";
    private readonly string _root;

    public LocalFileStore(IServiceProvider services)
        : this(Path.Combine(DatabaseSetup.DataDirectory(services), FolderName))
    {
    }

    public LocalFileStore(string root)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
    }

    public string Root => _root;

    public async Task<StoredFile> SaveAsync(Stream content, CancellationToken cancellationToken = default)
    {
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written under a temporary name and renamed when complete: a reader never sees half a file,
        // and a failed upload leaves no file under a real key.
        var partial = path + PartialSuffix;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        try
        {
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    size += read;
                }
                await file.FlushAsync(cancellationToken);
            }
            File.Move(partial, path);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
        return new StoredFile(key, Convert.ToHexStringLower(hash.GetHashAndReset()), size);
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No stored file has the key {key}.");
        }
        return Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true));
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        // File.Delete ignores a missing file but not a missing shard folder.
        foreach (var file in new[] { path, path + PartialSuffix })
        {
            if (File.Exists(file))
            {
                File.Delete(file);
            }
        }
        return Task.CompletedTask;
    }

    public IEnumerable<StoredEntry> List()
    {
        foreach (var path in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(path);
            var complete = !name.EndsWith(PartialSuffix, StringComparison.Ordinal);
            var key = complete ? name : name[..^PartialSuffix.Length];
            if (IsValidKey(key))
            {
                yield return new StoredEntry(key, new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero), complete);
            }
        }
    }

    /// <summary>True for the keys this store makes: 32 lower-case hex digits, nothing else.</summary>
    public static bool IsValidKey(string? key) => key is not null && KeyPattern().IsMatch(key);

    private string PathOf(string key)
    {
        // The key shape alone rules out "..", separators and rooted paths; the prefix check below
        // guards against any later change to the shape.
        if (!IsValidKey(key))
        {
            throw new ArgumentException("Not a file key made by this store.", nameof(key));
        }
        var path = Path.GetFullPath(Path.Combine(_root, key[..2], key[2..4], key));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException("The key points outside the file store.", nameof(key));
        }
        return path;
    }

    // \z, not $: "$" also matches before a final newline, which would let "key\n" through.
    [GeneratedRegex(@"\A[0-9a-f]{32}\z", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
