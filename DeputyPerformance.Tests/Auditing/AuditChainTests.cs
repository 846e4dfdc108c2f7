using System.Globalization;
using System.Text.Json;
using DeputyPerformance.App.Cli;
using DeputyPerformance.App.Hosting;
using DeputyPerformance.Domain.Auditing;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Organization;
using DeputyPerformance.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DeputyPerformance.Tests.Auditing;

/// <summary>The trail is a hash chain: verify-audit names the first altered, inserted or missing entry.</summary>
public sealed class AuditChainTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(seedDemo: true);
        // A few more entries of different kinds after the seed's.
        var towns = _db.Get<TownService>();
        for (var i = 0; i < 3; i++)
        {
            await towns.SaveAsync(TestCallers.Admin, new TownInput { Name = $"链测试镇{i}", Kind = TownKind.Town });
        }
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<AuditVerification> VerifyAsync() => _db.Get<AuditService>().VerifyAsync();

    private async Task<int> RunVerbAsync(StringWriter output)
    {
        var commandLine = AdminCommandLine.Parse(["verify-audit", .. _db.ConfigurationArgs]);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = commandLine.ConfigurationArgs, EnvironmentName = "Production" });
        builder.AddDeputyPerformance();
        return await AdminCommands.RunAsync(builder, commandLine, output);
    }

    private async Task<int> SqlAsync(string sql)
    {
        await using var db = await _db.Factory.CreateDbContextAsync();
        return await db.Database.ExecuteSqlRawAsync(sql);
    }

    [Fact]
    public async Task EveryEntryIsLinkedToThePreviousOneInOrder()
    {
        await using var db = await _db.Factory.CreateDbContextAsync();
        var entries = await db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync();

        Assert.True(entries.Count > 3);
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.Equal(AuditChain.Genesis, entries[0].PreviousHash);
        for (var i = 1; i < entries.Count; i++)
        {
            Assert.Equal(entries[i - 1].Hash, entries[i].PreviousHash);
            Assert.Equal(AuditChain.HashOf(entries[i]), entries[i].Hash);
        }

        var result = await VerifyAsync();
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(entries.Count, result.Rows);
    }

    [Fact]
    public async Task AnIntactTrailExitsZero()
    {
        var output = new StringWriter();

        Assert.Equal(0, await RunVerbAsync(output));
        Assert.Contains("Audit trail intact", output.ToString());
    }

    [Fact]
    public async Task ARowEditedWithPlainSqlIsNamedByTheVerb()
    {
        Assert.Equal(1, await SqlAsync("UPDATE AuditEntries SET UserName = 'nobody' WHERE Sequence = 3"));
        var output = new StringWriter();

        Assert.Equal(1, await RunVerbAsync(output));

        Assert.Contains("BROKEN at entry 3", output.ToString());
        Assert.Contains("altered", output.ToString());
        Assert.Equal(3, (await VerifyAsync()).FirstBrokenSequence);
    }

    [Fact]
    public async Task ARowEditedWithItsHashRecomputedBreaksTheNextLink()
    {
        await using (var db = await _db.Factory.CreateDbContextAsync())
        {
            var e = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Sequence == 2);
            var hash = AuditChain.HashOf(e.Sequence, e.AtUtc, "nobody", e.Action, e.EntityType, e.EntityId, e.Changes, e.PreviousHash);
            await db.Database.ExecuteSqlAsync($"UPDATE AuditEntries SET UserName = 'nobody', Hash = {hash} WHERE Sequence = 2");
        }

        var result = await VerifyAsync();

        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.Contains("inserted or replaced", result.Problem);
    }

    [Fact]
    public async Task ADeletedRowIsNamedAsMissing()
    {
        Assert.Equal(1, await SqlAsync("DELETE FROM AuditEntries WHERE Sequence = 4"));
        var output = new StringWriter();

        Assert.Equal(1, await RunVerbAsync(output));

        Assert.Contains("entry 4 is missing", output.ToString());
    }

    [Fact]
    public async Task AnInsertedRowIsNamed()
    {
        var last = (await VerifyAsync()).Rows;
        await SqlAsync($"INSERT INTO AuditEntries (AtUtc, UserName, Action, EntityType, EntityId, Changes, Sequence, PreviousHash, Hash) " +
                       $"VALUES ('2020-01-01 00:00:00', 'forger', 'Added', 'Town', '1', '[]', {last + 1}, 'abc', 'def')");

        var result = await VerifyAsync();

        Assert.False(result.Intact);
        Assert.Equal(last + 1, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task EntriesAServiceAddsItselfAreChainedToo()
    {
        await _db.Get<Domain.Accounts.AccountService>().CreateUserAsync(TestCallers.Admin,
            new Domain.Accounts.NewUserInput { UserName = "chain.user", Password = "Chain!2026pw", Role = Roles.CommitteeMember });

        await using var db = await _db.Factory.CreateDbContextAsync();
        var newest = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Sequence).FirstAsync();
        Assert.Equal("AppUser", newest.EntityType);
        Assert.NotEqual("", newest.Hash);
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task InsertedRowsAreDescribedWithTheKeysTheDatabaseAssigned()
    {
        await using (var db = await _db.Factory.CreateDbContextAsync())
        {
            var town = new Town("临时键镇", TownKind.Town);
            var station = new LiaisonStation("临时键站", StationKind.Village, 0);
            db.Towns.Add(town);
            db.LiaisonStations.Add(station);
            db.Entry(station).Reference(s => s.Town).CurrentValue = town;
            await db.SaveChangesAsync();
        }

        await using var read = await _db.Factory.CreateDbContextAsync();
        var townId = await read.Towns.Where(t => t.Name == "临时键镇").Select(t => t.Id).SingleAsync();
        var entry = await read.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(LiaisonStation)).OrderByDescending(a => a.Sequence).FirstAsync();
        using var changes = JsonDocument.Parse(entry.Changes);
        Assert.Equal(townId, changes.RootElement.GetProperty("TownId").GetInt32());
        Assert.True(townId > 0);
    }

    [Fact]
    public async Task ADatabaseFromBeforeTheChainIsSealedOnceAtStart()
    {
        await SqlAsync("UPDATE AuditEntries SET Sequence = -Id, PreviousHash = '', Hash = ''");
        Assert.False((await VerifyAsync()).Intact);

        await Domain.Persistence.DatabaseSetup.MigrateAsync(_db.Factory);

        Assert.True((await VerifyAsync()).Intact);
        await SqlAsync("UPDATE AuditEntries SET Hash = '' WHERE Sequence = 2");
        await Domain.Persistence.DatabaseSetup.MigrateAsync(_db.Factory);
        Assert.Equal(2, (await VerifyAsync()).FirstBrokenSequence);
    }

    [Fact]
    public async Task ParallelWritersNeverForkTheChain()
    {
        await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            await using var scope = _db.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<TownService>().SaveAsync(TestCallers.Admin, new TownInput { Name = $"并发镇{i}", Kind = TownKind.Town });
        }));

        var result = await VerifyAsync();
        Assert.True(result.Intact, result.Problem);
        await using var db = await _db.Factory.CreateDbContextAsync();
        Assert.Equal(24, await db.AuditEntries.CountAsync(a => a.EntityType == "Town" && a.Changes.Contains("并发镇")));
    }
}
