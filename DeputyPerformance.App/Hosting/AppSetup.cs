using System.Globalization;
using DeputyPerformance.App.Components;
using DeputyPerformance.App.Localization;
using DeputyPerformance.App.Roster;
using DeputyPerformance.App.Duties;
using DeputyPerformance.App.Ballots;
using DeputyPerformance.App.Security;
using DeputyPerformance.Domain;
using DeputyPerformance.Domain.Accounts;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Persistence;
using DeputyPerformance.Domain.Seeding;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using MudBlazor.Services;

namespace DeputyPerformance.App.Hosting;

public static class AppSetup
{
    public static readonly CultureInfo[] SupportedCultures = [new("zh-CN"), new("en")];
    public const string DefaultCulture = "zh-CN";
    public const string VotingRateLimit = "voting";

    public static void AddDeputyPerformance(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddDeputyDatabase(ResolveConnectionString(builder.Configuration, builder.Environment.ContentRootPath));
        services.AddDeputyDomain();
        // Evidence files live outside the database, by default under the content root's App_Data.
        var evidence = builder.Configuration.GetSection("Evidence").Get<EvidenceOptions>() ?? new EvidenceOptions();
        evidence.Folder = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, evidence.Folder));
        services.AddSingleton(evidence);
        // The ballot secret is a file beside the data, never in the database (decision 0011); put it on another volume in production.
        var ballotKey = builder.Configuration["Ballots:KeyFile"] ?? Path.Combine("App_Data", "ballot-secret.key");
        services.AddSingleton(new Domain.Ballots.BallotSecretOptions { KeyFile = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, ballotKey)) });

        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<DeputyDbContext>()
            .AddSignInManager<AppSignInManager>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();
        // Identity's stores want a scoped context; pages and services use the factory instead.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<DeputyDbContext>>().CreateDbContext());

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.Name = "dp.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
        });
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        services.AddScoped<CallerAccessor>();

        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(DefaultCulture);
            o.SupportedCultures = SupportedCultures;
            o.SupportedUICultures = SupportedCultures;
            // Chinese first whatever the browser says; the cookie remembers a switch to English.
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });

        services.AddMudServices(c =>
        {
            c.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            c.SnackbarConfiguration.PreventDuplicates = false;
        });
        services.AddTransient<MudLocalizer, MudTextLocalizer>();

        // Chinese text stays readable in the HTML instead of becoming numeric entities.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        // The anonymous voting page is the one page anybody can reach: a per-address limit stops code guessing.
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(VotingRateLimit, http => System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = 30, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = async (context, ct) =>
            {
                var texts = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Resources.UiText>>();
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(texts["TooManyRequests"], ct);
            };
        });
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddAntiforgery();
    }

    /// <summary>A relative SQLite file is placed under the content root, not wherever the process was started.</summary>
    public static string ResolveConnectionString(IConfiguration configuration, string contentRoot)
    {
        var raw = configuration.GetConnectionString("Default")
                  ?? throw new InvalidOperationException("ConnectionStrings:Default is not configured.");
        var builder = new SqliteConnectionStringBuilder(raw);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory
            && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        }

        return builder.ToString();
    }

    /// <summary>Migrates at start; in Development an empty database gets the demo county.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<IDbContextFactory<DeputyDbContext>>());
        await scope.ServiceProvider.GetRequiredService<AccountService>().EnsureRolesAsync();
        if (app.Environment.IsDevelopment() && app.Configuration.GetValue("SeedDemoData", false))
        {
            var seeded = await scope.ServiceProvider.GetRequiredService<DemoCountySeeder>().SeedAsync();
            if (seeded)
            {
                app.Logger.LogInformation("Seeded the demo county; demo accounts are listed in README.md");
            }
        }
    }

    public static void UseDeputyPerformance(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseRateLimiter();
        app.MapStaticAssets();
        app.MapAccountEndpoints();
        app.MapCultureEndpoints();
        app.MapRosterEndpoints();
        app.MapDutyEndpoints();
        app.MapBallotEndpoints();
        app.MapHealthEndpoint();
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode();
    }
}
