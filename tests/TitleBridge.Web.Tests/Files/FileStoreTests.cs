using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using TitleBridge.Web.Infrastructure.Files;
using TitleBridge.Web.Tests.Infrastructure;

namespace TitleBridge.Web.Tests.Files;

public sealed class FileStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "titlebridge-tests", "files-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task SaveThenOpen_ReturnsTheSameBytes_WithTheirSha256AndSize()
    {
        var store = new LocalFileStore(Path.Combine(_folder, "files"));
        var content = RandomNumberGenerator.GetBytes(300_000);

        var stored = await store.SaveAsync(new MemoryStream(content));

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), stored.Sha256);
        Assert.Equal(content.Length, stored.Size);
        Assert.True(LocalFileStore.IsValidKey(stored.Key));
        await using var read = await store.OpenReadAsync(stored.Key);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(content, copy.ToArray());
        Assert.Equal(stored.Sha256, Convert.ToHexStringLower(SHA256.HashData(copy.ToArray())));
    }

    [Fact]
    public async Task Save_KeysAreRandomAndFilesShardedUnderTheRoot()
    {
        var store = new LocalFileStore(Path.Combine(_folder, "files"));

        var a = await store.SaveAsync(new MemoryStream([1, 2, 3]));
        var b = await store.SaveAsync(new MemoryStream([1, 2, 3]));

        Assert.NotEqual(a.Key, b.Key);
        Assert.Equal(a.Sha256, b.Sha256);
        Assert.True(File.Exists(Path.Combine(store.Root, a.Key[..2], a.Key[2..4], a.Key)));
        Assert.Empty(Directory.GetFiles(store.Root, "*.partial", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Delete_RemovesTheFile_AndDeletingAgainIsHarmless()
    {
        var store = new LocalFileStore(Path.Combine(_folder, "files"));
        var stored = await store.SaveAsync(new MemoryStream([1, 2, 3]));

        await store.DeleteAsync(stored.Key);
        await store.DeleteAsync(stored.Key);

        await Assert.ThrowsAsync<FileNotFoundException>(() => store.OpenReadAsync(stored.Key));
    }

    [Fact]
    public async Task OpenRead_UnknownKey_IsNotFound()
    {
        var store = new LocalFileStore(Path.Combine(_folder, "files"));

        await Assert.ThrowsAsync<FileNotFoundException>(() => store.OpenReadAsync(new string('a', 32)));
        await store.DeleteAsync(new string('b', 32));
    }

    [Theory]
    [InlineData("../secret.txt")]
    [InlineData("../../secret.txt")]
    [InlineData("..%2Fsecret.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("..\\secret.txt")]
    [InlineData("aa/../../secret.txt")]
    [InlineData("0123456789abcdef0123456789abcde/")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("0123456789abcdef0123456789abcdef/../../../secret.txt")]
    [InlineData("0123456789abcdef0123456789abcdef\n")]
    [InlineData("degree.pdf")]
    [InlineData("")]
    [InlineData(".")]
    public async Task Keys_CannotEscapeTheStore(string key)
    {
        var root = Path.Combine(_folder, "files");
        var store = new LocalFileStore(root);
        var secret = Path.Combine(_folder, "secret.txt");
        await File.WriteAllTextAsync(secret, "outside the store");

        await Assert.ThrowsAsync<ArgumentException>(() => store.OpenReadAsync(key));
        await Assert.ThrowsAsync<ArgumentException>(() => store.DeleteAsync(key));
        Assert.True(File.Exists(secret));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TheApp_StoresFilesUnderItsDataDirectory_OutsideTheWebRoot(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var store = app.Services.GetRequiredService<IFileStore>();

        var stored = await store.SaveAsync(new MemoryStream("%PDF-1.7"u8.ToArray()));

        var path = Path.Combine(app.DataDirectory, LocalFileStore.FolderName, stored.Key[..2], stored.Key[2..4], stored.Key);
        Assert.True(File.Exists(path));
        var webRoot = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.IWebHostEnvironment>().WebRootPath;
        Assert.False(Path.GetFullPath(path).StartsWith(Path.GetFullPath(webRoot), StringComparison.Ordinal));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await app.Client().GetAsync($"/files/{stored.Key[..2]}/{stored.Key[2..4]}/{stored.Key}")).StatusCode);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was written.
        }
    }
}
