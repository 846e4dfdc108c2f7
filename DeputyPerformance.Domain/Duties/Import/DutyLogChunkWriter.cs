using System.Data;
using System.Data.Common;
using DeputyPerformance.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace DeputyPerformance.Domain.Duties.Import;

/// <summary>
/// Writes one ordered chunk of an import's logs in the import's transaction and says which rows were written: the
/// others are duplicates of logs already stored (same deputy and import key). Chosen by engine (decision 0073):
/// SQLite inserts row by row with one prepared statement (no network, the fastest SQLite has); PostgreSQL copies
/// the chunk in binary (COPY) into a temp table and moves it with one INSERT ... ON CONFLICT DO NOTHING RETURNING.
/// </summary>
internal interface IDutyLogChunkWriter : IDisposable
{
    /// <summary>For each row of the chunk, whether it was written (false: a duplicate of a stored log).</summary>
    bool[] Write(IReadOnlyList<(int Row, DutyLogImportService.ParsedRow Log, string Key)> chunk);

    /// <summary>After the last chunk, still in the transaction: what the writer set aside is put back (the indexes it rebuilds).</summary>
    void Finish();
}

internal static class DutyLogChunkWriter
{
    /// <summary>
    /// SQLite: an import of at least this many rows that at least doubles the stored logs writes them without the
    /// secondary indexes and builds those again at the end, in the same transaction (decision 0110).
    /// </summary>
    public const int RebuildIndexesFrom = 50_000;

    /// <summary>The one DutyLogs index an import keeps while it writes: the unique (DeputyId, ImportKey) that finds duplicates.</summary>
    public const string DuplicateIndex = "IX_DutyLogs_Deputy_ImportKey";

    public static IDutyLogChunkWriter Create(DbConnection connection, DbTransaction transaction, string user, DateTime now, long batchId, int rows) =>
        connection is NpgsqlConnection pg
            ? new PostgreSqlWriter(pg, (NpgsqlTransaction)transaction, user, now, batchId, rows)
            : new SqliteWriter((SqliteConnection)connection, (SqliteTransaction)transaction, user, now, batchId, rows);

    /// <summary>
    /// Whether an import of <paramref name="rows"/> into a table whose largest id is <paramref name="maxId"/> (an upper
    /// bound of its rows) builds the secondary indexes afresh instead of inserting into them row by row: when it at
    /// least doubles the table. A sorted build costs about the same per row as a few random index inserts, so the
    /// rebuild of the rows already stored is paid for by the new ones.
    /// </summary>
    public static bool RebuildsIndexes(int rows, long maxId) => rows >= RebuildIndexesFrom && rows >= maxId;

    private sealed class SqliteWriter : IDutyLogChunkWriter
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteTransaction _transaction;
        private readonly SqliteCommand _insert;
        private readonly SqliteParameter _deputy, _town, _date, _year, _category, _count, _description, _external, _key;

        /// <summary>The CREATE INDEX statements of the indexes dropped for this import (rebuilt by <see cref="Finish"/>).</summary>
        private readonly List<string> _dropped = [];

