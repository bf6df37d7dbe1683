using TitleBridge.Domain.Employers;
using TitleBridge.Web.Features.EmployerReview;
using TitleBridge.Web.Features.Intake;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Features.Employers;

/// <summary>The employer and officer side of issue #4: employer accounts, employer review, intake, the correction sweep, the calendar API.</summary>
public static class EmployerOfficerSetup
{
    public static IServiceCollection AddEmployerAndOfficerSide(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp =>
        {
            var loaded = GuangzhouDistricts.LoadFile(Path.Combine(ReferenceFiles.Directory(sp.GetRequiredService<IConfiguration>()), "reference", "guangzhou-districts.json"));
            return loaded.Succeeded ? loaded.Value : throw new InvalidOperationException("guangzhou-districts.json does not load: " + loaded.Problems[0].Message.En);
        });
        services.AddScoped<RegisterEmployer>();
        services.AddScoped<DecideEmployer>();
        services.AddScoped<ReviewByEmployer>();
        services.AddScoped<IntakeReview>();
        services.Configure<SweepOptions>(configuration.GetSection(SweepOptions.Section));
        services.AddSingleton<CorrectionDeadlineSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<CorrectionDeadlineSweep>());
        return services;
    }

    public static IEndpointRouteBuilder MapEmployerAndOfficerSideApi(this IEndpointRouteBuilder app)
    {
        EmployersApi.Map(app);
        EmployerReviewApi.Map(app);
        IntakeApi.Map(app);
        Calendar.CalendarApi.Map(app);
        return app;
    }
}
