using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Scoring;
using DeputyPerformance.Tests.Duties;
using DeputyPerformance.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace DeputyPerformance.Tests.Scoring;

public sealed class ScoreServiceTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private List<int> _towns = null!;
    private List<DutyTestData.DeputyRef> _deputies = null!;

    private ScoreService Scores => _db.Get<ScoreService>();
    private DutyLogService Logs => _db.Get<DutyLogService>();

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(seedDemo: true);
        _towns = await DutyTestData.TownIdsAsync(_db);
        _deputies = await DutyTestData.DeputiesAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task SaveRulesAsync(int year, Func<RuleValues, RuleValues> change)
    {
        var rules = change(ScoringDefaults.For(year));
        await _db.Get<ScoringRuleService>().SaveAsync(TestCallers.Admin, RuleSetInput.From(rules));
    }

    [Fact]
    public async Task SqlAggregationEqualsTheCSharpRulesOnAGeneratedYear()
    {
        await SaveRulesAsync(2019, r => r with
        {
            BaseScore = 50,
            Categories = r.Categories.Select(c => c.Code switch
            {
                DutyCategory.Reception => c with { Cap = 30 },
                DutyCategory.CongressAbsence => c with { Cap = 8 },
                _ => c,
            }).Where(c => c.Code != DutyCategory.TrainingDay).ToList(),
        });
        await DutyTestData.InsertRandomLogsAsync(_db, _deputies, 2019, 6000, seed: 7);
        await DutyTestData.InsertRandomLogsAsync(_db, _deputies, 2018, 500, seed: 8);

        var sql = (await Scores.ComputeYearAsync(TestCallers.CountyClerk, 2019)).ToDictionary(s => s.DeputyId);

        await using var ctx = await _db.Factory.CreateDbContextAsync();
        var rules = (await _db.Get<ScoringRuleService>().GetAsync(TestCallers.Admin, 2019)).Values;
        var approved = await ctx.DutyLogs.Where(l => l.Year == 2019 && l.Status == DutyLogStatus.Approved)
            .Select(l => new { l.DeputyId, l.CategoryCode, l.Count }).ToListAsync();
        var facts = _deputies.Select(d => new DeputyFacts(d.Id, d.TownId, d.DelegationId));
        var reference = ScoreCalculator.ScoreYear(facts, approved.ToLookup(l => l.DeputyId, l => new CategoryCount(l.CategoryCode, l.Count)), rules);

        Assert.Equal(_deputies.Count, sql.Count);
        Assert.Contains(reference, r => r.Breakdown.Any(b => b.Capped));
        Assert.Contains(reference, r => r.RankCounty != reference.Count(x => x.Score > r.Score) + 1 || r.RankCounty > 1);
        foreach (var expected in reference)
        {
            var actual = sql[expected.DeputyId];
            Assert.Equal(expected.Score, actual.Score);
            Assert.Equal(expected.Grade, actual.Grade);
            Assert.Equal(expected.RankCounty, actual.RankCounty);
            Assert.Equal(expected.RankTown, actual.RankTown);
            Assert.Equal(expected.RankDelegation, actual.RankDelegation);
            Assert.Equal(expected.Breakdown.Select(b => (b.Code, b.Count, b.Points)), actual.Breakdown.Select(b => (b.Code, b.Count, b.Points)));
        }
    }

    [Fact]
    public async Task OnlyApprovedLogsCountAndApprovalUpdatesTheScore()
    {
        var d = _deputies[0];
        var id = await Logs.SubmitAsync(TestCallers.Deputy(d.Id), DutyTestData.Input(d.Id, DutyCategory.ReportAuthor));

        var before = await Scores.MyScoreAsync(TestCallers.Deputy(d.Id), 2019);
        await Logs.ApproveAsync(TestCallers.TownClerk(d.TownId), id);
        var after = await Scores.MyScoreAsync(TestCallers.Deputy(d.Id), 2019);

        Assert.Equal(60, before!.Score);
        Assert.Equal(80, after!.Score);
        Assert.Equal(ScoreGrade.Good, after.Grade);
        Assert.Equal(1, after.RankCounty);
        Assert.Equal(_deputies.Count, after.CountyTotal);
        var line = Assert.Single(after.Breakdown);
        Assert.Equal((DutyCategory.ReportAuthor, 1, 20), (line.Code, line.Count, line.Points));
    }

    [Fact]
    public async Task ChangingTheRulesRecomputesTheYearAndIsAudited()
    {
        var d = _deputies[0];
        await Logs.RecordAsync(TestCallers.CountyClerk, DutyTestData.Input(d.Id, DutyCategory.Inspection, count: 2));
        Assert.Equal(66, (await Scores.DeputyScoreAsync(TestCallers.CountyClerk, d.Id, 2019))!.Score);

        await SaveRulesAsync(2019, r => r with { Categories = r.Categories.Select(c => c.Code == DutyCategory.Inspection ? c with { Points = 10 } : c).ToList() });

        Assert.Equal(80, (await Scores.DeputyScoreAsync(TestCallers.CountyClerk, d.Id, 2019))!.Score);
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        Assert.True(await ctx.AuditEntries.AnyAsync(a => a.EntityType == nameof(RuleCategory) && a.UserName == "admin"));
        var published = await ctx.ScoreYearStates.Where(s => s.Year == 2019).Select(s => s.Generation).SingleAsync();
        Assert.Equal(80, await ctx.ScoreSnapshots.Where(s => s.Year == 2019 && s.Generation == published && s.DeputyId == d.Id).Select(s => s.Score).SingleAsync());
    }

    [Fact]
    public async Task OnlyAnAdministratorEditsRulesAndAYearCanStartFromTheLastOne()
    {
        var rules = _db.Get<ScoringRuleService>();
        await SaveRulesAsync(2018, r => r with { BaseScore = 55, ShortlistPercent = 15 });

        await Assert.ThrowsAsync<AccessDeniedException>(() => rules.SaveAsync(TestCallers.CountyClerk, RuleSetInput.From(ScoringDefaults.For(2019))));
        await Assert.ThrowsAsync<AccessDeniedException>(() => rules.CopyFromPreviousYearAsync(TestCallers.CommitteeMember, 2019));
        await rules.CopyFromPreviousYearAsync(TestCallers.Admin, 2019);

        var copied = await rules.GetAsync(TestCallers.CountyClerk, 2019);
        Assert.True(copied.IsSaved);
        Assert.Equal(55, copied.Values.BaseScore);
        Assert.Equal(15, copied.Values.ShortlistPercent);
        Assert.False((await rules.GetAsync(TestCallers.CountyClerk, 2020)).IsSaved);
        Assert.Equal(ScoringDefaults.BaseScore, (await rules.GetAsync(TestCallers.CountyClerk, 2020)).Values.BaseScore);
    }

    [Fact]
    public async Task InvalidRulesAreRefused()
    {
        var input = RuleSetInput.From(ScoringDefaults.For(2019));
        input.GoodFrom = 50;
        input.Categories[0].Cap = 0;

        var ex = await Assert.ThrowsAsync<InputValidationException>(() => _db.Get<ScoringRuleService>().SaveAsync(TestCallers.Admin, input));

        Assert.Equal(2, ex.Errors.Count);
    }

    [Fact]
    public async Task RankingBoardSharesRanksForTiesAndTownClerksSeeTheirTown()
    {
        var a = _deputies.First(d => d.TownId == _towns[0]);
        var b = _deputies.First(d => d.TownId == _towns[1]);
        await Logs.RecordAsync(TestCallers.CountyClerk, DutyTestData.Input(a.Id, DutyCategory.Reception));
        await Logs.RecordAsync(TestCallers.CountyClerk, DutyTestData.Input(b.Id, DutyCategory.Reception));

        var board = await Scores.RankingAsync(TestCallers.CommitteeMember, 2019, new ListQuery(PageSize: 5), new RankingFilter());
        var town = await Scores.RankingAsync(TestCallers.TownClerk(_towns[0]), 2019, new ListQuery(PageSize: 100), new RankingFilter());

        Assert.Equal(_deputies.Count, board.TotalCount);
        Assert.Equal([1, 1, 3, 3, 3], board.Items.Select(r => r.RankCounty));
        Assert.All(town.Items, r => Assert.Equal(_towns[0], r.TownId));
        Assert.Equal(65, town.Items[0].Score);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Scores.RankingAsync(TestCallers.Deputy(a.Id), 2019, new ListQuery(), new RankingFilter()));
    }

    [Fact]
    public async Task DistributionCountsEveryDeputyOnceByBucketAndGrade()
    {
        await Logs.RecordAsync(TestCallers.CountyClerk, DutyTestData.Input(_deputies[0].Id, DutyCategory.ReportAuthor));
        await Logs.RecordAsync(TestCallers.CountyClerk, DutyTestData.Input(_deputies[1].Id, DutyCategory.CongressAbsence));

        var distribution = await Scores.DistributionAsync(TestCallers.CountyClerk, 2019, new RankingFilter(), bucketSize: 10);

        Assert.Equal(_deputies.Count, distribution.Total);
        Assert.Equal(_deputies.Count, distribution.Buckets.Sum(b => b.Count));
        Assert.Equal(1, distribution.Grades[ScoreGrade.Good]);
        Assert.Equal(1, distribution.Grades[ScoreGrade.Poor]);
        Assert.Equal([50, 60, 80], distribution.Buckets.Select(b => b.Lower));
    }

    [Fact]
    public async Task HistoryHasAPointPerYearOfTheTerm()
    {
        var d = _deputies[0];
        await Logs.RecordAsync(TestCallers.CountyClerk, DutyTestData.Input(d.Id, DutyCategory.Reception, date: "2017-06-01"));

        var history = await Scores.HistoryAsync(TestCallers.Deputy(d.Id), d.Id);

        Assert.Equal([2016, 2017, 2018, 2019, 2020, 2021], history.Select(h => h.Year));
        Assert.Equal(65, history.Single(h => h.Year == 2017).Score);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Scores.HistoryAsync(TestCallers.Deputy(_deputies[1].Id), d.Id));
    }

    [Fact]
    public async Task ADeputyRecordChangeIsSeenByTheNextRead()
    {
        var d = _deputies.First(x => x.TownId == _towns[0]);
        await Logs.RecordAsync(TestCallers.CountyClerk, DutyTestData.Input(d.Id, DutyCategory.Reception));
        Assert.Equal(_towns[0], (await Scores.RankingAsync(TestCallers.CountyClerk, 2019, new ListQuery(PageSize: 1), new RankingFilter())).Items[0].TownId);

        var deputies = _db.Get<DeputyService>();
        var input = await deputies.GetForEditAsync(TestCallers.CountyClerk, d.Id);
        input.TownId = _towns[2];
        input.ElectoralDistrictId = null;
        input.LiaisonStationId = null;
        await deputies.SaveAsync(TestCallers.CountyClerk, input);

        Assert.Equal(_towns[2], (await Scores.RankingAsync(TestCallers.CountyClerk, 2019, new ListQuery(PageSize: 1), new RankingFilter())).Items[0].TownId);
    }

    [Fact]
    public async Task ShortlistExcludesWithReasonsAndRecordsTheCommitteesDecision()
    {
        var leader = await LeaderIdAsync();
        var exitCase = _deputies.First(d => d.Id != leader).Id;
        foreach (var id in new[] { leader, exitCase })
        {
            await Logs.RecordAsync(TestCallers.CountyClerk, DutyTestData.Input(id, DutyCategory.ReportAuthor, count: 3));
        }

        var shortlist = new ShortlistService(_db.Factory, Scores, TimeProvider.System, NullLogger<ShortlistService>.Instance, new FixedExitCases(exitCase));
        var view = await shortlist.GetAsync(TestCallers.CommitteeMember, 2019);

        Assert.True(view.ExitCasesChecked);
        Assert.Contains(ShortlistExclusion.StateOrganLeader, view.Rows.Single(r => r.DeputyId == leader).Exclusions);
        Assert.Equal([ShortlistExclusion.OpenExitCase], view.Rows.Single(r => r.DeputyId == exitCase).Exclusions);
        Assert.Equal(ScoreCalculator.QuotaOf(view.EligibleCount, 20, QuotaRounding.Floor), view.Quota);
        Assert.True(view.TiedAtBoundary);

        await Assert.ThrowsAsync<AccessDeniedException>(() => shortlist.RecordDecisionAsync(TestCallers.CommitteeMember, 2019, exitCase, ShortlistDecisionKind.Approved, null));
        var proposed = view.Rows.First(r => r.Proposed).DeputyId;
        await shortlist.RecordDecisionAsync(TestCallers.CountyClerk, 2019, proposed, ShortlistDecisionKind.Approved, "meeting 12");
        var decided = (await shortlist.GetAsync(TestCallers.CommitteeMember, 2019)).Rows.Single(r => r.DeputyId == proposed);
        Assert.Equal(ShortlistDecisionKind.Approved, decided.Decision);
        Assert.Equal("meeting 12", decided.DecisionNote);
    }

    [Fact]
    public async Task WithoutAnExitCaseSourceTheShortlistSaysExitCasesWereNotChecked()
    {
        var shortlist = new ShortlistService(_db.Factory, Scores, TimeProvider.System, NullLogger<ShortlistService>.Instance);

        var view = await shortlist.GetAsync(TestCallers.CountyClerk, 2019);

        Assert.False(view.ExitCasesChecked);
        Assert.Equal(_deputies.Count, view.Rows.Count);
    }

    [Fact]
    public async Task AnOpenExitCaseKeepsADeputyOffTheShortlistUntilItIsDismissed()
    {
        var flagged = _deputies[0].Id;
        int caseId;
        await using (var ctx = await _db.Factory.CreateDbContextAsync())
        {
            var deputy = await ctx.Deputies.SingleAsync(d => d.Id == flagged);
            var c = new DeputyPerformance.Domain.Exits.ExitCase(flagged, deputy.TownId, deputy.Level, DeputyPerformance.Domain.Exits.ExitGround.MovedAway,
                null, "moved away", "clerk", new DateTime(2019, 6, 1, 0, 0, 0, DateTimeKind.Utc));
            ctx.ExitCases.Add(c);
            await ctx.SaveChangesAsync();
            caseId = c.Id;
        }

        var before = await _db.Get<ShortlistService>().GetAsync(TestCallers.CountyClerk, 2019);
        await _db.Get<DeputyPerformance.Domain.Exits.ExitCaseService>().ActAsync(TestCallers.CountyClerk, caseId,
            new DeputyPerformance.Domain.Exits.ExitActionInput { Action = DeputyPerformance.Domain.Exits.ExitCaseAction.Dismiss, Note = "he stayed" });
        var after = await _db.Get<ShortlistService>().GetAsync(TestCallers.CountyClerk, 2019);

        Assert.True(before.ExitCasesChecked);
        Assert.Contains(ShortlistExclusion.OpenExitCase, before.Rows.Single(r => r.DeputyId == flagged).Exclusions);
        Assert.DoesNotContain(ShortlistExclusion.OpenExitCase, after.Rows.Single(r => r.DeputyId == flagged).Exclusions);
    }

    [Fact]
    public async Task AnOpenFlagWithoutACaseDoesNotKeepADeputyOffTheShortlist()
    {
        var flagged = _deputies[0].Id;
        await using (var ctx = await _db.Factory.CreateDbContextAsync())
        {
            ctx.ExitFlags.Add(new DeputyPerformance.Domain.Exits.ExitFlag(flagged, DeputyPerformance.Domain.Exits.ExitRuleCodes.RecessAbsencesYear, 2018,
                "2018-03-01; 2018-04-01", "log:1;log:2", new DateTime(2018, 6, 1, 0, 0, 0, DateTimeKind.Utc)));
            await ctx.SaveChangesAsync();
        }

        var view = await _db.Get<ShortlistService>().GetAsync(TestCallers.CountyClerk, 2019);

        Assert.DoesNotContain(ShortlistExclusion.OpenExitCase, view.Rows.Single(r => r.DeputyId == flagged).Exclusions);
    }

    [Theory]
    [InlineData("RankCounty")]
    [InlineData("RankTown")]
    [InlineData("RankDelegation")]
    [InlineData("Score")]
    [InlineData("DeputyNumber")]
    [InlineData("Name")]
    [InlineData("TownName")]
    [InlineData("Grade")]
    public async Task EveryRankingColumnSortsInTheDatabase(string column)
    {
        // Random logs over the whole county: scores, ranks and grades vary.
        await DutyTestData.InsertRandomLogsAsync(_db, _deputies, 2019, 1500, seed: 7);
        Func<RankingRow, object?> key = column switch
        {
            "RankCounty" => r => r.RankCounty,
            "RankTown" => r => r.RankTown,
            "RankDelegation" => r => r.RankDelegation,
            "Score" => r => r.Score,
            "DeputyNumber" => r => r.DeputyNumber,
            "Name" => r => r.Name,
            "TownName" => r => r.TownName,
            _ => r => r.Grade,
        };

        foreach (var descending in new[] { false, true })
        {
            // The whole board, page after page (the pages must join up in order too).
            var rows = new List<RankingRow>();
            for (var p = 0; p == 0 || rows.Count < _deputies.Count; p++)
            {
                rows.AddRange((await Scores.RankingAsync(TestCallers.CountyClerk, 2019, new ListQuery(p, 120, column, descending), new RankingFilter())).Items);
            }

            Assert.Equal(_deputies.Select(d => d.Id).Order(), rows.Select(r => r.DeputyId).Order());
            SortAssert.Ordered(rows, key, descending, r => r.DeputyNumber, tieDescending: false, $"{column} {(descending ? "descending" : "ascending")}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ATownsOrADelegationsBoardSortsByItsOwnRankAndTheScore(bool delegation)
    {
        // One group's board sorted by its rank reads the score order: the same rows as the stored ranks' order.
        await DutyTestData.InsertRandomLogsAsync(_db, _deputies, 2019, 1500, seed: 5);
        var group = delegation
            ? _deputies.Where(d => d.DelegationId is not null).GroupBy(d => d.DelegationId).MaxBy(g => g.Count())!.ToList()
            : _deputies.Where(d => d.TownId == _towns[0]).ToList();
        var filter = delegation ? new RankingFilter(DelegationId: group[0].DelegationId) : new RankingFilter(TownId: _towns[0]);
        var column = delegation ? "RankDelegation" : "RankTown";
        foreach (var descending in new[] { false, true })
        {
            var rows = (await Scores.RankingAsync(TestCallers.CountyClerk, 2019, new ListQuery(0, 500, column, descending), filter)).Items;

            Assert.Equal(group.Select(d => d.Id).Order(), rows.Select(r => r.DeputyId).Order());
            SortAssert.Ordered(rows, r => delegation ? r.RankDelegation : r.RankTown, descending, r => r.DeputyNumber, tieDescending: false, $"{column} {descending}");
        }
    }

    [Fact]
    public async Task ATownFilteredBoardHoldsOnlyThatTown()
    {
        var page = await Scores.RankingAsync(TestCallers.CountyClerk, 2019, new ListQuery(PageSize: 10), new RankingFilter(TownId: _towns[0]));

        Assert.Equal(10, page.Items.Count);
        Assert.All(page.Items, r => Assert.Equal(_towns[0], r.TownId));
    }

    private async Task<int> LeaderIdAsync()
    {
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        return await ctx.Deputies.Where(d => d.IsStateOrganLeader).Select(d => d.Id).FirstAsync();
    }

    private sealed class FixedExitCases(params int[] ids) : IOpenExitCases
    {
        public Task<IReadOnlySet<int>> DeputyIdsAsync(int year, CancellationToken ct) => Task.FromResult<IReadOnlySet<int>>(ids.ToHashSet());
    }
}
