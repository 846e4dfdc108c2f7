using System.Data.Common;
using DeputyPerformance.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Domain.Operations;

/// <summary>
/// One throttle's failure count for one key (a client address or a voting code): how many failures, the first and the
/// last one (UTC ticks, so both engines compare plain integers). Rows are written by <see cref="ThrottleCounters"/> with
/// raw SQL only and never audited: an audit row per failed sign-in would flood the trail.
/// </summary>
public sealed class ThrottleCounter
{
    private ThrottleCounter()
    {
    }

    public string Key { get; private set; } = "";
    public int Count { get; private set; }
    public long FirstTicks { get; private set; }
    public long LastTicks { get; private set; }
}

/// <summary>What a counter holds now.</summary>
public sealed record ThrottleState(int Count, DateTimeOffset First, DateTimeOffset Last);

/// <summary>
/// Failure counters in the database, so every app node behind the proxy counts the same failures (decision 0081).
/// A failure is one statement, <c>INSERT ... ON CONFLICT DO UPDATE ... RETURNING</c>, atomic on SQLite and PostgreSQL
/// alike: two nodes counting the same key at the same moment both count. A counter starts again from one when its first
/// failure is older than a window (fixed windows) or its last one older than a forget time (growing waits).
/// </summary>
public sealed class ThrottleCounters(IDbContextFactory<DeputyDbContext> factory)
{
    public const int MaxKeyLength = 80;

    /// <summary>The counters of these keys (missing keys have none).</summary>
    public async Task<IReadOnlyDictionary<string, ThrottleState>> ReadAsync(IReadOnlyList<string> keys, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        var names = new List<string>();
        for (var i = 0; i < keys.Count; i++)
        {
            names.Add("@k" + i);
            Add(cmd, "k" + i, Fit(keys[i]));
        }

        cmd.CommandText = $"SELECT \"Key\", \"Count\", \"FirstTicks\", \"LastTicks\" FROM \"ThrottleCounters\" WHERE \"Key\" IN ({string.Join(", ", names)})";
        var found = new Dictionary<string, ThrottleState>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            found[reader.GetString(0)] = new ThrottleState(reader.GetInt32(1), Utc(reader.GetInt64(2)), Utc(reader.GetInt64(3)));
        }

        return found;
    }

    /// <summary>
    /// Counts one failure of <paramref name="key"/> at <paramref name="now"/> and returns the new count. The count starts
    /// again at one when the counter's first failure is before <paramref name="restartIfFirstBefore"/> or its last before
    /// <paramref name="restartIfLastBefore"/>.
    /// </summary>
    public async Task<int> FailAsync(string key, DateTimeOffset now, DateTimeOffset restartIfFirstBefore, DateTimeOffset restartIfLastBefore,
        CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        const string stale = "(\"ThrottleCounters\".\"FirstTicks\" < @firstBefore OR \"ThrottleCounters\".\"LastTicks\" < @lastBefore)";
        cmd.CommandText =
            "INSERT INTO \"ThrottleCounters\" (\"Key\", \"Count\", \"FirstTicks\", \"LastTicks\") VALUES (@key, 1, @now, @now) " +
            "ON CONFLICT (\"Key\") DO UPDATE SET " +
            $"\"Count\" = CASE WHEN {stale} THEN 1 ELSE \"ThrottleCounters\".\"Count\" + 1 END, " +
            $"\"FirstTicks\" = CASE WHEN {stale} THEN excluded.\"FirstTicks\" ELSE \"ThrottleCounters\".\"FirstTicks\" END, " +
            "\"LastTicks\" = excluded.\"LastTicks\" " +
            "RETURNING \"Count\"";
        Add(cmd, "key", Fit(key));
        Add(cmd, "now", now.UtcTicks);
        Add(cmd, "firstBefore", restartIfFirstBefore.UtcTicks);
        Add(cmd, "lastBefore", restartIfLastBefore.UtcTicks);
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Deletes the counters under <paramref name="prefix"/> whose last failure is before <paramref name="lastBefore"/>.</summary>
    public async Task<int> ForgetAsync(string prefix, DateTimeOffset lastBefore, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        // Prefixes are short letters and a colon, never a LIKE wildcard; LIKE stays right under any collation.
        cmd.CommandText = "DELETE FROM \"ThrottleCounters\" WHERE \"Key\" LIKE @prefix AND \"LastTicks\" < @lastBefore";
        Add(cmd, "prefix", prefix + "%");
        Add(cmd, "lastBefore", lastBefore.UtcTicks);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A key longer than the column is cut: a flood of long junk codes then shares one counter.</summary>
    private static string Fit(string key) => key.Length > MaxKeyLength ? key[..MaxKeyLength] : key;

    private static DateTimeOffset Utc(long ticks) => new(ticks, TimeSpan.Zero);

    private static void Add(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }
}
