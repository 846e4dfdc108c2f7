namespace DeputyPerformance.Domain.Persistence;

/// <summary>The database engines the app runs on (configuration key <c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>One embedded file, WAL mode: the default, for a county.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server (Npgsql): a prefecture or a province, several app nodes.</summary>
    PostgreSQL,
}

/// <summary>The configured engine and connection string, registered once; the SQL dialect services are chosen by it.</summary>
public sealed record DatabaseEngine(DatabaseProvider Provider, string ConnectionString)
{
    public bool IsPostgreSql => Provider == DatabaseProvider.PostgreSQL;

    /// <summary>The engine of a context's options: PostgreSQL when the Npgsql provider configured them, else SQLite.</summary>
    internal static DatabaseProvider Of(Microsoft.EntityFrameworkCore.Infrastructure.IDbContextOptions options) =>
        options.Extensions.Any(e => e.GetType().Assembly.GetName().Name == "Npgsql.EntityFrameworkCore.PostgreSQL")
            ? DatabaseProvider.PostgreSQL
            : DatabaseProvider.Sqlite;
}
