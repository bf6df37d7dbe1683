using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Scalar.AspNetCore;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Features.Catalogue;
using TitleBridge.Web.Features.Certificates;
using TitleBridge.Web.Features.Employers;
using TitleBridge.Web.Infrastructure.Email;
using TitleBridge.Web.Infrastructure.Files;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Infrastructure;

/// <summary>The services and the request pipeline of TitleBridge, in the order Program.cs calls them.</summary>
public static class HostSetup
{
    public static WebApplicationBuilder AddTitleBridge(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<TitleBridgeOptions>(builder.Configuration.GetSection(TitleBridgeOptions.Section));
        builder.AddTitleBridgeDatabase();
        builder.Services.AddSingleton(DemoClock.For(builder.Environment, builder.Configuration));
        builder.Services.AddSingleton(sp => ReferenceFiles.LoadReferenceData(sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton<CatalogueSnapshots>();
        builder.Services.AddScoped<Labels>();
        builder.Services.AddScoped<CatalogueImporter>();
        builder.Services.AddSingleton<Features.Eligibility.RuleSetStore>();
        builder.Services.AddScoped<Features.Eligibility.CheckEligibility>();
        builder.Services.AddScoped<Features.Eligibility.PreviewRuleSetImpact>();
        builder.Services.AddSingleton<Features.Eligibility.CheckJourneyStore>();
        builder.Services.AddScoped<Features.Cycles.SaveCycle>();
        builder.Services.AddSingleton<Features.Calendar.WorkingCalendar>();
        builder.Services.AddScoped<Features.Applications.ApplicationTransitions>();
        builder.Services.AddScoped<Features.Applications.SubmitApplication>();
        builder.Services.AddSingleton<AuditChain>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<Audit.AuditWriter>();
        builder.Services.AddHostedService<AuditSealer>();
        builder.Services.AddEmailOutbox(builder.Configuration);
        builder.Services.AddFileStore(builder.Configuration);
        builder.Services.AddEmployerAndOfficerSide(builder.Configuration);
        builder.Services.AddApplicantSide();
        builder.Services.AddResultsAndCertificates(builder.Configuration);
        builder.Services.AddScoped<Features.Results.IFileReviewers, Features.Review.ReviewFileReviewers>();
        Features.Statistics.StatisticsSetup.AddStatistics(builder.Services);
        Features.PersonalData.PersonalDataApi.AddPersonalData(builder.Services);
        Features.Review.ReviewSetup.AddExpertReview(builder.Services);

        builder.Services.AddTitleBridgeLocalization();
        // Chinese text is written as text, not as numeric character references.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = Problems.ApiProblemDetails.Customize);
        // First: an unavailable database is a 503, not a 500 (issue #10); then the safety net.
        builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>();
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        // Binding failures reach the exception handler, which names the field (instead of an empty 400).
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddSingleton(sp => new Problems.InputLimits(
            Problems.InputLimits.Load(Path.Combine(ReferenceFiles.Directory(sp.GetRequiredService<IConfiguration>()), "limits.json")),
            sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", tags: ["ready"]);
        // The reference tool is English only: its introduction leads back to the site's bilingual open data page (issue #11).
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "TitleBridge open data API";
            document.Info.Description = "[← Back to the open data page · 返回开放数据页面](/open-data): what is here, the licence, the rate limits and examples, in English and Chinese.";
            return Task.CompletedTask;
        }));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);

        builder.Services.AddSingleton<PublicLinks>();
        builder.Services.AddTitleBridgeRateLimits();
        builder.AddTitleBridgeTelemetry();
        builder.AddSessionRules();
        if (!builder.Environment.IsDevelopment() && builder.Configuration["AllowedHosts"] is null or "")
        {
            // Only the configured public host (and loopback, for health checks on the machine) may be asked for.
            var publicHost = new Uri(builder.Configuration[$"{TitleBridgeOptions.Section}:PublicBaseAddress"] ?? new TitleBridgeOptions().PublicBaseAddress).Host;
            builder.Configuration["AllowedHosts"] = $"{publicHost};localhost;127.0.0.1;[::1]";
        }
        builder.Services.AddDataProtection().SetApplicationName("TitleBridge").PersistKeysToDbContext<AppDbContext>();
        builder.Services
            .AddIdentity<AppUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrors>();
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "tb.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // Secure cookie, idle and absolute timeouts, the security stamp on every request: Sessions.AddSessionRules.
            // The API answers 401/403 instead of redirecting to the sign-in page.
            o.Events.OnRedirectToLogin = c => RedirectOrStatus(c, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = c => RedirectOrStatus(c, StatusCodes.Status403Forbidden);
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Officer, p => p.RequireRole(Roles.Officer, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Expert, p => p.RequireRole(Roles.Expert));
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "tb.af");

        // Required fields are declared with [Required] and a localized message, never implied by nullability.
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true);
        builder.Services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Officer", Policies.Officer);
            o.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
            o.Conventions.AuthorizeFolder("/Expert", Policies.Expert);
            o.Conventions.AddPageApplicationModelConvention("/Account/Login", m => m.EndpointMetadata.Add(new Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute(RateLimits.SignIn)));
            o.Conventions.AddPageApplicationModelConvention("/Account/Register", m => m.EndpointMetadata.Add(new Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute(RateLimits.Registration)));
            o.Conventions.AddPageApplicationModelConvention("/Account/RegisterEmployer", m => m.EndpointMetadata.Add(new Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute(RateLimits.Registration)));
            o.Conventions.AddPageApplicationModelConvention("/Account/ResendConfirmation", m => m.EndpointMetadata.Add(new Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute(RateLimits.PasswordReset)));
        }).AddViewLocalization().AddDataAnnotationsLocalization(o =>
            o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        builder.Services.AddRouting(o => o.LowercaseUrls = true);
        return builder;
    }

    public static WebApplication UseTitleBridge(this WebApplication app)
    {
        // Before everything else that could answer, and before the forwarding headers are applied: the scrape is for
        // the machine itself, judged by the connection and the raw headers (Telemetry).
        app.MapTitleBridgeMetrics();
        // Client address and scheme from the configured proxies only (Sessions), before anything reads them.
        app.UseForwardedHeaders();
        // First, so that error answers (the exception handler, status code pages) speak the reader's language too.
        app.UseRequestLocalization();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error/500", StatusCodeSelector = DatabaseUnavailableHandler.StatusCodeFor });
        // The API answers every error status with problem details; pages show a friendly page instead.
        app.UseWhen(c => IsApi(c), api => api.UseStatusCodePages());
        app.UseWhen(c => !IsApi(c), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UseSecurityHeaders();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseApiBodyLimits();
        app.UseNoStoreWhenSignedIn();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseApiSameSiteWrites();
        app.UseMiddleware<Features.PersonalData.ConsentGate>();
        app.UseApiJsonOnlyWrites();
        app.UseAntiforgery();

        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") });
        app.MapOpenApi();
        app.MapScalarApiReference("/api/docs", o => o.WithTitle("TitleBridge API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapLanguageSwitch();
        // Every API endpoint's bound request records are checked against the limits before its handler runs.
        var api = app.MapGroup("").CheckRequestShapes();
        api.MapCatalogueApi();
        Features.Eligibility.EligibilityApi.MapEligibilityApi(api);
        Features.Cycles.CyclesApi.MapCyclesApi(api);
        api.MapEmployerAndOfficerSideApi();
        api.MapApplicantApi();
        Features.Statistics.StatisticsApi.MapStatisticsApi(api);
        Features.PersonalData.PersonalDataApi.MapPersonalDataApi(api);
        api.MapResultsAndCertificatesApi();
        Features.Review.ReviewApi.MapExpertReviewApi(api);
        if (app.Configuration.GetValue<bool>("TitleBridge:Bench:EmptyEndpoint"))
        {
            // The baseline of bench/catalogue/run.sh: the same host and pipeline, no work.
            app.MapGet("/bench/empty", () => TypedResults.Ok()).ExcludeFromDescription();
        }
        app.MapRazorPages();
        return app;
    }

    public static bool IsApi(HttpContext context) => IsApi(context.Request.Path);

    public static bool IsApi(PathString path) => path.StartsWithSegments("/api");

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (IsApi(context.HttpContext))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}

public static class Policies
{
    public const string Officer = "Officer";
    public const string Admin = "Admin";
    public const string Expert = "Expert";
}

/// <summary>Finds the reference data shipped with the app (data/ copied to the output).</summary>
public static class ReferenceFiles
{
    public static string Directory(IConfiguration configuration)
    {
        var configured = configuration[$"{TitleBridgeOptions.Section}:ReferenceDataDirectory"] ?? "data";
        return Path.GetFullPath(configured, AppContext.BaseDirectory);
    }

    public static string CatalogueDirectory(IConfiguration configuration) => Path.Combine(Directory(configuration), "catalogue");

    public static string DefaultEditionFile(IConfiguration configuration) =>
        Path.Combine(CatalogueDirectory(configuration), "guangzhou-2025-edition.json");

    public static ReferenceData LoadReferenceData(IConfiguration configuration) =>
        ReferenceData.Load(CatalogueDirectory(configuration), DefaultEditionFile(configuration));
}
