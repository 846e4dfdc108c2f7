using System.Text;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Roster;
using DeputyPerformance.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Tests.Roster;

public sealed class RosterImportServiceTests : IAsyncLifetime
{
    private const string Header = "term,deputy_number,name,level,town,electoral_district,delegation,station,gender,is_leader";
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(seedDemo: true);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private RosterImportService Service => _db.Get<RosterImportService>();

    private static MemoryStream Csv(params string[] rows) => new(Encoding.UTF8.GetBytes(string.Join("\n", [Header, .. rows]) + "\n"));

    private async Task<(int Deputies, int Towns, int Stations, int Districts, int Terms)> CountsAsync()
    {
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        return (await ctx.Deputies.CountAsync(), await ctx.Towns.CountAsync(), await ctx.LiaisonStations.CountAsync(),
            await ctx.ElectoralDistricts.CountAsync(), await ctx.Terms.CountAsync());
    }

    [Fact]
    public async Task PreviewListsWhatWouldBeCreatedAndWritesNothing()
    {
        var before = await CountsAsync();

        var preview = await Service.PreviewAsync(TestCallers.CountyClerk, Csv(
            "2021-2026,N001,新代表甲,town,新兴镇,新兴镇第1选区,,新兴镇东村代表联络站,女,否",
            "2016-2021,C001,温春春,county,兴田街道,兴田街道第1选区,兴田街道代表团,,男,是"), "roster.csv");

        Assert.True(preview.CanImport);
        Assert.Equal(["2021-2026"], preview.NewTerms);
        Assert.Equal(["新兴镇"], preview.NewTowns);
        Assert.Equal([new NamedInTown("新兴镇", "新兴镇第1选区")], preview.NewDistricts);
        Assert.Equal([new NamedInTown("新兴镇", "新兴镇东村代表联络站")], preview.NewStations);
        Assert.Equal(1, preview.DeputiesToCreate);
        Assert.Equal(1, preview.DeputiesToUpdate);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task AFileWithOneBadRowImportsNothingAndNamesTheRow()
    {
        var before = await CountsAsync();

        var result = await Service.ImportAsync(TestCallers.CountyClerk, Csv(
            "2021-2026,N001,新代表甲,town,新兴镇,,,,,",
            "2021-2026,N002,新代表乙,mayor,新兴镇,,,,,",
            "2021-2026,N001,重复编号,town,新兴镇,,,,,"), "roster.csv");

        Assert.False(result.Imported);
        Assert.Contains(result.Preview.Errors, e => e.Row == 3 && e.Column == RosterFormat.Level);
        Assert.Contains(result.Preview.Errors, e => e.Row == 4 && e.Column == RosterFormat.DeputyNumber);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task AGoodFileImportsEveryRowWithItsMasterData()
    {
        var before = await CountsAsync();

        var result = await Service.ImportAsync(TestCallers.CountyClerk, Csv(
            "2021-2026,N001,新代表甲,town,新兴镇,新兴镇第1选区,,新兴镇东村代表联络站,女,否",
            "2021-2026,N002,新代表乙,县,新兴镇,新兴镇第1选区,新兴镇代表团,,男,是"), "roster.csv");

        Assert.True(result.Imported);
        var after = await CountsAsync();
        Assert.Equal(before.Deputies + 2, after.Deputies);
        Assert.Equal(before.Towns + 1, after.Towns);
        Assert.Equal(before.Terms + 1, after.Terms);
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        var deputy = await ctx.Deputies.Include(d => d.ElectoralDistrict).Include(d => d.Delegation).SingleAsync(d => d.DeputyNumber == "N002");
        Assert.Equal("新兴镇第1选区", deputy.ElectoralDistrict!.Name);
        Assert.Equal("新兴镇代表团", deputy.Delegation!.Name);
        Assert.True(deputy.IsStateOrganLeader);
        Assert.True(await ctx.AuditEntries.AnyAsync(a => a.EntityType == "Deputy" && a.UserName == "county.clerk"));
    }

    [Fact]
    public async Task ImportingTheSameFileTwiceUpdatesInsteadOfDuplicating()
    {
        string[] rows = ["2021-2026,N001,新代表甲,town,新兴镇,,,,,"];
        await Service.ImportAsync(TestCallers.CountyClerk, Csv(rows), "roster.csv");
        var before = await CountsAsync();

        var again = await Service.ImportAsync(TestCallers.CountyClerk, Csv(rows), "roster.csv");

        Assert.True(again.Imported);
        Assert.Equal(1, again.Preview.DeputiesToUpdate);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task ATownClerkMayNotImportARoster()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Service.ImportAsync(TestCallers.TownClerk(1), Csv("2021-2026,N001,甲,town,新兴镇,,,,,"), "roster.csv"));
    }

    [Fact]
    public async Task AMalformedFileIsAFileErrorNotAnException()
    {
        var preview = await Service.PreviewAsync(TestCallers.CountyClerk, new MemoryStream([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]), "roster.xlsx");

        Assert.NotNull(preview.FileError);
        Assert.False(preview.CanImport);
    }

    [Fact]
    public async Task TheTemplateIsAValidEmptyOfErrorsRoster()
    {
        var preview = await Service.PreviewAsync(TestCallers.CountyClerk, new MemoryStream(RosterImportService.XlsxTemplate(chineseHeaders: true)), "template.xlsx");

        Assert.True(preview.CanImport, string.Join("; ", preview.Errors.Select(e => e.Message)));
        Assert.Equal(1, preview.RowCount);
    }
}
