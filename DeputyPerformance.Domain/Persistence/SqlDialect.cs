using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DeputyPerformance.Domain.Persistence;

/// <summary>
/// The raw SQL paths' dialect, chosen by the engine of the connection (decision 0072). The statements are written
/// once, in SQLite's spelling with unquoted PascalCase names and <c>$name</c> parameters; on PostgreSQL they are
/// translated once each (names quoted, parameters as <c>@name</c>) and cached. What differs in meaning, not only
/// in spelling, is a member here: the write transaction (SQLite's BEGIN IMMEDIATE, PostgreSQL's advisory lock),
/// scalar MIN/MAX, the physical row id, the reading of a stored time.
/// </summary>
public abstract class SqlDialect
{
    public static SqlDialect Sqlite { get; } = new SqliteDialect();
    public static SqlDialect PostgreSql { get; } = new PostgreSqlDialect();

    public static SqlDialect Of(DbConnection connection) => connection is NpgsqlConnection ? PostgreSql : Sqlite;

    public static SqlDialect Of(DatabaseProvider provider) => provider == DatabaseProvider.PostgreSQL ? PostgreSql : Sqlite;

    public abstract DatabaseProvider Provider { get; }

    /// <summary>The statement in this dialect.</summary>
    public abstract string Translate(string sql);

