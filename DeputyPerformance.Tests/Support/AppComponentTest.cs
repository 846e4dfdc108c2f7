using Bunit;
using DeputyPerformance.App.Localization;
using DeputyPerformance.App.Security;
using DeputyPerformance.Domain;
using DeputyPerformance.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace DeputyPerformance.Tests.Support;

/// <summary>
/// bUnit base for the app's components: MudBlazor services with loose JS interop, the app's localization,
/// and the domain services over a seeded SQLite database. Disposed asynchronously (MudBlazor's services
/// throw on a synchronous dispose). Tests set their UI culture themselves (<see cref="CultureScope"/>).
/// </summary>
public abstract class AppComponentTest : BunitContext, IAsyncLifetime
{
    // The components read a real database, PostgreSQL's in CI's second pass, on a shared 2-core machine: bUnit's
    // default of 1 s for a WaitFor is shorter than a first render's queries there (a failed wait says so).
    static AppComponentTest() => DefaultWaitTimeout = TimeSpan.FromSeconds(15);

    protected TestDatabase Db { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Db = await TestDatabase.CreateAsync(seedDemo: true);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization();
        Services.AddTransient<MudLocalizer, MudTextLocalizer>();
        Services.AddSingleton<IDbContextFactory<DeputyDbContext>>(Db.Factory);
        Services.AddDeputyDomain();
        Services.AddScoped<CallerAccessor>();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Db.DisposeAsync();
    }
}
