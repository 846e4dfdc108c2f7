using System.Data.Common;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;

namespace DeputyPerformance.Domain.Persistence;

public static class DatabaseSetup
{
    private static readonly SqliteBusyTimeout BusyTimeout = new();
    private static readonly PostgreSqlWriterLock WriterLock = new();

    /// <summary>The configuration key that names the engine (<see cref="DatabaseProvider"/>); SQLite when absent.</summary>
    public const string ProviderKey = "Database:Provider";

    /// <summary>The engine named by the configuration value (case-insensitive); SQLite when empty.</summary>
    public static DatabaseProvider ParseProvider(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return DatabaseProvider.Sqlite;
        if (Enum.TryParse<DatabaseProvider>(value.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider)) return provider;
        if (value.Trim().Equals("Postgres", StringComparison.OrdinalIgnoreCase) || value.Trim().Equals("Npgsql", StringComparison.OrdinalIgnoreCase))
        {
            return DatabaseProvider.PostgreSQL;
        }

        throw new InvalidOperationException($"{ProviderKey} '{value}' is not known: use Sqlite or PostgreSQL.");
    }

    /// <summary>Registers the context factory on SQLite; a folder named in the data source is created.</summary>
    public static IServiceCollection AddDeputyDatabase(this IServiceCollection services, string connectionString) =>
        services.AddDeputyDatabase(connectionString, DatabaseProvider.Sqlite);

    /// <summary>
    /// Registers the context factory on the given engine, the <see cref="DatabaseEngine"/> that names it and the SQL
    /// dialect services of the raw SQL paths. On SQLite a folder named in the data source is created.
    /// </summary>
    public static IServiceCollection AddDeputyDatabase(this IServiceCollection services, string connectionString, DatabaseProvider provider)
    {
        services.AddSingleton(new DatabaseEngine(provider, connectionString));
        if (provider == DatabaseProvider.PostgreSQL)
        {
            PostgreSqlSetup.UseLegacyTimestamps();
            services.AddDbContextFactory<DeputyDbContext>(o => Configure(o.UseNpgsql(connectionString, n => n.CommandTimeout(120)).AddInterceptors(WriterLock)));
            return services;
        }

        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        services.AddDbContextFactory<DeputyDbContext>(o => Configure(o.UseSqlite(connectionString, s => s.CommandTimeout(120)).AddInterceptors(BusyTimeout)));
        return services;
    }

    /// <summary>
    /// What both engines share: the migration set of the engine (<see cref="ProviderMigrationsAssembly"/>) and the log
    /// levels. A refused write (e.g. a delete that a foreign key forbids) is translated by the service into a message
    /// in the user's language and logged there in one line; EF's own error entries with the full stack trace would
    /// repeat it, so they are debug-level. An untranslated failure still reaches the host's error log.
    /// </summary>
    internal static T Configure<T>(T options) where T : DbContextOptionsBuilder
    {
        options.ReplaceService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsAssembly, ProviderMigrationsAssembly>()
            .ConfigureWarnings(w => w.Log((CoreEventId.SaveChangesFailed, LogLevel.Debug), (RelationalEventId.CommandError, LogLevel.Debug),
                // A PostgreSQL database that does not exist yet is created by the first migrate; its failed probe is no error.
                (RelationalEventId.ConnectionError, LogLevel.Debug)));
        return options;
    }

    public sealed record Health(bool Reachable, int PendingMigrations)
    {
        public bool Healthy => Reachable && PendingMigrations == 0;
    }

    /// <summary>Whether the database answers and how many migrations it still lacks (for /healthz).</summary>
    public static async Task<Health> CheckAsync(IDbContextFactory<DeputyDbContext> factory, CancellationToken ct = default)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            if (!await db.Database.CanConnectAsync(ct)) return new Health(false, 0);
            return new Health(true, (await db.Database.GetPendingMigrationsAsync(ct)).Count());
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            return new Health(false, 0);
        }
    }

    /// <summary>
    /// Applies migrations and switches the file to WAL, so readers do not block the writer. A database that already
    /// has every migration is recognised from its history table alone: EF's Migrate would first build the model and
    /// compare it with the migrations' snapshot (seconds on a small server) to find there is nothing to do.
    /// </summary>
    public static async Task MigrateAsync(IDbContextFactory<DeputyDbContext> factory, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var provider = db.Provider;
        if (db.ConfiguredConnectionString is not { } connectionString || !await IsUpToDateAsync(provider, connectionString, ct))
        {
            await db.Database.MigrateAsync(ct);
            if (provider == DatabaseProvider.Sqlite)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }
        }

        // The legacy audit seal needs EF's model (a second or more of a verb's start); a plain query says whether
        // there is anything to seal first.
        if (db.ConfiguredConnectionString is not { } cs || await HasUnsealedAuditAsync(provider, cs, ct))
        {
            await Auditing.AuditChain.SealLegacyEntriesAsync(db, ct);
        }
    }

    /// <summary>Whether the trail holds entries and none of them is linked yet (a database from before the chain).</summary>
    private static async Task<bool> HasUnsealedAuditAsync(DatabaseProvider provider, string connectionString, CancellationToken ct)
    {
        await using var connection = OpenConnection(provider, connectionString);
        await connection.OpenAsync(ct);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT CASE WHEN EXISTS (SELECT 1 FROM \"AuditEntries\") AND NOT EXISTS (SELECT 1 FROM \"AuditEntries\" WHERE \"Hash\" <> '') THEN 1 ELSE 0 END";
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    /// <summary>
    /// The ids of this build's migrations, read from their attributes (EF's own list, Database.GetMigrations, first
    /// builds the model: seconds).
    /// </summary>
    internal static IReadOnlyList<string> MigrationIds(DatabaseProvider provider = DatabaseProvider.Sqlite) =>
        typeof(DeputyDbContext).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Microsoft.EntityFrameworkCore.Migrations.Migration))
                        && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == typeof(DeputyDbContext)
                        && t.Namespace == ProviderMigrationsAssembly.NamespaceOf(provider))
            .Select(t => t.GetCustomAttribute<Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute>()!.Id)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Whether the history table lists exactly the migrations of this build (one query, no EF model), and then
    /// the file is in WAL mode (the mode is stored in the file; setting it again is a no-op).
    /// </summary>
    private static async Task<bool> IsUpToDateAsync(DatabaseProvider provider, string connectionString, CancellationToken ct)
    {
        var known = MigrationIds(provider);
        var applied = new List<string>();
        try
        {
            await using var connection = OpenConnection(provider, connectionString);
            await connection.OpenAsync(ct);
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\"";
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) applied.Add(reader.GetString(0));
            applied.Sort(StringComparer.Ordinal);
            if (!applied.SequenceEqual(known, StringComparer.Ordinal)) return false;
            await reader.DisposeAsync();
            if (provider == DatabaseProvider.Sqlite)
            {
                cmd.CommandText = "PRAGMA journal_mode=WAL;";
                await cmd.ExecuteNonQueryAsync(ct);
            }

            return true;
        }
        catch (DbException)
        {
            // No history table yet (a new file or an empty database).
            return false;
        }
    }

    /// <summary>A plain ADO.NET connection of the engine, for the start-up checks that must not build EF's model.</summary>
    internal static DbConnection OpenConnection(DatabaseProvider provider, string connectionString) =>
        provider == DatabaseProvider.PostgreSQL ? new Npgsql.NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
}
