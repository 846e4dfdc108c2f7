using System.Globalization;
using DeputyPerformance.App.Components;
using DeputyPerformance.App.Localization;
using DeputyPerformance.App.Roster;
using DeputyPerformance.App.Duties;
using DeputyPerformance.App.Ballots;
using DeputyPerformance.App.Evaluations;
using DeputyPerformance.App.Exits;
using DeputyPerformance.App.Suggestions;
using DeputyPerformance.App.Security;
using DeputyPerformance.Domain;
using DeputyPerformance.Domain.Accounts;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Persistence;
using DeputyPerformance.Domain.Seeding;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using MudBlazor.Services;

namespace DeputyPerformance.App.Hosting;

public static class AppSetup
{
    public static readonly CultureInfo[] SupportedCultures = [new("zh-CN"), new("en")];
    public const string DefaultCulture = "zh-CN";

    public static void AddDeputyPerformance(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddDeputyDatabase(ResolveConnectionString(builder.Configuration, builder.Environment.ContentRootPath),
            DatabaseSetup.ParseProvider(builder.Configuration[DatabaseSetup.ProviderKey]));
        services.AddDeputyDomain();
        // Imports (page and command line) run one at a time, four more may wait, each within a time limit.
        var imports = builder.Configuration.GetSection("Imports");
        services.Replace(ServiceDescriptor.Singleton(new ImportQueue(
            imports.GetValue("Concurrency", 1), imports.GetValue("MaxWaiting", 4), TimeSpan.FromMinutes(imports.GetValue("TimeLimitMinutes", 30)))));
        services.AddHostedService<UploadSweeper>();
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
                // A backstop against guessing from many addresses; one address is slowed long before (SignInThrottle).
                o.Lockout.MaxFailedAccessAttempts = 20;
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
        // Outside Development every cookie is Secure, whatever the scheme the app itself sees behind its proxy.
        var cookieSecurity = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.SecurePolicy = cookieSecurity;
            // Every request checks the session (stamp, disabled, lockout, mandate): an ended session ends at once.
            o.Events.OnValidatePrincipal = SessionCookieValidator.ValidateAsync;
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
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, SessionCircuitHandler>();
        services.AddScoped<CallerAccessor>();
        services.AddScoped<Exits.NotificationBellState>();
        services.AddSingleton(builder.Configuration.GetSection("SignInThrottle").Get<SignInThrottleOptions>() ?? new SignInThrottleOptions());
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<PasswordSignIn>();
        services.AddSingleton(builder.Configuration.GetSection("VotingThrottle").Get<CodeLookupThrottleOptions>() ?? new CodeLookupThrottleOptions());
        services.AddSingleton<CodeLookupThrottle>();
        services.AddSingleton(new AppCookieSecurity(cookieSecurity));
        services.AddForwardedHeadersFromConfiguration(builder.Configuration);
        // The key ring lives in the database, sealed with the node secret: every node reads the same keys (decision 0080).
        services.AddDatabaseKeyRing();

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
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMemoryDiagnostics(builder.Configuration);
        // The antiforgery cookie holds no session: Secure whenever the request is https (behind the configured proxy it is);
        // "Always" would make antiforgery throw on a plain-http request instead of answering it.
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
    }

    /// <summary>
    /// A relative SQLite file is placed under the content root, not wherever the process was started; a PostgreSQL
    /// connection string is taken as it is.
    /// </summary>
    public static string ResolveConnectionString(IConfiguration configuration, string contentRoot)
    {
        var raw = configuration.GetConnectionString("Default")
                  ?? throw new InvalidOperationException("ConnectionStrings:Default is not configured.");
        if (DatabaseSetup.ParseProvider(configuration[DatabaseSetup.ProviderKey]) == DatabaseProvider.PostgreSQL)
        {
            return raw;
        }

        var builder = new SqliteConnectionStringBuilder(raw);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory
            && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        }

        return builder.ToString();
    }

    /// <summary>
    /// Where the Data Protection keys lived before they moved into the database (decision 0080): the configured
    /// DataProtection:KeysFolder, else a folder beside the SQLite database named after it (App_Data/deputy-performance-keys).
    /// On PostgreSQL App_Data/keys under the content root. The keys found there are moved at start.
    /// </summary>
    public static string? DataProtectionKeysFolder(IConfiguration configuration, string contentRoot)
    {
        if (configuration["DataProtection:KeysFolder"] is { Length: > 0 } configured)
        {
            return Path.GetFullPath(Path.Combine(contentRoot, configured));
        }

        if (DatabaseSetup.ParseProvider(configuration[DatabaseSetup.ProviderKey]) == DatabaseProvider.PostgreSQL)
        {
            return Path.Combine(contentRoot, "App_Data", "keys");
        }

        var database = new SqliteConnectionStringBuilder(ResolveConnectionString(configuration, contentRoot)).DataSource;
        if (string.IsNullOrEmpty(database) || database == ":memory:" || database.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return Path.Combine(contentRoot, "App_Data", "keys");
        }

        return Path.Combine(Path.GetDirectoryName(database)!, Path.GetFileNameWithoutExtension(database) + "-keys");
    }

    /// <summary>Migrates at start; in Development an empty database gets the demo county.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<IDbContextFactory<DeputyDbContext>>());
        await scope.ServiceProvider.GetRequiredService<AccountService>().EnsureRolesAsync();
        if (DataProtectionKeysFolder(app.Configuration, app.Environment.ContentRootPath) is { } oldKeys)
        {
            await DataProtectionKeys.ImportFolderAsync(oldKeys, scope.ServiceProvider.GetRequiredService<IDbContextFactory<DeputyDbContext>>(),
                new NodeSecretXmlEncryptor(scope.ServiceProvider.GetRequiredService<Domain.Ballots.IBallotSecret>()), app.Logger);
        }
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
        // First: behind a configured proxy the client's address and scheme come from X-Forwarded-For/-Proto.
        app.UseForwardedHeaders();
        app.Use((http, next) =>
        {
            // No response is ever read as another type than it declares (an evidence PDF stays a PDF), error pages too.
            http.Response.OnStarting(() =>
            {
                http.Response.Headers.XContentTypeOptions = "nosniff";
                return Task.CompletedTask;
            });
            return next(http);
        });
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
        app.MapStaticAssets();
        app.MapAccountEndpoints();
        app.MapAuditEndpoints();
        app.MapCultureEndpoints();
        app.MapRosterEndpoints();
        app.MapDutyEndpoints();
        app.MapBallotEndpoints();
        app.MapEvaluationEndpoints();
        app.MapExitEndpoints();
        app.MapSuggestionEndpoints();
        app.MapHealthEndpoint();
        app.MapMemoryDiagnostics();
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode();
    }
}
