namespace TitleBridge.Browser.Tests.Infrastructure;

/// <summary>The checkout the tests run from, found by walking up to TitleBridge.slnx.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "TitleBridge.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No TitleBridge.slnx above {AppContext.BaseDirectory}.");
    });

    private static readonly Lazy<string> ScreenshotFolder = new(() =>
        System.IO.Directory.CreateDirectory(System.IO.Path.Combine(Root.Value, "artifacts", "screenshots")).FullName);

    public static string Location => Root.Value;

    /// <summary>artifacts/screenshots (gitignored), created on first use.</summary>
    public static string Screenshots => ScreenshotFolder.Value;
}
