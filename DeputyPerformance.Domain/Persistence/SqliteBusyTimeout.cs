using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DeputyPerformance.Domain.Persistence;

/// <summary>
/// Sets SQLite's own busy timeout on every connection the contexts open. A writer that finds the file locked then
/// waits inside SQLite, which retries after 1, 2, 5, 10 ... ms, instead of Microsoft.Data.Sqlite's retry loop,
/// which sleeps 150 ms between attempts: behind a transaction of a few milliseconds a writer waits a few
/// milliseconds, not 150.
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public const int Milliseconds = 30_000;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"PRAGMA busy_timeout = {Milliseconds};";
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = $"PRAGMA busy_timeout = {Milliseconds};";
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
