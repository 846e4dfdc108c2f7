using DeputyPerformance.Domain;
using DeputyPerformance.Domain.Accounts;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Tests.Support;

/// <summary>
/// A real, migrated database with the domain services over it, as the app wires them (without the web host): a
/// SQLite temp file, or a PostgreSQL database on the test server when the run's engine is PostgreSQL
/// (<see cref="TestEngine"/>) or the test asks for it. Each test class gets its own; dispose deletes it.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _path;
    private readonly bool _ownsFile;

    private TestDatabase(string path, ServiceProvider services, bool ownsFile = true, DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        _path = path;
        Services = services;
        _ownsFile = ownsFile;
        Provider = provider;
    }

    public ServiceProvider Services { get; }

    /// <summary>The engine of this database.</summary>
    public DatabaseProvider Provider { get; }

    public bool IsPostgreSql => Provider == DatabaseProvider.PostgreSQL;

    public string ConnectionString => IsPostgreSql ? _path : $"Data Source={_path}";

    /// <summary>The configuration arguments of an admin verb or host run against this database (engine and connection string).</summary>
    public string[] ConfigurationArgs => [$"--ConnectionStrings:Default={ConnectionString}", $"--Database:Provider={Provider}"];

    /// <summary>A raw, open connection to this database on its engine (write its SQL through <see cref="SqlDialect"/>).</summary>
    public async Task<System.Data.Common.DbConnection> OpenConnectionAsync()
    {
        System.Data.Common.DbConnection connection = IsPostgreSql ? new Npgsql.NpgsqlConnection(_path) : new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public IDbContextFactory<DeputyDbContext> Factory => Services.GetRequiredService<IDbContextFactory<DeputyDbContext>>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <param name="seedDemo">Fill the database with the demo county and its accounts.</param>
    /// <param name="logs">Receives the services' log messages too, e.g. a <see cref="CapturingLoggerProvider"/>.</param>
    /// <param name="engine">The engine; the run's (<see cref="TestEngine.Current"/>) when not given.</param>
    public static async Task<TestDatabase> CreateAsync(bool seedDemo = false, ILoggerProvider? logs = null, DatabaseProvider? engine = null)
    {
        var chosen = engine ?? TestEngine.Current;
        var path = chosen == DatabaseProvider.PostgreSQL
            ? await PostgresServer.CreateDatabaseAsync()
            : Path.Combine(Path.GetTempPath(), $"dp-test-{Guid.NewGuid():N}.db");
        var provider = Build(path, logs, chosen);
        var db = new TestDatabase(path, provider, provider: chosen);
        await DatabaseSetup.MigrateAsync(db.Factory);
        await provider.GetRequiredService<AccountService>().EnsureRolesAsync();
        if (seedDemo)
        {
            await provider.GetRequiredService<Domain.Seeding.DemoCountySeeder>().SeedAsync(withDutyLogs: false);
        }

        return db;
    }

    /// <summary>The domain services over an existing database (e.g. the end-to-end app's), which dispose leaves in place.</summary>
    public static TestDatabase Open(string path) => new(path, Build(path, null), ownsFile: false);

    private static ServiceProvider Build(string path, ILoggerProvider? logs, DatabaseProvider engine = DatabaseProvider.Sqlite)
    {
        var services = new ServiceCollection();
        services.AddLogging(b =>
        {
            b.SetMinimumLevel(LogLevel.Warning);
            if (logs is not null)
            {
                b.AddProvider(logs);
            }
        });
        services.AddDataProtection();
        services.AddDeputyDatabase(engine == DatabaseProvider.PostgreSQL ? path : $"Data Source={path}", engine);
        services.AddDeputyDomain();
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<DeputyDbContext>>().CreateDbContext());
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Lockout.MaxFailedAccessAttempts = 5;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<DeputyDbContext>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddDefaultTokenProviders();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = false });
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (!_ownsFile) return;
        if (IsPostgreSql)
        {
            await PostgresServer.DropDatabaseAsync(_path);
            return;
        }

        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try
            {
                File.Delete(_path + suffix);
            }
            catch (IOException)
            {
                // A file still open elsewhere is left to the OS temp cleaner.
            }
        }
    }
}

/// <summary>Callers for tests, one per role.</summary>
public static class TestCallers
{
    public static Caller Admin { get; } = new("admin", Roles.Administrator);
    public static Caller CountyClerk { get; } = new("county.clerk", Roles.CountyClerk);
    public static Caller CommitteeMember { get; } = new("committee", Roles.CommitteeMember);
    public static Caller TownClerk(int townId) => new("town.clerk", Roles.TownClerk, TownId: townId);
    public static Caller Deputy(int deputyId) => new("deputy", Roles.Deputy, DeputyId: deputyId);
}
