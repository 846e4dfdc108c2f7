using System.Text;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Domain.Organization;
using DeputyPerformance.Domain.Roster;
using DeputyPerformance.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Tests.Roster;

public sealed class RosterImportServiceTests : IAsyncLifetime
{
    private const string Header = "term,deputy_number,name,level,town,electoral_district,delegation,station,gender,is_leader";
    private TestDatabase _db = null!;

    static RosterImportServiceTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

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

    private async Task<int> AuditCountAsync()
    {
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        return await ctx.AuditEntries.CountAsync();
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
        var auditBefore = await AuditCountAsync();

        var again = await Service.ImportAsync(TestCallers.CountyClerk, Csv(rows), "roster.csv");

        Assert.True(again.Imported);
        Assert.Equal(1, again.Preview.DeputiesToUpdate);
        Assert.Equal((0, 0, 1), (again.Created, again.Updated, again.Unchanged));
        Assert.Equal(before, await CountsAsync());
        Assert.Equal(auditBefore, await AuditCountAsync());
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

    [Theory]
    [InlineData("zh-CN", false, "roster.csv")]
    [InlineData("zh-CN", true, "roster.xlsx")]
    [InlineData("en", false, "roster.xlsx")]
    [InlineData("en", true, "roster.csv")]
    public async Task TheTemplatesAreRostersWithoutErrors(string culture, bool chineseHeaders, string name)
    {
        using var scope = new CultureScope(culture);
        var template = name.EndsWith(".csv", StringComparison.Ordinal) ? RosterTemplate.Csv(chineseHeaders) : RosterTemplate.Xlsx(chineseHeaders);

        var preview = await Service.PreviewAsync(TestCallers.CountyClerk, new MemoryStream(template), name);

        Assert.True(preview.CanImport, preview.FileError ?? string.Join("; ", preview.Errors.Select(e => e.Message)));
        Assert.Equal(1, preview.RowCount);
        // The example row is numbered C001, a deputy of the demo county: the preview says he would be renamed.
        var change = Assert.Single(preview.Changes);
        Assert.Equal("C001", change.Number);
        Assert.Contains(change.Fields, f => f.Column == RosterFormat.Name && f.New == "张三" && f.Old == change.Name);
        Assert.Contains("C001", Assert.Single(preview.Warnings));
    }

    [Theory]
    [InlineData("2016/2021,N001,甲,town,水口镇,,,,,", RosterFormat.Term)]
    [InlineData(",N001,甲,town,水口镇,,,,,", RosterFormat.Term)]
    [InlineData("2016-2021,N 001,甲,town,水口镇,,,,,", RosterFormat.DeputyNumber)]
    [InlineData("2016-2021,N0000000001111111111222222222233,甲,town,水口镇,,,,,", RosterFormat.DeputyNumber)]
    [InlineData("2016-2021,,甲,town,水口镇,,,,,", RosterFormat.DeputyNumber)]
    [InlineData("2016-2021,N001,,town,水口镇,,,,,", RosterFormat.Name)]
    [InlineData("2016-2021,N001,甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲,town,水口镇,,,,,", RosterFormat.Name)]
    [InlineData("2016-2021,N001,甲,,水口镇,,,,,", RosterFormat.Level)]
    [InlineData("2016-2021,N001,甲,省,水口镇,,,,,", RosterFormat.Level)]
    [InlineData("2016-2021,N001,甲,town,,,,,,", RosterFormat.Town)]
    [InlineData("2016-2021,N001,甲,town,水口镇,,,,未知,", RosterFormat.Gender)]
    [InlineData("2016-2021,N001,甲,town,水口镇,,,,,maybe", RosterFormat.IsLeader)]
    public async Task NamesTheRowAndColumnOfEachKindOfError(string row, string column)
    {
        var preview = await Service.PreviewAsync(TestCallers.CountyClerk, Csv("2016-2021,N000,好行,town,水口镇,,,,,", row), "roster.csv");

        var error = Assert.Single(preview.Errors);
        Assert.Equal(3, error.Row);
        Assert.Equal(column, error.Column);
        Assert.False(preview.CanImport);
    }

    [Fact]
    public async Task ReportsEveryErrorOfEveryRow()
    {
        var preview = await Service.PreviewAsync(TestCallers.CountyClerk, Csv(
            "2016/2021,N 1,,mayor,,,,,x,maybe",
            "2016-2021,N2,乙,town,水口镇,,,,,"), "roster.csv");

        Assert.Equal(7, preview.ErrorCount);
        Assert.All(preview.Errors, e => Assert.Equal(2, e.Row));
        Assert.Equal(1, preview.DeputiesToCreate);
    }

    [Fact]
    public async Task RowErrorsAreInTheUsersLanguage()
    {
        using var culture = new CultureScope("zh-CN");

        var preview = await Service.PreviewAsync(TestCallers.CountyClerk, Csv("2016-2021,N001,甲,mayor,水口镇,,,,,"), "roster.csv");

        Assert.Equal("“mayor”不是可接受的值。", Assert.Single(preview.Errors).Message);
        Assert.Equal("层级", RosterFormat.DisplayName(preview.Errors[0].Column));
    }

    [Fact]
    public async Task FindsAnExistingTermByItsYearsWhateverItsName()
    {
        await using (var ctx = await _db.Factory.CreateDbContextAsync())
        {
            var term = await ctx.Terms.SingleAsync();
            term.Update("第十六届", term.StartYear, term.EndYear);
            await ctx.SaveChangesAsync();
        }

        var before = await CountsAsync();

        var result = await Service.ImportAsync(TestCallers.CountyClerk, Csv("2016–2021,C001,温春春,county,兴田街道,,,,,"), "roster.csv");

        Assert.True(result.Imported);
        Assert.Empty(result.Preview.NewTerms);
        Assert.Equal(1, result.Preview.DeputiesToUpdate);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task NewTermsAreNamedByTheirYearsAndTheSameYearsCountAsOneTerm()
    {
        var result = await Service.ImportAsync(TestCallers.CountyClerk, Csv(
            "2021-2026,N001,甲,town,水口镇,,,,,",
            "2021 – 2026,N001,乙,town,水口镇,,,,,"), "roster.csv");

        Assert.False(result.Imported);
        Assert.Equal(RosterFormat.DeputyNumber, Assert.Single(result.Preview.Errors).Column);
        Assert.Equal(["2021-2026"], result.Preview.NewTerms);
    }

    [Fact]
    public async Task NewTownsAndStationsGetTheirKindFromTheirNames()
    {
        var result = await Service.ImportAsync(TestCallers.CountyClerk, Csv(
            "2016-2021,N001,甲,town,新城街道,,,新城街道人大代表中心联络站,,",
            "2016-2021,N002,乙,town,新兴镇,,,新兴镇东村代表联络站,,"), "roster.csv");

        Assert.True(result.Imported);
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        Assert.Equal(TownKind.SubDistrict, (await ctx.Towns.SingleAsync(t => t.Name == "新城街道")).Kind);
        Assert.Equal(TownKind.Town, (await ctx.Towns.SingleAsync(t => t.Name == "新兴镇")).Kind);
        Assert.Equal(StationKind.TownCentre, (await ctx.LiaisonStations.SingleAsync(s => s.Name == "新城街道人大代表中心联络站")).Kind);
        Assert.Equal(StationKind.Village, (await ctx.LiaisonStations.SingleAsync(s => s.Name == "新兴镇东村代表联络站")).Kind);
    }

    [Fact]
    public async Task AnUpdateKeepsPhoneAndStatusAndCountsOnlyRealChanges()
    {
        await Service.ImportAsync(TestCallers.CountyClerk, Csv(
            "2021-2026,N001,甲,town,水口镇,,,,,",
            "2021-2026,N002,乙,town,水口镇,,,,,"), "roster.csv");
        await using (var ctx = await _db.Factory.CreateDbContextAsync())
        {
            var deputy = await ctx.Deputies.SingleAsync(d => d.DeputyNumber == "N001");
            deputy.Update(deputy.DeputyNumber, deputy.Name, deputy.Gender, deputy.Level, deputy.TownId, null, null, null, "13800000000", false);
            deputy.ChangeStatus(DeputyStatus.Suspended, new DateOnly(2022, 1, 1));
            await ctx.SaveChangesAsync();
        }

        var result = await Service.ImportAsync(TestCallers.CountyClerk, Csv(
            "2021-2026,N001,甲,county,新圩镇,新圩镇第1选区,,,女,是",
            "2021-2026,N002,乙,town,水口镇,,,,,",
            "2021-2026,N003,丙,town,水口镇,,,,,"), "roster.csv");

        Assert.True(result.Imported);
        Assert.Equal((1, 1, 1), (result.Created, result.Updated, result.Unchanged));
        await using var check = await _db.Factory.CreateDbContextAsync();
        var updated = await check.Deputies.Include(d => d.Town).Include(d => d.ElectoralDistrict).SingleAsync(d => d.DeputyNumber == "N001");
        Assert.Equal(("新圩镇", "新圩镇第1选区", DeputyLevel.County, Gender.Female, true), (updated.Town!.Name, updated.ElectoralDistrict!.Name, updated.Level, updated.Gender, updated.IsStateOrganLeader));
        Assert.Equal(("13800000000", DeputyStatus.Suspended), (updated.Phone, updated.Status));
    }

    [Fact]
    public async Task ImportsAGb18030FileWithChineseHeadersInAnotherOrder()
    {
        var text = "姓名,届,代表编号,镇街,层级,性别,是否领导干部,备注\r\n新代表甲,2016-2021,G001,水口镇,镇,男,否,新当选\r\n";

        var result = await Service.ImportAsync(TestCallers.CountyClerk, new MemoryStream(Encoding.GetEncoding("GB18030").GetBytes(text)), "名册.csv");

        Assert.True(result.Imported);
        Assert.Single(result.Preview.Warnings);
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        Assert.Equal("新代表甲", (await ctx.Deputies.SingleAsync(d => d.DeputyNumber == "G001")).Name);
    }

    [Fact]
    public async Task AFileErrorOnImportWritesNothing()
    {
        var before = await CountsAsync();

        var result = await Service.ImportAsync(TestCallers.CountyClerk, new MemoryStream(Encoding.UTF8.GetBytes(Header + "\n")), "roster.csv");

        Assert.False(result.Imported);
        Assert.NotNull(result.Preview.FileError);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task ImportsThousandsOfRowsInOneGo()
    {
        var rows = Enumerable.Range(1, 5000).Select(i => $"2021-2026,B{i:D5},代表{i},town,镇{i % 40},镇{i % 40}第{i % 7}选区,,镇{i % 40}第{i % 3}站,,").ToArray();

        var result = await Service.ImportAsync(TestCallers.CountyClerk, Csv(rows), "roster.csv");

        Assert.True(result.Imported);
        Assert.Equal(5000, result.Created);
        Assert.Equal(40, result.Preview.NewTowns.Count);
        Assert.Equal(40 * 7, result.Preview.NewDistricts.Count);
        Assert.Equal(40 * 3, result.Preview.NewStations.Count);
    }

    [Fact]
    public async Task PreviewNamesEachDeputyItUpdatesAndEachFieldOldToNew()
    {
        await Service.ImportAsync(TestCallers.CountyClerk, Csv(
            "2021-2026,N001,甲,town,水口镇,,,,,",
            "2021-2026,N002,乙,town,水口镇,,,,,"), "roster.csv");
        using var scope = new CultureScope("zh-CN");

        var preview = await Service.PreviewAsync(TestCallers.CountyClerk, Csv(
            "2021-2026,N001,甲一,county,水口镇,,,,女,是",
            "2021-2026,N002,乙,town,水口镇,,,,,"), "roster.csv");

        Assert.Equal((2, 1), (preview.DeputiesToUpdate, preview.DeputiesChanged));
        var change = Assert.Single(preview.Changes);
        Assert.Equal((2, "N001", "甲"), (change.Row, change.Number, change.Name));
        Assert.Equal(
            [new FieldChange(RosterFormat.Name, "甲", "甲一"), new FieldChange(RosterFormat.Level, "镇", "县"),
             new FieldChange(RosterFormat.Gender, "", "女"), new FieldChange(RosterFormat.IsLeader, "否", "是")],
            change.Fields);
        Assert.Contains(preview.Warnings, w => w.Contains("N001", StringComparison.Ordinal) && w.Contains("甲一", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheUnchangedChineseTemplateDoesNotSilentlyRenameTheDemoDeputy()
    {
        using var scope = new CultureScope("zh-CN");
        string before;
        await using (var ctx = await _db.Factory.CreateDbContextAsync())
        {
            before = (await ctx.Deputies.SingleAsync(d => d.DeputyNumber == "C001")).Name;
        }

        var preview = await Service.PreviewAsync(TestCallers.CountyClerk, new MemoryStream(RosterTemplate.Xlsx(chineseHeaders: true)), "roster.xlsx");

        var change = Assert.Single(preview.Changes);
        Assert.Equal(("C001", before), (change.Number, change.Name));
        Assert.Contains(new FieldChange(RosterFormat.Name, before, "张三"), change.Fields);
        Assert.Contains(preview.Warnings, w => w.Contains("C001", StringComparison.Ordinal) && w.Contains(before, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADistrictOrStationOfAnotherTownIsAnErrorNotNewMasterData()
    {
        var before = await CountsAsync();
        using var scope = new CultureScope("zh-CN");

        var result = await Service.ImportAsync(TestCallers.CountyClerk, Csv(
            "2016-2021,X001,甲,town,石马镇,兴田街道第1选区,,,,",
            "2016-2021,X002,乙,town,石马镇,,,兴田街道人大代表中心联络站,,",
            "2016-2021,X003,丙,town,新兴镇,兴田街道第1选区,,,,"), "roster.csv");

        Assert.False(result.Imported);
        var preview = result.Preview;
        Assert.Equal([(2, RosterFormat.ElectoralDistrict), (3, RosterFormat.Station), (4, RosterFormat.ElectoralDistrict)],
            preview.Errors.Select(e => (e.Row, e.Column)));
        Assert.Contains("兴田街道", preview.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("石马镇", preview.Errors[0].Message, StringComparison.Ordinal);
        Assert.Empty(preview.NewDistricts);
        Assert.Empty(preview.NewStations);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task ALatin1FileIsRefusedNotStoredGarbled()
    {
        var latin1 = Encoding.Latin1.GetBytes($"{Header}\n2016-2021,X001,José Müller,town,石马镇,,,,,\n".Replace("石马镇", "Shima"));

        var preview = await Service.PreviewAsync(TestCallers.CountyClerk, new MemoryStream(latin1), "roster.csv");

        Assert.NotNull(preview.FileError);
        Assert.Contains("UTF-8", preview.FileError, StringComparison.Ordinal);
        Assert.Contains("2", preview.FileError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileThatIsReadableAsGb18030ButLooksLikeLatin1IsWarned()
    {
        // "Müller" in Latin-1: the bytes FC 6C read as one rare GBK character, no error, but not Chinese text.
        var latin1 = Encoding.Latin1.GetBytes($"{Header}\n2016-2021,X001,Müller,town,Shima,,,,,\n");

        var preview = await Service.PreviewAsync(TestCallers.CountyClerk, new MemoryStream(latin1), "roster.csv");

        Assert.Null(preview.FileError);
        Assert.Contains(preview.Warnings, w => w == DomainText.Get("Roster_EncodingDoubtful"));
    }

    [Fact]
    public async Task AGb18030FileOfChineseNamesIsNotWarned()
    {
        var gb = Encoding.GetEncoding("GB18030").GetBytes($"{Header}\n2016-2021,X001,王喆,town,石马镇,,,,男,否\n");

        var preview = await Service.PreviewAsync(TestCallers.CountyClerk, new MemoryStream(gb), "roster.csv");

        Assert.True(preview.CanImport, preview.FileError);
        Assert.Empty(preview.Warnings);
    }
}
