using System.Globalization;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Persistence;
using DeputyPerformance.Domain.Scoring;
using DeputyPerformance.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Tests.Duties;

/// <summary>Facts of the seeded demo county that duty tests need, and a fast raw writer of logs.</summary>
internal static class DutyTestData
{
    public sealed record DeputyRef(int Id, string Number, int TownId, int? DelegationId);

    public static async Task<List<int>> TownIdsAsync(TestDatabase db)
    {
        await using var ctx = await db.Factory.CreateDbContextAsync();
        return await ctx.Towns.OrderBy(t => t.Id).Select(t => t.Id).ToListAsync();
    }

    public static async Task<List<DeputyRef>> DeputiesAsync(TestDatabase db)
    {
        await using var ctx = await db.Factory.CreateDbContextAsync();
        return await ctx.Deputies.OrderBy(d => d.Id).Select(d => new DeputyRef(d.Id, d.DeputyNumber, d.TownId, d.DelegationId)).ToListAsync();
    }

    public static async Task<DeputyRef> DeputyOfTownAsync(TestDatabase db, int townId) =>
        (await DeputiesAsync(db)).First(d => d.TownId == townId);

    public static async Task<int> LogCountAsync(TestDatabase db)
    {
        await using var ctx = await db.Factory.CreateDbContextAsync();
        return await ctx.DutyLogs.CountAsync();
    }

    public static DutyLogInput Input(int deputyId, string category = DutyCategory.Inspection, int count = 1, string date = "2019-05-10") =>
        new() { DeputyId = deputyId, Date = DateOnly.Parse(date, CultureInfo.InvariantCulture), CategoryCode = category, Count = count, Description = "test" };

    /// <summary>Random logs (statuses mixed) for the given deputies in a year, written with raw inserts; deterministic by seed.</summary>
    public static async Task InsertRandomLogsAsync(TestDatabase db, IReadOnlyList<DeputyRef> deputies, int year, int count, int seed)
    {
        var random = new Random(seed);
        await using var connection = await db.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using var cmd = SqlDialect.Of(connection).Command(connection, tx, """
            INSERT INTO DutyLogs (DeputyId, TownId, Date, Year, CategoryCode, Count, Description, Source, Status, SubmittedBy, SubmittedAtUtc)
            VALUES ($d, $t, $date, $y, $c, $n, '', 'Clerk', $s, 'test', $at)
            """);
        for (var i = 0; i < count; i++)
        {
            var deputy = deputies[random.Next(deputies.Count)];
            cmd.Parameters.Clear();
            SqlDialect.Add(cmd, "$d", deputy.Id);
            SqlDialect.Add(cmd, "$t", deputy.TownId);
            SqlDialect.Add(cmd, "$date", new DateOnly(year, 1, 1).AddDays(random.Next(365)));
            SqlDialect.Add(cmd, "$y", year);
            SqlDialect.Add(cmd, "$c", DutyCategory.All[random.Next(DutyCategory.All.Count)]);
            SqlDialect.Add(cmd, "$n", 1 + random.Next(3));
            SqlDialect.Add(cmd, "$s", random.Next(10) switch { < 8 => "Approved", 8 => "Pending", _ => "Rejected" });
            SqlDialect.Add(cmd, "$at", new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            await cmd.ExecuteNonQueryAsync();
        }

        // The raw writer bypasses the services: the year's totals again from its logs (the year is then stale).
        await ScoreQueries.RebuildTotalsAsync(connection, tx, [year], CancellationToken.None);
        await tx.CommitAsync();
    }

    public static byte[] Jpeg(int size = 100)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        bytes[0] = 0xFF;
        bytes[1] = 0xD8;
        bytes[2] = 0xFF;
        return bytes;
    }

    public static byte[] Pdf() => "%PDF-1.4\n%test\n"u8.ToArray();
}
