using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace DeputyPerformance.Domain.Seeding;

/// <summary>
/// The scale data generator's PostgreSQL path (decision 0115): the same rows as on SQLite, written by binary COPY in
/// one transaction, with the duty logs' secondary indexes and foreign keys dropped during the load and put back
/// after it (one sort per index and one join per key instead of a check per row), then the yearly totals summed by
/// the app's repair statement and <c>ANALYZE</c>, so the planner knows the sizes it is given.
/// </summary>
internal static class ScaleDataPostgreSql
{
    public static async Task GenerateAsync(string connectionString, ScaleDataOptions options, IProgress<string>? progress, CancellationToken ct)
    {
        Persistence.PostgreSqlSetup.UseLegacyTimestamps();
        // One long session: no command timeout; the commits need not wait for the disk (a crash leaves a database to drop).
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 };
        await using var connection = new NpgsqlConnection(builder.ToString());
        await connection.OpenAsync(ct);
        await ScaleDataGenerator.EnsureEmptyAsync(connection, ct);
        await ScaleDataGenerator.ExecAsync(connection, "SET synchronous_commit = off; SET maintenance_work_mem = '256MB'", ct);

        var random = new Random(options.Seed);
        var names = ScaleDataGenerator.LoadNames();
        var indexes = await ListAsync(connection,
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'DutyLogs' AND indexname <> 'PK_DutyLogs'", ct);
        var keys = await ListAsync(connection,
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = '\"DutyLogs\"'::regclass AND contype = 'f'", ct);

        await using (var tx = await connection.BeginTransactionAsync(ct))
        {
            foreach (var (name, _) in keys) await ScaleDataGenerator.ExecAsync(connection, $"ALTER TABLE \"DutyLogs\" DROP CONSTRAINT \"{name}\"", ct);
            foreach (var (name, _) in indexes) await ScaleDataGenerator.ExecAsync(connection, $"DROP INDEX \"{name}\"", ct);

            var (termId, towns) = await ScaleDataGenerator.InsertTermAndTownsAsync(connection, tx, options, names, ct);
            var rows = ScaleDataGenerator.DrawDeputies(options, names, random);
            await using (var copy = await connection.BeginBinaryImportAsync(
                             "COPY \"Deputies\" (\"TermId\", \"DeputyNumber\", \"Name\", \"Gender\", \"Level\", \"TownId\", \"DelegationId\", \"Status\", \"IsStateOrganLeader\") FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var row in rows)
                {
                    var (town, delegation) = towns[row.TownIndex];
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(termId, NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(row.Number, NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(row.Name, NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(row.Gender, NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(row.Level, NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(town, NpgsqlDbType.Integer, ct);
                    if (row.County) await copy.WriteAsync(delegation, NpgsqlDbType.Integer, ct);
                    else await copy.WriteNullAsync(ct);
                    await copy.WriteAsync("Active", NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(row.Leader, NpgsqlDbType.Boolean, ct);
                }

                await copy.CompleteAsync(ct);
            }

            // The ids the identity gave, by number (the numbers are unique per term).
            var ids = new Dictionary<string, int>(rows.Length, StringComparer.Ordinal);
            await using (var read = new NpgsqlCommand("SELECT \"DeputyNumber\", \"Id\" FROM \"Deputies\" WHERE \"TermId\" = @term", connection, (NpgsqlTransaction)tx))
            {
                read.Parameters.AddWithValue("term", termId);
                await using var r = await read.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct)) ids[r.GetString(0)] = r.GetInt32(1);
            }

            var deputies = rows.Select(d => (ids[d.Number], towns[d.TownIndex].Town)).ToArray();
            progress?.Report($"{options.Towns} towns and {options.Deputies} deputies written; writing {options.Logs:N0} logs...");
            await using (var copy = await connection.BeginBinaryImportAsync("""
                             COPY "DutyLogs" ("DeputyId", "TownId", "Date", "Year", "CategoryCode", "Count", "Description", "Source", "Status",
                                              "RejectionReason", "SubmittedBy", "SubmittedAtUtc", "ReviewedBy", "ReviewedAtUtc") FROM STDIN (FORMAT BINARY)
                             """, ct))
            {
                var written = 0;
                foreach (var log in ScaleDataGenerator.DrawLogs(options, deputies, random))
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(log.DeputyId, NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(log.TownId, NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(log.Date, NpgsqlDbType.Date, ct);
                    await copy.WriteAsync(log.Year, NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(log.CategoryCode, NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(log.Count, NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(log.CategoryCode, NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(log.SelfSubmitted ? "SelfSubmitted" : "Clerk", NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(log.Status, NpgsqlDbType.Varchar, ct);
                    if (log.Status == "Rejected") await copy.WriteAsync("scale-data", NpgsqlDbType.Varchar, ct);
                    else await copy.WriteNullAsync(ct);
                    await copy.WriteAsync("scale-data", NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(log.SubmittedAt, NpgsqlDbType.Timestamp, ct);
                    if (log.Reviewed)
                    {
                        await copy.WriteAsync("scale-data", NpgsqlDbType.Varchar, ct);
                        await copy.WriteAsync(log.SubmittedAt, NpgsqlDbType.Timestamp, ct);
                    }
                    else
                    {
                        await copy.WriteNullAsync(ct);
                        await copy.WriteNullAsync(ct);
                    }

                    if (++written % 1_000_000 == 0)
                    {
                        progress?.Report($"{written:N0} logs written");
                    }
                }

                await copy.CompleteAsync(ct);
            }

            progress?.Report("Rebuilding the log indexes and foreign keys...");
            foreach (var (_, definition) in indexes) await ScaleDataGenerator.ExecAsync(connection, definition, ct);
            foreach (var (name, definition) in keys)
            {
                await ScaleDataGenerator.ExecAsync(connection, $"ALTER TABLE \"DutyLogs\" ADD CONSTRAINT \"{name}\" {definition}", ct);
            }

            progress?.Report("Summing the yearly totals per deputy and category...");
            await Scoring.ScoreQueries.RebuildTotalsAsync(connection, tx, null, ct);
            await tx.CommitAsync(ct);
        }

        progress?.Report("ANALYZE...");
        await ScaleDataGenerator.ExecAsync(connection, "ANALYZE", ct);
    }

    private static async Task<List<(string Name, string Definition)>> ListAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        var list = new List<(string, string)>();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add((r.GetString(0), r.GetString(1)));
        return list;
    }
}
