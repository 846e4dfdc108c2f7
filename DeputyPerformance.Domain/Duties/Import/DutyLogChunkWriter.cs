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
}

internal static class DutyLogChunkWriter
{
    public static IDutyLogChunkWriter Create(DbConnection connection, DbTransaction transaction, string user, DateTime now, long batchId) =>
        connection is NpgsqlConnection pg
            ? new PostgreSqlWriter(pg, (NpgsqlTransaction)transaction, user, now, batchId)
            : new SqliteWriter((SqliteConnection)connection, (SqliteTransaction)transaction, user, now, batchId);

    private sealed class SqliteWriter : IDutyLogChunkWriter
    {
        private readonly SqliteCommand _insert;
        private readonly SqliteParameter _deputy, _town, _date, _year, _category, _count, _description, _external, _key;

        public SqliteWriter(SqliteConnection connection, SqliteTransaction transaction, string user, DateTime now, long batchId)
        {
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

        public void Dispose() => _insert.Dispose();
    }

    private sealed class PostgreSqlWriter : IDutyLogChunkWriter
    {
        private readonly NpgsqlConnection _connection;
        private readonly NpgsqlTransaction _transaction;
        private readonly NpgsqlCommand _move;

        public PostgreSqlWriter(NpgsqlConnection connection, NpgsqlTransaction transaction, string user, DateTime now, long batchId)
        {
            _connection = connection;
            _transaction = transaction;
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

        public void Dispose() => _move.Dispose();
    }
}