        public SqliteWriter(SqliteConnection connection, SqliteTransaction transaction, string user, DateTime now, long batchId, int rows)
        {
            (_connection, _transaction) = (connection, transaction);
            if (RebuildsIndexes(rows, Scalar("SELECT COALESCE(MAX(Id), 0) FROM DutyLogs")))
            {
                // The schema's own statements, as the migrations made them: dropped and rebuilt in the import's
                // transaction, so a failed or killed import leaves them as they were.
                using (var read = Command($"SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'DutyLogs' AND sql IS NOT NULL AND name <> '{DuplicateIndex}'"))
                using (var reader = read.ExecuteReader())
                {
                    while (reader.Read()) _dropped.Add(reader.GetString(0));
                }

                foreach (var sql in _dropped)
                {
                    using var drop = Command($"DROP INDEX \"{sql.Split('"')[1]}\"");
                    drop.ExecuteNonQuery();
                }
            }

            _insert = connection.CreateCommand();
            _insert.Transaction = transaction;
            _insert.CommandText = """
                INSERT INTO DutyLogs (DeputyId, TownId, Date, Year, CategoryCode, Count, Description, Source, Status,
                                      SubmittedBy, SubmittedAtUtc, ReviewedBy, ReviewedAtUtc, ExternalId, ImportKey, ImportBatchId)
                VALUES ($deputy, $town, $date, $year, $category, $count, $description, 'Import', 'Approved',
                        $user, $now, $user, $now, $external, $key, $batch)
                ON CONFLICT DO NOTHING
                """;
            _deputy = _insert.Parameters.Add("$deputy", SqliteType.Integer);
            _town = _insert.Parameters.Add("$town", SqliteType.Integer);
            _date = _insert.Parameters.Add("$date", SqliteType.Text);
            _year = _insert.Parameters.Add("$year", SqliteType.Integer);
            _category = _insert.Parameters.Add("$category", SqliteType.Text);
            _count = _insert.Parameters.Add("$count", SqliteType.Integer);
            _description = _insert.Parameters.Add("$description", SqliteType.Text);
            _external = _insert.Parameters.Add("$external", SqliteType.Text);
            _key = _insert.Parameters.Add("$key", SqliteType.Text);
            _insert.Parameters.AddWithValue("$user", user);
            _insert.Parameters.AddWithValue("$now", now);
            _insert.Parameters.AddWithValue("$batch", batchId);
            _insert.Prepare();
        }

        public bool[] Write(IReadOnlyList<(int Row, DutyLogImportService.ParsedRow Log, string Key)> chunk)
        {
            var written = new bool[chunk.Count];
            for (var i = 0; i < chunk.Count; i++)
            {
                var (_, r, key) = chunk[i];
                _deputy.Value = r.DeputyId;
                _town.Value = r.TownId;
                _date.Value = r.Date;
                _year.Value = r.Date.Year;
                _category.Value = r.Category;
                _count.Value = r.Count;
                _description.Value = r.Description;
                _external.Value = (object?)r.ExternalId ?? DBNull.Value;
                _key.Value = key;
                written[i] = _insert.ExecuteNonQuery() == 1;
            }

            return written;
        }

        public void Finish()
        {
            foreach (var sql in _dropped)
            {
                using var create = Command(sql);
                create.ExecuteNonQuery();
            }

            _dropped.Clear();
        }

        private SqliteCommand Command(string sql)
        {
            var command = _connection.CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = sql;
            return command;
        }

        private long Scalar(string sql)
        {
            using var command = Command(sql);
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        public void Dispose() => _insert.Dispose();
    }

    private sealed class PostgreSqlWriter : IDutyLogChunkWriter
    {
        private readonly NpgsqlConnection _connection;
        private readonly NpgsqlTransaction _transaction;
        private readonly NpgsqlCommand _move;
        private readonly int _rows;

        /// <summary>The definitions of the indexes dropped for this import (rebuilt by <see cref="Finish"/>).</summary>
        private readonly List<string> _dropped = [];
        private readonly List<string> _droppedKeys = [];

        public PostgreSqlWriter(NpgsqlConnection connection, NpgsqlTransaction transaction, string user, DateTime now, long batchId, int rows)
        {
            _connection = connection;
            _transaction = transaction;
            _rows = rows;
            using (var max = new NpgsqlCommand("SELECT COALESCE(MAX(\"Id\"), 0) FROM \"DutyLogs\"", connection, transaction))
            {
                if (RebuildsIndexes(rows, Convert.ToInt64(max.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)))
                {
                    // As on SQLite (decision 0110), in the import's transaction: a failed import keeps them as they were.
                    // DROP INDEX locks the table until the commit, so a table-doubling import (a first load) makes the
                    // log grid's readers wait for it; the ranking board reads the snapshots, not the logs.
                    using (var read = new NpgsqlCommand($"""
                        SELECT indexname, indexdef FROM pg_indexes
                        WHERE schemaname = current_schema() AND tablename = 'DutyLogs' AND indexname NOT IN ('PK_DutyLogs', '{DuplicateIndex}')
                        """, connection, transaction))
                    using (var reader = read.ExecuteReader())
                    {
                        var found = new List<(string Name, string Definition)>();
                        while (reader.Read()) found.Add((reader.GetString(0), reader.GetString(1)));
                        reader.Close();
                        foreach (var (name, definition) in found)
                        {
                            using var drop = new NpgsqlCommand($"DROP INDEX \"{name}\"", connection, transaction);
                            drop.ExecuteNonQuery();
                            _dropped.Add(definition);
                        }
                    }

                    // The foreign keys too: PostgreSQL checks each row's deputy and town with a query and a row lock of
                    // their own (two per log); added again, each is checked once for all rows by one join.
                    using (var read = new NpgsqlCommand("""
                        SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = '"DutyLogs"'::regclass AND contype = 'f'
                        """, connection, transaction))
                    using (var reader = read.ExecuteReader())
                    {
                        var found = new List<(string Name, string Definition)>();
                        while (reader.Read()) found.Add((reader.GetString(0), reader.GetString(1)));
                        reader.Close();
                        foreach (var (name, definition) in found)
                        {
                            using var drop = new NpgsqlCommand($"ALTER TABLE \"DutyLogs\" DROP CONSTRAINT \"{name}\"", connection, transaction);
                            drop.ExecuteNonQuery();
                            _droppedKeys.Add($"ALTER TABLE \"DutyLogs\" ADD CONSTRAINT \"{name}\" {definition}");
                        }
                    }
                }
            }

            using (var create = new NpgsqlCommand("""
                CREATE TEMP TABLE IF NOT EXISTS dp_import_chunk (
                    deputy_id integer, town_id integer, date date, year integer, category text, count integer,
                    description text, external_id text, import_key text) ON COMMIT DROP;
                TRUNCATE dp_import_chunk;
                """, connection, transaction))
            {
                create.ExecuteNonQuery();
            }

            _move = new NpgsqlCommand("""
                INSERT INTO "DutyLogs" ("DeputyId", "TownId", "Date", "Year", "CategoryCode", "Count", "Description", "Source", "Status",
                                        "SubmittedBy", "SubmittedAtUtc", "ReviewedBy", "ReviewedAtUtc", "ExternalId", "ImportKey", "ImportBatchId")
                SELECT deputy_id, town_id, date, year, category, count, description, 'Import', 'Approved',
                       @user, @now, @user, @now, external_id, import_key, @batch
                FROM dp_import_chunk
                ON CONFLICT DO NOTHING
                RETURNING "DeputyId", "ImportKey"
                """, connection, transaction);
            _move.Parameters.AddWithValue("user", user);
            _move.Parameters.AddWithValue("now", now);
            _move.Parameters.AddWithValue("batch", batchId);
        }

        public bool[] Write(IReadOnlyList<(int Row, DutyLogImportService.ParsedRow Log, string Key)> chunk)
        {
            using (var truncate = new NpgsqlCommand("TRUNCATE dp_import_chunk", _connection, _transaction))
            {
                truncate.ExecuteNonQuery();
            }

            using (var copy = _connection.BeginBinaryImport(
                       "COPY dp_import_chunk (deputy_id, town_id, date, year, category, count, description, external_id, import_key) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var (_, r, key) in chunk)
                {
                    copy.StartRow();
                    copy.Write(r.DeputyId, NpgsqlDbType.Integer);
                    copy.Write(r.TownId, NpgsqlDbType.Integer);
                    copy.Write(r.Date, NpgsqlDbType.Date);
                    copy.Write(r.Date.Year, NpgsqlDbType.Integer);
                    copy.Write(r.Category, NpgsqlDbType.Text);
                    copy.Write(r.Count, NpgsqlDbType.Integer);
                    copy.Write(r.Description, NpgsqlDbType.Text);
                    if (r.ExternalId is null) copy.WriteNull();
                    else copy.Write(r.ExternalId, NpgsqlDbType.Text);
                    copy.Write(key, NpgsqlDbType.Text);
                }

                copy.Complete();
            }

            var inserted = new HashSet<(int, string)>(chunk.Count);
            using (var reader = _move.ExecuteReader())
            {
                while (reader.Read()) inserted.Add((reader.GetInt32(0), reader.GetString(1)));
            }

            var written = new bool[chunk.Count];
            for (var i = 0; i < chunk.Count; i++) written[i] = inserted.Contains((chunk[i].Log.DeputyId, chunk[i].Key));
            return written;
        }

        public void Finish()
        {
            if (_dropped.Count > 0)
            {
                // The sorts of the builds in memory (the server's default is 64 MB), for this transaction only.
                using var memory = new NpgsqlCommand("SET LOCAL maintenance_work_mem = '256MB'", _connection, _transaction);
                memory.ExecuteNonQuery();
            }

            foreach (var definition in _dropped)
            {
                using var create = new NpgsqlCommand(definition, _connection, _transaction);
                create.ExecuteNonQuery();
            }

            _dropped.Clear();
            foreach (var constraint in _droppedKeys)
            {
                using var add = new NpgsqlCommand(constraint, _connection, _transaction);
                add.ExecuteNonQuery();
            }

            _droppedKeys.Clear();
            if (_rows >= RebuildIndexesFrom)
            {
                // The planner's statistics still describe the table before the import: the totals and the exit flags
                // read these logs next, in the same transaction, and would plan for a table that has none.
                using var analyze = new NpgsqlCommand("ANALYZE \"DutyLogs\"", _connection, _transaction);
                analyze.ExecuteNonQuery();
            }
        }

        public void Dispose() => _move.Dispose();
    }
}
