using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Exits;
using DeputyPerformance.Domain.Seeding;
using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Exits;

/// <summary>The demo county (with its duty logs) has deputies who meet every exit rule, so the board shows each tier.</summary>
public sealed class DemoExitDataTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await _db.Get<DemoCountySeeder>().SeedAsync(withDutyLogs: true);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task TheDemoBoardHasAFlagOfEveryRuleInEveryTierAndACaseUnderReview()
    {
        var cases = _db.Get<ExitCaseService>();
        var flags = (await cases.ListFlagsAsync(TestCallers.CountyClerk, new ListQuery(PageSize: ListQuery.MaxPageSize), new ExitBoardFilter())).Items;

        Assert.Equal(ExitRuleCodes.All.Order(), flags.Select(f => f.Rule).Distinct().Order());
        Assert.Equal(Enum.GetValues<ExitTier>().Order(), flags.Select(f => f.Tier).Distinct().Order());
        var low = Assert.Single(flags, f => f.Rule == ExitRuleCodes.ReportSatisfactionLow);
        Assert.Equal("29/60 = 48.33% < 50%", low.Evidence);
        foreach (var tier in Enum.GetValues<ExitTier>())
        {
            Assert.NotEmpty((await cases.ListFlagsAsync(TestCallers.CountyClerk, new ListQuery(), new ExitBoardFilter(Tier: tier))).Items);
        }

        var open = (await cases.ListCasesAsync(TestCallers.CountyClerk, new ListQuery(), new ExitBoardFilter(CaseOpen: true))).Items;
        Assert.Contains(open, c => c.State == ExitCaseState.UnderReview);
    }
}
