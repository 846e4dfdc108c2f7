using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DeputyPerformance.Domain.Persistence;

/// <summary>
/// On PostgreSQL every transaction the app begins through EF takes one transaction-scoped advisory lock first, the
/// writer lock: transactions of the app run one after another, as SQLite's BEGIN IMMEDIATE (Microsoft.Data.Sqlite's
/// default) makes them, so every check-then-write the services do inside a transaction (a roster import plan, a
/// suggestion's next number, an exit flag refresh, a vote code spent once) keeps SQLite's guarantee on every node
/// (decision 0072). Reads outside transactions, the score recomputation's reads and chunks (raw transactions with
/// their own year lock) and single statements do not take it.
/// </summary>
internal sealed class PostgreSqlWriterLock : DbTransactionInterceptor
{
    /// <summary>The writer lock's key ('DP' + 0).</summary>
    public const long Key = 0x4450_0000_0000;

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        using var cmd = Command(connection, result);
        cmd.ExecuteNonQuery();
        return result;
    }

    public override async ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        await using var cmd = Command(connection, result);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
        return result;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = FormattableString.Invariant($"SELECT pg_advisory_xact_lock({Key})");
        return cmd;
    }
}
