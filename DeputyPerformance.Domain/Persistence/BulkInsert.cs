using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace DeputyPerformance.Domain.Persistence;

/// <summary>
/// New rows of one entity type written in the context's open transaction without the change tracker (decision 0120):
/// the columns, their names and their value conversions come from the EF model, so a row is stored exactly as
/// SaveChanges would store it; the store-generated key is written back into each entity. SQLite inserts row by row
/// through one prepared statement (RETURNING the key); PostgreSQL reserves the keys from the column's sequence and
/// sends each slice of rows as one <c>INSERT ... SELECT FROM unnest(arrays)</c>. Not audited: the caller audits
/// (<see cref="DeputyDbContext.InsertAuditedAsync{T}"/>).
/// </summary>
internal static class BulkInsert
{
    /// <summary>PostgreSQL rows per statement: a few MB of arrays, one round trip.</summary>
    private const int Slice = 20_000;

    public static async Task InsertAsync<T>(DeputyDbContext db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A bulk insert runs inside the caller's transaction.");
        var table = Table.Of(db.Model, typeof(T));
        if (transaction.Connection is NpgsqlConnection pg) await InsertPostgreSqlAsync(pg, (NpgsqlTransaction)transaction, table, rows, ct);
        else InsertSqlite((SqliteConnection)transaction.Connection!, (SqliteTransaction)transaction, table, rows, ct);
    }

    /// <summary>Synchronous: Microsoft.Data.Sqlite's async calls run synchronously anyway, at a cost per call.</summary>
    private static void InsertSqlite<T>(SqliteConnection connection, SqliteTransaction transaction, Table table, IReadOnlyList<T> rows,
        CancellationToken ct) where T : class
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""))}) " +
                             $"VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"$p{i}"))})";
        var parameters = table.Columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
        insert.Prepare();
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            for (var i = 0; i < parameters.Length; i++) parameters[i].Value = table.Columns[i].ProviderValue(row) ?? DBNull.Value;
            insert.ExecuteNonQuery();
            // The rowid the insert just assigned (the key is the rowid): no reader per row, as RETURNING would need.
            table.Key.SetKey(row, SQLitePCL.raw.sqlite3_last_insert_rowid(connection.Handle));
        }
    }

    private static async Task InsertPostgreSqlAsync<T>(NpgsqlConnection connection, NpgsqlTransaction transaction, Table table, IReadOnlyList<T> rows,
        CancellationToken ct) where T : class
    {
        var keys = new List<long>(rows.Count);
        await using (var reserve = new NpgsqlCommand(
                         $"SELECT nextval(pg_get_serial_sequence('\"{table.Name}\"', '{table.Key.Name}')) FROM generate_series(1, @n)", connection, transaction))
        {
            reserve.Parameters.AddWithValue("n", rows.Count);
            await using var reader = await reserve.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) keys.Add(reader.GetInt64(0));
        }

        var columns = table.Columns.Prepend(table.Key).ToList();
        var sql = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) " +
                  $"SELECT * FROM unnest({string.Join(", ", columns.Select((c, i) => $"@p{i}::{c.StoreType}[]"))})";
        for (var start = 0; start < rows.Count; start += Slice)
        {
            var count = Math.Min(Slice, rows.Count - start);
            await using var insert = new NpgsqlCommand(sql, connection, transaction);
            for (var i = 0; i < columns.Count; i++)
            {
                var values = Array.CreateInstance(columns[i].ProviderType, count);
                for (var r = 0; r < count; r++)
                {
                    values.SetValue(i == 0 ? Convert.ChangeType(keys[start + r], columns[i].ProviderType, System.Globalization.CultureInfo.InvariantCulture)
                        : columns[i].ProviderValue(rows[start + r]), r);
                }

                insert.Parameters.AddWithValue($"p{i}", values);
            }

            await insert.ExecuteNonQueryAsync(ct);
        }

        for (var r = 0; r < rows.Count; r++) table.Key.SetKey(rows[r], keys[r]);
    }

    /// <summary>The table of an entity type as EF maps it: the generated key and the other columns with their conversions.</summary>
    private sealed record Table(string Name, Column Key, IReadOnlyList<Column> Columns)
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<(IModel, Type), Table> Cache = new();

        public static Table Of(IModel model, Type type) => Cache.GetOrAdd((model, type), k =>
        {
            var entity = k.Item1.FindEntityType(k.Item2) ?? throw new InvalidOperationException($"{k.Item2.Name} is not in the model.");
            var name = entity.GetTableName()!;
            var store = StoreObjectIdentifier.Table(name, entity.GetSchema());
            var key = entity.FindPrimaryKey()!.Properties.Single();
            if (key.ValueGenerated != ValueGenerated.OnAdd) throw new NotSupportedException($"{name}: only a store-generated key is bulk inserted.");
            var properties = entity.GetProperties().ToList();
            if (properties.Any(p => p.IsShadowProperty())) throw new NotSupportedException($"{name}: shadow properties are not bulk inserted.");
            return new Table(name, new Column(key, store), properties.Where(p => p != key).Select(p => new Column(p, store)).ToList());
        });
    }

    private sealed class Column(IProperty property, StoreObjectIdentifier store)
    {
        private readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? _converter = property.GetTypeMapping().Converter;
        private readonly System.Reflection.PropertyInfo _clr = property.PropertyInfo
            ?? throw new NotSupportedException($"{property.Name}: only properties with a CLR property are bulk inserted.");

        public string Name { get; } = property.GetColumnName(store)!;

        /// <summary>The column's type in the store (PostgreSQL's spelling on PostgreSQL): the cast of the unnest array.</summary>
        public string StoreType { get; } = property.GetColumnType(store);

        /// <summary>The CLR type of the provider's value (after conversion), nullable when the column is.</summary>
        public Type ProviderType { get; } = ProviderTypeOf(property);

        public object? ProviderValue(object entity)
        {
            var value = _clr.GetValue(entity);
            return value is null || _converter is null ? value : _converter.ConvertToProvider(value);
        }

        public void SetKey(object entity, object? value) =>
            _clr.SetValue(entity, Convert.ChangeType(value, Nullable.GetUnderlyingType(_clr.PropertyType) ?? _clr.PropertyType,
                System.Globalization.CultureInfo.InvariantCulture));

        private static Type ProviderTypeOf(IProperty property)
        {
            var type = property.GetTypeMapping().Converter?.ProviderClrType ?? property.ClrType;
            var plain = Nullable.GetUnderlyingType(type) ?? type;
            return plain.IsValueType && property.IsNullable ? typeof(Nullable<>).MakeGenericType(plain) : plain;
        }
    }
}
