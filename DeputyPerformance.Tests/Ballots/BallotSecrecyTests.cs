using System.Data.Common;
using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Persistence;
using DeputyPerformance.Domain.Reports;
using DeputyPerformance.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DeputyPerformance.Tests.Ballots;

/// <summary>
/// Someone holding the whole database after a vote closed (system columns, physical order, times) tries to pair a used
/// token with a ballot; on each engine every attack must come up empty (decisions 0011 and 0082).
/// </summary>
public sealed class BallotSecrecyTests
{
    private sealed record Vote(TestDatabase Db, int Id, IReadOnlyList<string> CastOrder, IReadOnlyList<byte[]> Sealed);

    /// <summary>A vote of 12 codes, all cast in the order they were printed, with the sealed ballots read while it was open.</summary>
    private static async Task<Vote> CastVoteAsync(TestDatabase db)
    {
        int deputyId, townId;
        await using (var ctx = await db.Factory.CreateDbContextAsync())
        {
            var deputy = await ctx.Deputies.OrderBy(d => d.Id).FirstAsync();
            (deputyId, townId) = (deputy.Id, deputy.TownId);
        }

        var clerk = TestCallers.TownClerk(townId);
        var reports = db.Get<ReportService>();
        var reportId = await reports.PlanAsync(clerk, new ReportPlanInput { DeputyId = deputyId, PlannedDate = new DateOnly(2019, 5, 10) });
        await reports.RecordSessionAsync(clerk, reportId, new ReportSessionInput { HeldOn = new DateOnly(2019, 5, 10), Attendance = 60 });
        var votes = db.Get<VoteService>();
        var voteId = await votes.CreateAsync(clerk, new VoteSubject(VoteKind.ConstituentReport, reportId), VoteMode.Electronic);
        var codes = await votes.GenerateTokensAsync(clerk, voteId, 12);
        await votes.OpenAsync(clerk, voteId);
        var ballots = db.Get<BallotService>();
        for (var i = 0; i < codes.Count; i++)
        {
            Assert.Equal(CastResult.Recorded, await ballots.CastAsync(codes[i], i % 3 == 0 ? SatisfactionOption.Dissatisfied : SatisfactionOption.Satisfied));
        }

        var secret = db.Get<IBallotSecret>();
        await using var read = await db.Factory.CreateDbContextAsync();
        var sealedBallots = await read.ElectronicBallots.AsNoTracking().Where(b => b.VoteId == voteId).Select(b => b.Sealed).ToListAsync();
        return new Vote(db, voteId, codes.Select(secret.HashCode).ToList(), sealedBallots);
    }

    private static async Task CloseAsync(Vote vote)
    {
        await using var ctx = await vote.Db.Factory.CreateDbContextAsync();
        var townId = await ctx.Deputies.OrderBy(d => d.Id).Select(d => d.TownId).FirstAsync();
        await vote.Db.Get<VoteService>().CloseAsync(TestCallers.TownClerk(townId), vote.Id);
    }

