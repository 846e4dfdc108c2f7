using System.Globalization;
using DeputyPerformance.Domain.Auditing;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Persistence;
using DeputyPerformance.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace DeputyPerformance.Tests.Auditing;

/// <summary>The trail reads as words: record types, fields and actions from resources, old → new values, filters in SQL, an Excel export.</summary>
public sealed class AuditTextTests(SeededDatabase fx) : IClassFixture<SeededDatabase>
{
    private static readonly string[] NotAudited = ["AuditEntry", "VoteToken", "ElectronicBallot", "ThrottleCounter", "Notification"];

    [Fact]
    public async Task EveryAuditedRecordTypeAndFieldHasANameInBothLanguages()
    {
        await using var db = await fx.Db.Factory.CreateDbContextAsync();
        var missing = new List<string>();
        foreach (var type in db.Model.GetEntityTypes().Where(t => t.ClrType.Namespace?.StartsWith("DeputyPerformance.Domain", StringComparison.Ordinal) == true
                                                                  && !t.IsOwned() && !NotAudited.Contains(t.ClrType.Name) && t.ClrType.Name != "AppUser"))
        {
            foreach (var culture in new[] { "en", "zh-CN" })
            {
                using var scope = new CultureScope(culture);
                if (!Has($"AuditEntity_{type.ClrType.Name}")) missing.Add($"{culture} AuditEntity_{type.ClrType.Name}");
                missing.AddRange(type.GetProperties().Where(p => !Has($"AuditField_{type.ClrType.Name}_{p.Name}") && !Has($"AuditField_{p.Name}"))
                    .Select(p => $"{culture} AuditField_{p.Name}"));
            }
        }

        Assert.True(missing.Count == 0, string.Join(", ", missing.Distinct()));

        static bool Has(string key) => DomainText.Get(key) != key;
    }

    [Fact]
    public async Task AChangeReadsAsFieldNamesWithOldAndNewValues()
    {
        using var culture = new CultureScope("zh-CN");
        var (_, town) = await fx.TownsAsync();
        var deputies = fx.Get<Domain.Deputies.DeputyService>();
        var id = await deputies.SaveAsync(TestCallers.CountyClerk, new Domain.Deputies.DeputyInput
        {
            TermId = await fx.TermIdAsync(), DeputyNumber = "TXT-1", Name = "读审计", TownId = town, Phone = "13900000001",
        });
        var input = await deputies.GetForEditAsync(TestCallers.CountyClerk, id);
        input.Name = "改名后";
        await deputies.SaveAsync(TestCallers.CountyClerk, input);

        var page = await fx.Get<AuditService>().ListAsync(TestCallers.Admin, new ListQuery(PageSize: 5),
            new AuditFilter(EntityType: "Deputy", Action: "Modified", UserName: "county.clerk"));

        var row = page.Items.First(r => r.EntityId == id.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(("代表", "修改"), (row.EntityName, row.ActionName));
        Assert.Contains(new AuditChange("姓名", "读审计", "改名后"), row.Details);
    }

    [Fact]
    public async Task TheUserFilterFindsUsersByTheStartOfTheirName()
    {
        var (_, town) = await fx.TownsAsync();
        await fx.Get<Domain.Deputies.DeputyService>().SaveAsync(TestCallers.CountyClerk, new Domain.Deputies.DeputyInput
        {
            TermId = await fx.TermIdAsync(), DeputyNumber = "TXT-2", Name = "前缀查", TownId = town, Phone = "13900000002",
        });
        var audit = fx.Get<AuditService>();

        var typed = await audit.ListAsync(TestCallers.Admin, new ListQuery(PageSize: 200), new AuditFilter(UserName: "county"));
        var middle = await audit.ListAsync(TestCallers.Admin, new ListQuery(PageSize: 200), new AuditFilter(UserName: "clerk"));

        Assert.Contains(typed.Items, r => r.UserName == "county.clerk");
        Assert.All(typed.Items, r => Assert.StartsWith("county", r.UserName, StringComparison.Ordinal));
        Assert.DoesNotContain(middle.Items, r => r.UserName == "county.clerk");
    }

    [Fact]
    public async Task FiltersByUserEntityActionAndDateApplyTogether()
    {
        var audit = fx.Get<AuditService>();
        var all = await audit.ListAsync(TestCallers.Admin, new ListQuery(PageSize: 200));
        var today = DateOnly.FromDateTime(DateTime.Now);

        var none = await audit.ListAsync(TestCallers.Admin, new ListQuery(), new AuditFilter(From: today.AddDays(1)));
        var byUser = await audit.ListAsync(TestCallers.Admin, new ListQuery(PageSize: 200), new AuditFilter(UserName: "system", From: today, To: today));
        var byType = await audit.ListAsync(TestCallers.Admin, new ListQuery(PageSize: 200), new AuditFilter(EntityType: "Town", Action: "Added"));

        Assert.True(all.TotalCount > 0);
        Assert.Equal(0, none.TotalCount);
        Assert.NotEmpty(byUser.Items);
        Assert.All(byUser.Items, r => Assert.Equal("system", r.UserName));
        Assert.NotEmpty(byType.Items);
        Assert.All(byType.Items, r => Assert.Equal(("Town", "Added"), (r.EntityType, r.Action)));
        Assert.True(byType.TotalCount < all.TotalCount);
        await Assert.ThrowsAsync<AccessDeniedException>(() => audit.ListAsync(TestCallers.CountyClerk, new ListQuery(), new AuditFilter()));
    }

    [Fact]
    public async Task TheExportHoldsTheFilteredRowsWithReadableHeaders()
    {
        using var culture = new CultureScope("zh-CN");
        var buffer = new MemoryStream();

        await fx.Get<AuditService>().ExportAsync(TestCallers.Admin, new AuditFilter(EntityType: "Town"), null, buffer);

        buffer.Position = 0;
        var rows = buffer.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("镇街", r["记录类型"]));
        Assert.Contains("名称", (string)rows[0]["变更内容"]);
        await Assert.ThrowsAsync<AccessDeniedException>(() => fx.Get<AuditService>().ExportAsync(TestCallers.CountyClerk, new AuditFilter(), null, new MemoryStream()));
    }
}
