using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;

namespace DeputyPerformance.Domain.Persistence;

public static class DatabaseSetup
{
    /// <summary>Registers the context factory on SQLite; a folder named in the data source is created.</summary>
    public static IServiceCollection AddDeputyDatabase(this IServiceCollection services, string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        // A refused write (e.g. a delete that a foreign key forbids) is translated by the service into a message in
        // the user's language and logged there in one line; EF's own error entries with the full stack trace
        // would repeat it, so they are debug-level. An untranslated failure still reaches the host's error log.
        services.AddDbContextFactory<DeputyDbContext>(o => o.UseSqlite(connectionString, s => s.CommandTimeout(120))
            .ConfigureWarnings(w => w.Log((CoreEventId.SaveChangesFailed, LogLevel.Debug), (RelationalEventId.CommandError, LogLevel.Debug))));
        return services;
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

    /// <summary>Applies migrations and switches the file to WAL, so readers do not block the writer.</summary>
    public static async Task MigrateAsync(IDbContextFactory<DeputyDbContext> factory, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        await Auditing.AuditChain.SealLegacyEntriesAsync(db, ct);
    }
}
