namespace TitleBridge.Web.Infrastructure.Files;

public static class FileStoreSetup
{
    /// <summary>The document store (local folder) and the upload check.</summary>
    public static IServiceCollection AddFileStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<UploadOptions>(configuration.GetSection(UploadOptions.Section));
        services.AddSingleton<IFileStore>(sp => new LocalFileStore(sp));
        services.AddSingleton<UploadCheck>();
        services.AddSingleton<OrphanFileSweep>();
        services.AddHostedService<OrphanFileSweepService>();
        return services;
    }
}