    [Fact]
    public async Task OnSqliteNoRowIdOrderOrTimeLinksABallotToATokenAfterTheVoteClosed()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true, engine: DatabaseProvider.Sqlite);
        var vote = await CastVoteAsync(db);
        await CloseAsync(vote);

        await using var connection = new SqliteConnection(db.ConnectionString);
        await connection.OpenAsync();
        // No ballot is left to pair with.
        Assert.Equal(0L, await ScalarAsync(connection, $"SELECT COUNT(*) FROM ElectronicBallots WHERE VoteId = {vote.Id}"));
        // Join attack: neither table has a hidden row id that would follow the casting order.
        Assert.Throws<SqliteException>(() => ScalarAsync(connection, "SELECT rowid FROM VoteTokens").GetAwaiter().GetResult());
        Assert.Throws<SqliteException>(() => ScalarAsync(connection, "SELECT rowid FROM ElectronicBallots").GetAwaiter().GetResult());
        // Ordering attack: the tokens lie in the order of their keyed hashes, not of the casts.
        var physical = await ColumnAsync(connection, $"SELECT CodeHash FROM VoteTokens WHERE VoteId = {vote.Id}");
        Assert.Equal(vote.CastOrder.Order(StringComparer.Ordinal), physical);
        Assert.NotEqual(vote.CastOrder, physical);
        // Timing attack: a token holds no time, and neither tokens nor ballots are in the audit trail.
        Assert.Equal(["CodeHash", "Used", "VoteId"], (await ColumnAsync(connection, "SELECT name FROM pragma_table_info('VoteTokens')")).Order(StringComparer.Ordinal));
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT COUNT(*) FROM AuditEntries WHERE EntityType IN ('VoteToken', 'ElectronicBallot')"));
        // The files hold no sealed ballot any more, the WAL included (decision 0011's test reads them byte by byte).
        Assert.Equal(0L, new FileInfo(new SqliteConnectionStringBuilder(db.ConnectionString).DataSource + "-wal") is { Exists: true } wal ? wal.Length : 0L);
    }

    [PostgresFact]
    public async Task OnPostgreSqlNoXminCtidOrderOrTimeLinksABallotToATokenAfterTheVoteClosed()
    {
        // Npgsql reads this switch once, at its first use; the test server's own start may come before the app's setup.
        PostgreSqlSetup.UseLegacyTimestamps();
        await using var db = await TestDatabase.CreateAsync(seedDemo: true, engine: DatabaseProvider.PostgreSQL);
        var vote = await CastVoteAsync(db);
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "CREATE EXTENSION IF NOT EXISTS pageinspect");

        // While the vote is open the reviewer's join works: each cast wrote its token and its ballot in one transaction
        // (the ballot in EF's savepoint, a subtransaction whose xid follows its parent's). It pairs a token with a sealed
        // ballot only (harmless without the node secret), and it must not survive closing.
        // Transaction ids are shared by every database of the server, so other sessions' transactions can fall between a
        // token's and its ballot's: the join looks a little further than the next id, and finds pairs while the vote is open.
        var joinSql = "SELECT COUNT(*) FROM \"VoteTokens\" t JOIN \"ElectronicBallots\" b " +
                      $"ON b.xmin::text::bigint - t.xmin::text::bigint BETWEEN 0 AND 50 WHERE t.\"VoteId\" = {vote.Id}";
        Assert.True(await ScalarAsync(connection, joinSql) > 0);
        var castXids = await ColumnAsync(connection, $"SELECT xmin::text FROM \"VoteTokens\" WHERE \"VoteId\" = {vote.Id} AND \"Used\"");
        Assert.Equal(12, castXids.Distinct().Count());

        var fileBefore = await ColumnAsync(connection, "SELECT pg_relation_filenode('\"ElectronicBallots\"')::text");
        await CloseAsync(vote);
        var fileAfter = await ColumnAsync(connection, "SELECT pg_relation_filenode('\"ElectronicBallots\"')::text");
        var items = await ColumnAsync(connection,
            "SELECT concat_ws(',', p, i.lp, i.lp_flags, i.t_xmin, i.t_xmax) FROM generate_series(0, (pg_relation_size('\"ElectronicBallots\"') / current_setting('block_size')::int)::int - 1) AS p, " +
            "heap_page_items(get_raw_page('\"ElectronicBallots\"', p)) AS i");
        // Said when a ballot survives: whether VACUUM FULL rewrote the table, and each kept tuple's page, line, flags, xmin, xmax.
        var kept = $"(table file {fileBefore[0]} -> {fileAfter[0]}; tuples {string.Join(" ", items)}; casts' xids {string.Join(" ", castXids)})";

        // No ballot row, live or dead, and no byte of a sealed ballot in any page of either table or their indexes.
        Assert.Equal(0L, await ScalarAsync(connection, $"SELECT COUNT(*) FROM \"ElectronicBallots\" WHERE \"VoteId\" = {vote.Id}"));
        Assert.Equal(0L, await ScalarAsync(connection, joinSql));
        var pages = await RawPagesAsync(connection, "ElectronicBallots", "VoteTokens");
        foreach (var sealedBallot in vote.Sealed)
        {
            Assert.False(pages.Any(p => p.AsSpan().IndexOf(sealedBallot.AsSpan(12)) >= 0), "a sealed ballot survived the close in a page " + kept);
        }

        // Join attack on system columns: every token of the vote carries the closing transaction's xmin, none a cast's,
        // and no dead version of a token (with its cast's xmin or xmax) is left in the table.
        var xmins = await ColumnAsync(connection, $"SELECT xmin::text FROM \"VoteTokens\" WHERE \"VoteId\" = {vote.Id}");
        Assert.Single(xmins.Distinct());
        Assert.DoesNotContain(xmins[0], castXids);
        Assert.Equal(0L, await ScalarAsync(connection,
            "SELECT COUNT(*) FROM generate_series(0, (pg_relation_size('\"VoteTokens\"') / current_setting('block_size')::int)::int - 1) AS p, " +
            "heap_page_items(get_raw_page('\"VoteTokens\"', p)) AS i WHERE i.lp_flags <> 1 OR i.t_xmax <> '0'"));
        var allXmins = await ColumnAsync(connection,
            "SELECT i.t_xmin::text FROM generate_series(0, (pg_relation_size('\"VoteTokens\"') / current_setting('block_size')::int)::int - 1) AS p, " +
            "heap_page_items(get_raw_page('\"VoteTokens\"', p)) AS i");
        Assert.Empty(allXmins.Intersect(castXids));

        // Ordering attack: the physical order (ctid) of the tokens is the order of their keyed hashes, not of the casts.
        var physical = await ColumnAsync(connection, $"SELECT \"CodeHash\" FROM \"VoteTokens\" WHERE \"VoteId\" = {vote.Id} ORDER BY ctid");
        Assert.Equal(vote.CastOrder.Order(StringComparer.Ordinal), physical);
        Assert.NotEqual(vote.CastOrder, physical);

        // Timing attack: a token holds no time, one xmin means one commit time for all, and the audit trail has none of them.
        Assert.Equal(["CodeHash", "Used", "VoteId"], (await ColumnAsync(connection,
            "SELECT column_name::text FROM information_schema.columns WHERE table_name = 'VoteTokens'")).Order(StringComparer.Ordinal));
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT COUNT(*) FROM \"AuditEntries\" WHERE \"EntityType\" IN ('VoteToken', 'ElectronicBallot')"));
    }

    /// <summary>Every page of the tables and of their indexes, as a forensic reader of the data files would see them.</summary>
    private static async Task<List<byte[]>> RawPagesAsync(NpgsqlConnection connection, params string[] tables)
    {
        var pages = new List<byte[]>();
        foreach (var table in tables)
        {
            var relations = await ColumnAsync(connection,
                $"SELECT c.oid::regclass::text FROM pg_class c WHERE c.oid = '\"{table}\"'::regclass " +
                $"UNION ALL SELECT i.indexrelid::regclass::text FROM pg_index i WHERE i.indrelid = '\"{table}\"'::regclass");
            foreach (var relation in relations)
            {
                await using var cmd = new NpgsqlCommand(
                    "SELECT get_raw_page(@r, p) FROM generate_series(0, (pg_relation_size(@r::regclass) / current_setting('block_size')::int)::int - 1) AS p", connection);
                cmd.Parameters.AddWithValue("r", relation);
                await using var reader = await cmd.ExecuteReaderAsync();
                while (await reader.ReadAsync()) pages.Add((byte[])reader[0]);
            }
        }

        Assert.NotEmpty(pages);
        return pages;
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<List<string>> ColumnAsync(DbConnection connection, string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        var values = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }
}
