using System.Data.Common;
using DeputyPerformance.Domain.Auditing;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Domain.Exits;
using DeputyPerformance.Domain.Notifications;
using DeputyPerformance.Domain.Persistence;
using DeputyPerformance.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Tests.Persistence;

/// <summary>
/// Rows written in bulk past the change tracker (decision 0120: an import's exit flags and notices) are stored exactly
/// as SaveChanges stores them, column for column, with the same audit entry, and the chain stays intact.
/// </summary>
public sealed class BulkInsertTests
{
    [Fact]
    public Task OnSqliteABulkRowIsStoredAndAuditedAsSaveChangesWouldDoIt() => AssertSameAsSaveChangesAsync(DatabaseProvider.Sqlite);

    [PostgresFact]
    public Task OnPostgreSqlABulkRowIsStoredAndAuditedAsSaveChangesWouldDoIt() => AssertSameAsSaveChangesAsync(DatabaseProvider.PostgreSQL);

    private static async Task AssertSameAsSaveChangesAsync(DatabaseProvider engine)
    {
        await using var test = await TestDatabase.CreateAsync(seedDemo: true, engine: engine);
        await using var db = await test.Factory.CreateDbContextAsync();
        db.AuditActor = "bulk.test";
        db.UtcNow = () => new DateTime(2026, 12, 4, 8, 30, 15, DateTimeKind.Utc);
        var deputy = await db.Deputies.AsNoTracking().Where(d => d.Level == DeputyLevel.Town).OrderBy(d => d.Id).FirstAsync();
        var raised = new DateTime(2026, 12, 4, 8, 30, 15, 123, DateTimeKind.Utc).AddTicks(4560);
        // The same flag twice but for the year; evidence with Chinese text, quotes and a line break.
        ExitFlag Flag(int year) => new(deputy.Id, ExitRuleCodes.RecessAbsencesYear, year, "闭会期间缺席 3 次：\"2019-03-01\"\n第二行", "12,34", raised);
        var saved = Flag(2019);
        var bulk = Flag(2020);

        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            db.ExitFlags.Add(saved);
            await db.SaveChangesAsync();
            await db.InsertAuditedAsync([bulk], CancellationToken.None);
            var savedNotice = NotificationWriter.FlagRaised(saved, deputy.Level, deputy.TownId, raised).ToList();
            var bulkNotice = NotificationWriter.FlagRaised(bulk, deputy.Level, deputy.TownId, raised).ToList();
            db.Notifications.AddRange(savedNotice);
            await db.SaveChangesAsync();
            await BulkInsert.InsertAsync(db, bulkNotice, CancellationToken.None);
            await tx.CommitAsync();

            Assert.True(bulk.Id > saved.Id);
            Assert.All(bulkNotice, n => Assert.True(n.Id > 0));
            // Notices differ from their twins only by their key and the flag they name.
            for (var i = 0; i < 2; i++)
            {
                var a = await RawRowAsync(db, "Notifications", savedNotice[i].Id);
                var b = await RawRowAsync(db, "Notifications", bulkNotice[i].Id);
                Assert.Equal(a.Where(c => c.Key is not ("Id" or "FlagId")), b.Where(c => c.Key is not ("Id" or "FlagId")));
                Assert.Equal(bulk.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), b["FlagId"]);
            }
        }

        var savedRow = await RawRowAsync(db, "ExitFlags", saved.Id);
        var bulkRow = await RawRowAsync(db, "ExitFlags", bulk.Id);
        Assert.Equal("2019", savedRow["Year"]);
        Assert.Equal("2020", bulkRow["Year"]);
        Assert.Equal(savedRow.Where(c => c.Key is not ("Id" or "Year")), bulkRow.Where(c => c.Key is not ("Id" or "Year")));
        // Read back through EF: every property as it was written.
        db.ChangeTracker.Clear();
        var readBack = await db.ExitFlags.AsNoTracking().SingleAsync(f => f.Id == bulk.Id);
        Assert.Equal((bulk.DeputyId, bulk.Rule, bulk.Year, bulk.Tier, bulk.Status, bulk.Evidence, bulk.EvidenceRefs, bulk.CaseId),
            (readBack.DeputyId, readBack.Rule, readBack.Year, readBack.Tier, readBack.Status, readBack.Evidence, readBack.EvidenceRefs, readBack.CaseId));
        Assert.Equal(bulk.RaisedUtc.Ticks / 10, readBack.RaisedUtc.Ticks / 10);

        var audits = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(ExitFlag)).OrderBy(a => a.Sequence).ToListAsync();
        var savedAudit = Assert.Single(audits, a => a.EntityId == saved.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var bulkAudit = Assert.Single(audits, a => a.EntityId == bulk.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(("bulk.test", "Added"), (bulkAudit.UserName, bulkAudit.Action));
        Assert.Equal(savedAudit.Changes.Replace("\"Year\":2019", "\"Year\":2020", StringComparison.Ordinal), bulkAudit.Changes);
        Assert.Contains("\"Status\":\"Open\"", bulkAudit.Changes, StringComparison.Ordinal);
        Assert.Equal(savedAudit.Sequence + 1, bulkAudit.Sequence);
        Assert.True((await test.Get<AuditService>().VerifyAsync()).Intact);
    }

    /// <summary>A row as the database holds it: each column's value as text, read with plain SQL.</summary>
    private static async Task<Dictionary<string, string?>> RawRowAsync(DeputyDbContext db, string table, long id)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" WHERE \"Id\" = {id}";
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var row = new Dictionary<string, string?>();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            row[reader.GetName(i)] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
        }

        return row;
    }
}
