using System.Text.Json;
using DeputyPerformance.Domain.Auditing;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Domain.Organization;
using DeputyPerformance.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Tests.Auditing;

/// <summary>Every create, update and delete through the domain leaves who, when (UTC), what and the values, in the same transaction.</summary>
public sealed class AuditTrailTests(SeededDatabase fx) : IClassFixture<SeededDatabase>
{
    private DeputyService Deputies => fx.Get<DeputyService>();

    private async Task<DeputyInput> NewDeputyAsync(string number)
    {
        var (_, other) = await fx.TownsAsync();
        return new DeputyInput { TermId = await fx.TermIdAsync(), DeputyNumber = number, Name = "审计代表", TownId = other, Phone = "13900000000" };
    }

    [Fact]
    public async Task ACreateRecordsWhoWhenWhatAndTheValues()
    {
        var last = await fx.LastAuditIdAsync();
        var before = DateTime.UtcNow;

        var id = await Deputies.SaveAsync(TestCallers.CountyClerk, await NewDeputyAsync("AUD-1"));

        var entry = Assert.Single(await fx.AuditSinceAsync(last));
        Assert.Equal("county.clerk", entry.UserName);
        Assert.Equal("Added", entry.Action);
        Assert.Equal(nameof(Deputy), entry.EntityType);
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.EntityId);
        Assert.InRange(entry.AtUtc.Ticks, before.AddSeconds(-1).Ticks, DateTime.UtcNow.AddSeconds(1).Ticks);
        using var changes = JsonDocument.Parse(entry.Changes);
        Assert.Equal("AUD-1", changes.RootElement.GetProperty("DeputyNumber").GetString());
        Assert.Equal("审计代表", changes.RootElement.GetProperty("Name").GetString());
        Assert.False(changes.RootElement.TryGetProperty("Id", out _));
    }

    [Fact]
    public async Task AnUpdateRecordsOnlyTheChangedValuesFromAndTo()
    {
        var id = await Deputies.SaveAsync(TestCallers.CountyClerk, await NewDeputyAsync("AUD-2"));
        var input = await Deputies.GetForEditAsync(TestCallers.CountyClerk, id);
        input.Name = "改后姓名";
        input.Phone = "13911111111";
        var last = await fx.LastAuditIdAsync();

        await Deputies.SaveAsync(TestCallers.Admin, input);

        var entry = Assert.Single(await fx.AuditSinceAsync(last));
        Assert.Equal("admin", entry.UserName);
        Assert.Equal("Modified", entry.Action);
        using var changes = JsonDocument.Parse(entry.Changes);
        Assert.Equal(["Name", "Phone"], changes.RootElement.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("审计代表", changes.RootElement.GetProperty("Name").GetProperty("from").GetString());
        Assert.Equal("改后姓名", changes.RootElement.GetProperty("Name").GetProperty("to").GetString());
    }

    [Fact]
    public async Task ADeleteRecordsTheValuesThatWereDeleted()
    {
        var id = await Deputies.SaveAsync(TestCallers.CountyClerk, await NewDeputyAsync("AUD-3"));
        var last = await fx.LastAuditIdAsync();

        await Deputies.DeleteAsync(TestCallers.CountyClerk, id);

        var entry = Assert.Single(await fx.AuditSinceAsync(last));
        Assert.Equal("Deleted", entry.Action);
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.EntityId);
        using var changes = JsonDocument.Parse(entry.Changes);
        Assert.Equal("AUD-3", changes.RootElement.GetProperty("DeputyNumber").GetString());
    }

    [Fact]
    public async Task ARefusedOrInvalidSaveWritesNoAuditRow()
    {
        var (town, other) = await fx.TownsAsync();
        var last = await fx.LastAuditIdAsync();
        var foreign = await NewDeputyAsync("AUD-4");
        var duplicate = await NewDeputyAsync("C001");
        var invalid = await NewDeputyAsync("");

        await Assert.ThrowsAsync<AccessDeniedException>(() => Deputies.SaveAsync(TestCallers.TownClerk(town), foreign));
        await Assert.ThrowsAsync<DomainException>(() => Deputies.SaveAsync(TestCallers.CountyClerk, duplicate));
        await Assert.ThrowsAsync<InputValidationException>(() => Deputies.SaveAsync(TestCallers.CountyClerk, invalid));
        await Assert.ThrowsAsync<DomainException>(() => fx.Get<TownService>().DeleteAsync(TestCallers.CountyClerk, other));

        Assert.Empty(await fx.AuditSinceAsync(last));
    }

    [Fact]
    public async Task EachChangeOfASaveGetsOneEntryWithTheSameActorAndTime()
    {
        var (town, _) = await fx.TownsAsync();
        var last = await fx.LastAuditIdAsync();
        await using (var db = await fx.Db.Factory.CreateDbContextAsync())
        {
            db.AuditActor = "tester";
            db.Towns.Add(new Town("审计一镇", TownKind.Town));
            db.Towns.Add(new Town("审计二镇", TownKind.SubDistrict));
            var existing = await db.Towns.SingleAsync(t => t.Id == town);
            existing.Update(existing.Name, existing.Kind == TownKind.Town ? TownKind.SubDistrict : TownKind.Town);

            Assert.Equal(3, await db.SaveChangesAsync());
        }

        var entries = await fx.AuditSinceAsync(last);
        Assert.Equal(3, entries.Count);
        Assert.All(entries, e => Assert.Equal("tester", e.UserName));
        Assert.Single(entries.Select(e => e.AtUtc).Distinct());
        Assert.Equal(["Added", "Added", "Modified"], entries.Select(e => e.Action).Order());
    }

    [Fact]
    public async Task WhenTheAuditCannotBeWrittenTheChangeIsRolledBackToo()
    {
        var last = await fx.LastAuditIdAsync();
        await using (var db = await fx.Db.Factory.CreateDbContextAsync())
        {
            // The clock is read after the change was written and before the audit rows are: failing there
            // leaves a written change without its audit unless both share one transaction.
            db.UtcNow = () => throw new InvalidOperationException("clock failed");
            db.Towns.Add(new Town("回滚镇", TownKind.Town));

            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        await using var check = await fx.Db.Factory.CreateDbContextAsync();
        Assert.False(await check.Towns.AnyAsync(t => t.Name == "回滚镇"));
        Assert.Empty(await fx.AuditSinceAsync(last));
    }

    [Fact]
    public async Task OnlyAnAdministratorReadsTheTrailNewestFirst()
    {
        await Deputies.SaveAsync(TestCallers.CountyClerk, await NewDeputyAsync("AUD-5"));
        var service = fx.Get<AuditService>();

        var page = await service.ListAsync(TestCallers.Admin, new ListQuery(PageSize: 10));

        Assert.Equal(page.Items.Select(a => a.Id).OrderDescending(), page.Items.Select(a => a.Id));
        Assert.Equal(await fx.LastAuditIdAsync(), page.Items[0].Id);
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.ListAsync(TestCallers.CountyClerk, new ListQuery()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.ListAsync(TestCallers.TownClerk(1), new ListQuery()));
    }

    [Fact]
    public async Task TheTrailCanBeSearchedByUserAndRecordType()
    {
        await Deputies.SaveAsync(TestCallers.CountyClerk, await NewDeputyAsync("AUD-6"));

        var page = await fx.Get<AuditService>().ListAsync(TestCallers.Admin, new ListQuery(Search: "county.clerk", PageSize: 200));

        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, a => Assert.Equal("county.clerk", a.UserName));
    }
}
