using System.Data.Common;
using DeputyPerformance.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Ballots;

/// <summary>
/// What a closed vote leaves behind on PostgreSQL (docs/decisions/0082-ballot-secrecy-on-postgresql.md).
/// Every cast wrote the token's new row version and the ballot in one transaction: equal <c>xmin</c>, neighbouring
/// <c>ctid</c>s in casting order. At closing the ballots are deleted (as on SQLite) and, in the same transaction, the
/// vote's tokens are deleted and inserted again in the order of their keyed hashes, so every token of the vote carries
/// the closing transaction's xmin and sits where the hash order puts it; after the commit <c>VACUUM FULL</c> writes both
/// tables into new files without a dead row version, and rebuilds their indexes, so no old version, line pointer or
/// index entry of a cast remains. SQLite needs none of this: its tables are WITHOUT ROWID, keyed by random values, and
/// secure_delete plus the WAL truncation clear the rest (decision 0011).
/// </summary>
internal static class BallotTraces
{
    private static bool IsPostgreSql(DeputyDbContext db) => db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>Inside the closing transaction: every token of the vote written again, in keyed-hash order (PostgreSQL only).</summary>
    public static async Task RewriteTokensAsync(DeputyDbContext db, int voteId, CancellationToken ct)
    {
        if (!IsPostgreSql(db)) return;
        // One statement: the rows come out of the DELETE and go back in sorted by hash, new versions under this xid.
        await db.Database.ExecuteSqlRawAsync(
            "WITH gone AS (DELETE FROM \"VoteTokens\" WHERE \"VoteId\" = {0} RETURNING \"CodeHash\", \"VoteId\", \"Used\") " +
            "INSERT INTO \"VoteTokens\" (\"CodeHash\", \"VoteId\", \"Used\") SELECT \"CodeHash\", \"VoteId\", \"Used\" FROM gone ORDER BY \"CodeHash\"",
            [voteId], ct);
    }

    /// <summary>
    /// After the closing commit (VACUUM cannot run in a transaction): both tables rewritten without dead versions
    /// (PostgreSQL only). VACUUM FULL locks each table for the moment of the copy; behind a long reader it gives up after
    /// a few seconds and tries again, and a vote that closes later vacuums again. Returns whether both were vacuumed.
    /// </summary>
    public static async Task<bool> VacuumAsync(IDbContextFactory<DeputyDbContext> factory, ILogger logger, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!IsPostgreSql(db)) return true;
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await WaitForOlderSnapshotsAsync(connection, ct);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                await ExecuteAsync(connection, "SET lock_timeout = '5s'", ct);
                await ExecuteAsync(connection, "VACUUM (FULL, ANALYZE) \"ElectronicBallots\", \"VoteTokens\"", ct);
                return true;
            }
            catch (DbException ex) when (attempt < 5 && !ct.IsCancellationRequested)
            {
                logger.LogInformation("VACUUM of the ballot tables waited too long ({Error}); trying again", ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(attempt), ct);
            }
            catch (DbException ex)
            {
                logger.LogWarning("The ballot tables could not be vacuumed after closing a vote ({Error}); the next closing tries again, or run VACUUM FULL \"ElectronicBallots\", \"VoteTokens\"", ex.Message);
            }
        }

        return false;
    }

    /// <summary>
    /// VACUUM FULL keeps every version that a transaction may still see, by a horizon that two kinds of session hold
    /// back: a session of this database whose snapshot is older than the closing commit (a reader, a recomputation),
    /// and any transaction of the whole server, of any database, that was running at the close: every snapshot taken
    /// while it runs, VACUUM's own included, counts it as running (a snapshot's xmin is the server's oldest running
    /// transaction). Either would keep the deleted ballots in the rewritten table. Waits, for at most 30 s, until
    /// neither is left: a new snapshot's xmin is past this moment, and no session of this database holds an older one.
    /// </summary>
    private static async Task WaitForOlderSnapshotsAsync(DbConnection connection, CancellationToken ct)
    {
        string now;
        await using (var tx = await connection.BeginTransactionAsync(ct))
        {
            await using var assign = connection.CreateCommand();
            assign.Transaction = tx;
            assign.CommandText = "SELECT pg_current_xact_id()::text";
            now = (string)(await assign.ExecuteScalarAsync(ct))!;
            await tx.CommitAsync(ct);
        }

        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText =
                "SELECT (pg_snapshot_xmin(pg_current_snapshot()) > @now::xid8) AND NOT EXISTS (SELECT 1 FROM pg_stat_activity " +
                "WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xmin IS NOT NULL " +
                "AND age(backend_xmin) >= age(((@now::xid8)::text::bigint % 4294967296)::text::xid))";
            var p = cmd.CreateParameter();
            p.ParameterName = "now";
            p.Value = now;
            cmd.Parameters.Add(p);
            if (await cmd.ExecuteScalarAsync(ct) is true) return;
            await Task.Delay(200, ct);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
