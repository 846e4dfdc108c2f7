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

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