    /// <summary>A command on the connection, in the transaction, with the statement translated.</summary>
    public DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = Translate(sql);
        return cmd;
    }

    /// <summary>
    /// A write transaction that excludes the other writers of the same job: SQLite takes the file's write lock at
    /// BEGIN (IMMEDIATE); PostgreSQL takes the transaction-scoped advisory lock (<paramref name="lockKey"/>, a
    /// <see cref="Locks"/> value), so a check-then-write inside cannot interleave with another one.
    /// </summary>
    public abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, long lockKey, CancellationToken ct);

    /// <summary>
    /// Takes the advisory lock inside an open transaction until it ends (no-op on SQLite, whose writers are serial
    /// already); a shared lock admits other shared holders and excludes an exclusive one.
    /// </summary>
    public abstract Task LockAsync(DbConnection connection, DbTransaction transaction, long lockKey, CancellationToken ct, bool shared = false);

    /// <summary>The same inside the context's current transaction.</summary>
    public static Task LockAsync(DeputyDbContext db, long lockKey, CancellationToken ct, bool shared = false)
    {
        var transaction = Microsoft.EntityFrameworkCore.Storage.DbContextTransactionExtensions.GetDbTransaction(
            db.Database.CurrentTransaction ?? throw new InvalidOperationException("An advisory lock is taken inside a transaction."));
        var connection = Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetDbConnection(db.Database);
        return Of(connection).LockAsync(connection, transaction, lockKey, ct, shared);
    }

    /// <summary>A read transaction with one consistent view (SQLite: deferred; PostgreSQL: repeatable read).</summary>
    public abstract Task<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken ct);

    /// <summary>The smaller of two integer expressions (SQLite's scalar MIN, PostgreSQL's LEAST).</summary>
    public abstract string Least(string a, string b);

    /// <summary>The larger of two integer expressions.</summary>
    public abstract string Greatest(string a, string b);

    /// <summary>The physical row id of a table's rows (SQLite: rowid, PostgreSQL: ctid).</summary>
    public abstract string RowId { get; }

    /// <summary>
    /// The rows of a JSON array of arrays bound to a text parameter, as a table with one column "value" per row
    /// (SQLite: json_each, PostgreSQL: json_array_elements): many rows written by one statement instead of one
    /// statement each. Read the fields with <see cref="JsonInt"/> and <see cref="JsonText"/>.
    /// </summary>
    public abstract string JsonRows(string parameter);

    /// <summary>Field <paramref name="index"/> of a <see cref="JsonRows"/> row as an integer (JSON null: NULL).</summary>
    public abstract string JsonInt(int index);

    /// <summary>Field <paramref name="index"/> of a <see cref="JsonRows"/> row as text.</summary>
    public string JsonText(int index) => string.Create(CultureInfo.InvariantCulture, $"value->>{index}");

    /// <summary>A stored UTC time read back (SQLite: text, PostgreSQL: timestamp).</summary>
    public static DateTime? ReadUtc(object? value) => value switch
    {
        DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Utc),
        string text => DateTime.SpecifyKind(DateTime.Parse(text, CultureInfo.InvariantCulture), DateTimeKind.Utc),
        _ => null,
    };

    /// <summary>The parameter's name on the command's engine: "$year" on SQLite, "year" (for @year) on PostgreSQL.</summary>
    private static string NameOn(DbCommand cmd, string name) => cmd is NpgsqlCommand ? name.TrimStart('$', '@') : name;

    /// <summary>A parameter added before, by its SQLite name ("$year").</summary>
    public static DbParameter Param(DbCommand cmd, string name) => cmd.Parameters[NameOn(cmd, name)];

    /// <summary>Adds a parameter ("$year") of the given type, to set per row.</summary>
    public static DbParameter Add(DbCommand cmd, string name, DbType type)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = NameOn(cmd, name);
        p.DbType = type;
        cmd.Parameters.Add(p);
        return p;
    }

    /// <summary>Adds a parameter ("$year") with its value; null becomes DBNull.</summary>
    public static DbParameter Add(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = NameOn(cmd, name);
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
        return p;
    }

    /// <summary>The advisory lock keys of the jobs that SQLite serialises through its one writer.</summary>
    public static class Locks
    {
        /// <summary>A year's published scores (incremental rescoring, claim and publish of a recomputation): + year.</summary>
        public const long ScoreYear = 0x4450_0001_0000;

        /// <summary>The roster import plan.</summary>
        public const long Roster = 0x4450_0002_0000;

        /// <summary>A vote's codes and ballots: + vote id.</summary>
        public const long Vote = 0x4450_0003_0000_0000;

        /// <summary>The duty-log import (one at a time per database).</summary>
        public const long DutyImport = 0x4450_0004_0000;

        /// <summary>Exit flags refresh.</summary>
        public const long ExitFlags = 0x4450_0005_0000;
    }

    private sealed class SqliteDialect : SqlDialect
    {
        public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

        public override string Translate(string sql) => sql;

        public override Task<DbTransaction> BeginWriteAsync(DbConnection connection, long lockKey, CancellationToken ct) =>
            Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

        public override Task LockAsync(DbConnection connection, DbTransaction transaction, long lockKey, CancellationToken ct, bool shared = false) =>
            Task.CompletedTask;

        public override Task<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken ct) =>
            Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

        public override string Least(string a, string b) => $"MIN({a}, {b})";

        public override string Greatest(string a, string b) => $"MAX({a}, {b})";

        public override string RowId => "rowid";

        public override string JsonRows(string parameter) => $"json_each({parameter})";

        public override string JsonInt(int index) => string.Create(CultureInfo.InvariantCulture, $"value->>{index}");
    }

    private sealed class PostgreSqlDialect : SqlDialect
    {
        private readonly ConcurrentDictionary<string, string> _translated = new(StringComparer.Ordinal);

        public override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;

        public override string Translate(string sql) => _translated.GetOrAdd(sql, Rewrite);

        public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, long lockKey, CancellationToken ct)
        {
            var tx = await connection.BeginTransactionAsync(ct);
            await LockAsync(connection, tx, lockKey, ct);
            return tx;
        }

        public override async Task LockAsync(DbConnection connection, DbTransaction transaction, long lockKey, CancellationToken ct, bool shared = false)
        {
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = transaction;
            cmd.CommandText = shared ? "SELECT pg_advisory_xact_lock_shared(@key)" : "SELECT pg_advisory_xact_lock(@key)";
            Add(cmd, "$key", lockKey);
            await cmd.ExecuteNonQueryAsync(ct);
        }

        public override async Task<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken ct) =>
            await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);

        public override string Least(string a, string b) => $"LEAST({a}, {b})";

        public override string Greatest(string a, string b) => $"GREATEST({a}, {b})";

        public override string RowId => "ctid";

        public override string JsonRows(string parameter) => $"json_array_elements(CAST({parameter} AS json))";

        public override string JsonInt(int index) => string.Create(CultureInfo.InvariantCulture, $"CAST(value->>{index} AS integer)");

        /// <summary>Quotes PascalCase names and turns $name into @name, outside literals and quoted names.</summary>
        private static string Rewrite(string sql)
        {
            var result = new StringBuilder(sql.Length + 64);
            var i = 0;
            while (i < sql.Length)
            {
                var c = sql[i];
                if (c is '\'' or '"')
                {
                    var end = sql.IndexOf(c, i + 1);
                    while (end >= 0 && end + 1 < sql.Length && sql[end + 1] == c) end = sql.IndexOf(c, end + 2);
                    end = end < 0 ? sql.Length - 1 : end;
                    result.Append(sql, i, end - i + 1);
                    i = end + 1;
                }
                else if (c == '$' && i + 1 < sql.Length && (char.IsLetter(sql[i + 1]) || sql[i + 1] == '_'))
                {
                    result.Append('@');
                    i++;
                }
                else if (char.IsLetter(c) || c == '_')
                {
                    var start = i;
                    while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_')) i++;
                    var word = sql.AsSpan(start, i - start);
                    var prev = start > 0 ? sql[start - 1] : ' ';
                    var isName = char.IsUpper(word[0]) && word.Length > 1 && HasLower(word) && prev != '@' && prev != '$';
                    if (isName) result.Append('"').Append(word).Append('"');
                    else result.Append(word);
                }
                else
                {
                    result.Append(c);
                    i++;
                }
            }

            return result.ToString();
        }

        private static bool HasLower(ReadOnlySpan<char> word)
        {
            foreach (var ch in word)
            {
                if (char.IsLower(ch)) return true;
            }

            return false;
        }
    }
}
