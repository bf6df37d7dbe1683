using Microsoft.Extensions.Options;

namespace TitleBridge.Web.Infrastructure.Email;

public static class EmailSetup
{
    /// <summary>The email outbox: enqueueing in the caller's unit of work, the background sender and its delivery.</summary>
    public static IServiceCollection AddEmailOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EmailOptions>(configuration.GetSection(EmailOptions.Section));
        services.AddScoped<IEmailOutbox, EmailOutbox>();
        services.AddScoped<SmtpEmailDelivery>();
        services.AddScoped<FileEmailDelivery>();
        // Chosen when used, not at registration, so a host configured by tests or operators sees its final settings.
        services.AddScoped<IEmailDelivery>(sp => string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<EmailOptions>>().Value.Smtp.Host)
            ? sp.GetRequiredService<FileEmailDelivery>()
            : sp.GetRequiredService<SmtpEmailDelivery>());
        services.AddScoped<HeldEmails>();
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        return services;
    }
}
