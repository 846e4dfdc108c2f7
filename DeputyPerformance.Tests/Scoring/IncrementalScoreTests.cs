using System.Text;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Duties.Import;
using DeputyPerformance.Domain.Scoring;
using DeputyPerformance.Tests.Duties;
using DeputyPerformance.Tests.Support;
using DeputyPerformance.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Tests.Scoring;

/// <summary>
/// The yearly totals and the published scores follow each change to approved logs in its own transaction, and
/// always equal a full recomputation from the logs by the C# rules (ScoreCalculator).
/// </summary>
public sealed class IncrementalScoreTests : IAsyncLifetime
{
    private static readonly int[] Years = [2018, 2019];
    private TestDatabase _db = null!;
    private List<DutyTestData.DeputyRef> _deputies = null!;

    private ScoreService Scores => _db.Get<ScoreService>();
    private DutyLogService Logs => _db.Get<DutyLogService>();
    private ScoreYearBuilder Builder => _db.Get<ScoreYearBuilder>();

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(seedDemo: true);
        _deputies = await DutyTestData.DeputiesAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Theory]
    [InlineData(11)]
    [InlineData(2026)]
    public async Task ScoresAndRanksEqualAFullRecomputationAfterARandomSequenceOfChanges(int seed)
    {
        var random = new Random(seed);
        await DutyTestData.InsertRandomLogsAsync(_db, _deputies, 2019, 1500, seed);
        foreach (var year in Years) await PublishAsync(year);
        var pending = new List<long>();
        var approved = new List<long>();
        var ruleChanges = 0;
        var recomputationsAtStart = Builder.Recomputations;

        for (var step = 0; step < 160; step++)
        {
            var d = _deputies[random.Next(_deputies.Count)];
            switch (random.Next(8))
            {
                case 0:
                case 1:
                    approved.Add(await Logs.RecordAsync(TestCallers.CountyClerk, RandomInput(random, d)));
                    break;
                case 2:
                    pending.Add(await Logs.SubmitAsync(TestCallers.Deputy(d.Id), RandomInput(random, d)));
                    break;
                case 3 when pending.Count > 0:
                    var batch = pending.OrderBy(_ => random.Next()).Take(1 + random.Next(3)).ToList();
                    await Logs.ApproveAsync(TestCallers.CountyClerk, batch);
                    pending.RemoveAll(batch.Contains);
                    approved.AddRange(batch);
                    break;
                case 4 when pending.Count > 0:
                    var rejected = pending[random.Next(pending.Count)];
                    await Logs.RejectAsync(TestCallers.CountyClerk, rejected, "not proven");
                    pending.Remove(rejected);
                    break;
                case 5 when approved.Count > 0:
                    // A correction may move the log to another category, count and year.
                    var corrected = approved[random.Next(approved.Count)];
                    var owner = await DeputyOfLogAsync(corrected);
                    await Logs.UpdateAsync(TestCallers.CountyClerk, corrected, RandomInput(random, owner));
                    break;
                case 6 when approved.Count > 0:
                    var deleted = approved[random.Next(approved.Count)];
                    await Logs.DeleteAsync(TestCallers.CountyClerk, deleted);
                    approved.Remove(deleted);
                    break;
                case 7:
                    await ImportAsync(random, 1 + random.Next(6));
                    break;
            }

            if (step % 40 == 39)
            {
                // A rule change: other points, caps, a base score, categories that no longer count.
                ruleChanges++;
                var year = Years[random.Next(Years.Length)];
                var rules = ScoringDefaults.For(year);
                await _db.Get<ScoringRuleService>().SaveAsync(TestCallers.Admin, RuleSetInput.From(rules with
                {
                    BaseScore = 50 + random.Next(20),
                    Categories = rules.Categories
                        .Select(c => c with
                        {
                            Points = random.Next(8) == 0 ? 0 : c.Points + random.Next(-2, 3),
                            Cap = random.Next(3) == 0 ? 4 + random.Next(10) : null,
                        }).ToList(),
                }));
            }

            if (step % 20 == 19)
            {
                foreach (var year in Years) await AssertEqualsFullRecomputationAsync(year);
            }
        }

        // Every change but the rule changes was applied incrementally: only the rule saves recomputed a year.
        Assert.Equal(recomputationsAtStart + ruleChanges, Builder.Recomputations);
    }

    [Fact]
    public async Task ReadersAfterALogChangeNeverRecomputeAndReadersOfAStaleYearShareOneRecomputation()
    {
        await PublishAsync(2019);
        var before = Builder.Recomputations;

        await Logs.RecordAsync(TestCallers.CountyClerk, DutyTestData.Input(_deputies[5].Id, DutyCategory.ReportAuthor));
        var boards = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ReadBoardAsync()));
        Assert.Equal(before, Builder.Recomputations);
        Assert.All(boards, b => Assert.Equal(_deputies[5].Id, b.Items[0].DeputyId));

        await using (var connection = await _db.OpenConnectionAsync())
        {
            await ScoreQueries.MarkStaleAsync(connection, null, [2019], CancellationToken.None);
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ReadBoardAsync()));
        Assert.Equal(before + 1, Builder.Recomputations);
        await AssertEqualsFullRecomputationAsync(2019);
    }

    [Fact]
    public async Task TwentyClerksSavingAtOnceAllSucceedWhileTheYearIsRecomputedAndTheScoresStayExact()
    {
        await PublishAsync(2019);
        var clerks = Enumerable.Range(0, 20).Select(c => Task.Run(async () =>
        {
            var random = new Random(c);
            for (var i = 0; i < 10; i++)
            {
                var d = _deputies[random.Next(_deputies.Count)];
                await Logs.RecordAsync(TestCallers.CountyClerk, DutyTestData.Input(d.Id, DutyCategory.All[random.Next(DutyCategory.All.Count)], 1 + random.Next(3)));
            }
        })).ToList();
        var recomputations = Task.Run(async () =>
        {
            for (var i = 0; i < 3; i++) await Builder.RebuildAsync(2019);
        });

        await Task.WhenAll([.. clerks, recomputations]);

        Assert.Equal(200, await DutyTestData.LogCountAsync(_db));
        await AssertEqualsFullRecomputationAsync(2019);
    }

    [Fact]
    public async Task TheYearlyTotalsAnswerTheExitRulesPerTermAndPerYear()
    {
        var d = _deputies[3];
        await Logs.RecordAsync(TestCallers.CountyClerk, DutyTestData.Input(d.Id, DutyCategory.CongressAbsence, date: "2017-03-01"));
        var second = await Logs.RecordAsync(TestCallers.CountyClerk, DutyTestData.Input(d.Id, DutyCategory.CongressAbsence, date: "2019-03-01"));
        await Logs.RecordAsync(TestCallers.CountyClerk, DutyTestData.Input(d.Id, DutyCategory.RecessAbsence, count: 2, date: "2019-05-01"));
        await Logs.RecordAsync(TestCallers.CountyClerk, DutyTestData.Input(d.Id, DutyCategory.RecessAbsence, date: "2019-07-01"));
        await Logs.SubmitAsync(TestCallers.Deputy(d.Id), DutyTestData.Input(d.Id, DutyCategory.RecessAbsence, date: "2019-08-01"));
        var wrong = await Logs.RecordAsync(TestCallers.CountyClerk, DutyTestData.Input(d.Id, DutyCategory.CongressAbsence, date: "2018-03-01"));
        await Logs.DeleteAsync(TestCallers.CountyClerk, wrong);

        await using var ctx = await _db.Factory.CreateDbContextAsync();
        var absencesInTerm = await ctx.DeputyYearTotals
            .Where(t => t.DeputyId == d.Id && t.CategoryCode == DutyCategory.CongressAbsence && t.Year >= 2016 && t.Year <= 2021)
            .OrderBy(t => t.Year).Select(t => new { t.Year, t.Count }).ToListAsync();
        var recessPerYear = await ctx.DeputyYearTotals
            .Where(t => t.DeputyId == d.Id && t.CategoryCode == DutyCategory.RecessAbsence)
            .Select(t => new { t.Year, t.Count }).ToListAsync();

        Assert.Equal([(2017, 1), (2019, 1)], absencesInTerm.Select(a => (a.Year, a.Count)));
        Assert.Equal([(2019, 3)], recessPerYear.Select(r => (r.Year, r.Count)));

        await Logs.DeleteAsync(TestCallers.CountyClerk, second);
        Assert.False(await ctx.DeputyYearTotals.AnyAsync(t => t.DeputyId == d.Id && t.Year == 2019 && t.CategoryCode == DutyCategory.CongressAbsence));
    }

    [Fact]
    public async Task ALargeImportUpdatesTheTotalsInItsTransactionAndTheNextReadRecomputesOnce()
    {
        await AddDeputiesAsync(ScoreQueries.IncrementalLimit);
        await PublishAsync(2019);
        var before = Builder.Recomputations;
        var csv = new StringBuilder("deputy_number,date,category,count,description,external_id\n");
        var random = new Random(5);
        // More deputies than the incremental limit: the import marks the year stale instead of rescoring each.
        foreach (var d in _deputies.Concat(_deputies))
        {
            csv.Append($"{d.Number},2019-0{1 + random.Next(9)}-1{random.Next(10)},{DutyCategory.All[random.Next(DutyCategory.All.Count)]},{1 + random.Next(3)},bulk,\n");
        }

        var result = await _db.Get<DutyLogImportService>().ImportAsync(TestCallers.CountyClerk, "bulk.csv", () => new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        await using (var ctx = await _db.Factory.CreateDbContextAsync())
        {
            Assert.True((await ctx.ScoreYearStates.SingleAsync(s => s.Year == 2019)).IsStale);
        }

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ReadBoardAsync()));
        Assert.Equal(before + 1, Builder.Recomputations);
        await AssertEqualsFullRecomputationAsync(2019);
    }

    /// <summary>More deputies in the demo term (raw rows: they are there before the year is first computed).</summary>
    private async Task AddDeputiesAsync(int count)
    {
        await using var connection = await _db.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        for (var i = 0; i < count; i++)
        {
            var town = _deputies[i % _deputies.Count];
            await using var cmd = SqlDialect.Of(connection).Command(connection, tx, """
                INSERT INTO Deputies (TermId, DeputyNumber, Name, Gender, Level, TownId, DelegationId, Status, IsStateOrganLeader)
                SELECT TermId, $number, $name, 'Male', 'Town', TownId, NULL, 'Active', FALSE FROM Deputies WHERE Id = $like
                """);
            SqlDialect.Add(cmd, "$number", $"X{i:0000}");
            SqlDialect.Add(cmd, "$name", $"extra {i}");
            SqlDialect.Add(cmd, "$like", town.Id);
            await cmd.ExecuteNonQueryAsync();
        }

        await tx.CommitAsync();
        _deputies = await DutyTestData.DeputiesAsync(_db);
    }

    private Task<PagedResult<RankingRow>> ReadBoardAsync() =>
        Scores.RankingAsync(TestCallers.CommitteeMember, 2019, new ListQuery(PageSize: 5), new RankingFilter());

    private async Task PublishAsync(int year) => await Scores.RankingAsync(TestCallers.CountyClerk, year, new ListQuery(PageSize: 1), new RankingFilter());

    private static DutyLogInput RandomInput(Random random, DutyTestData.DeputyRef d)
    {
        var year = Years[random.Next(Years.Length)];
        return DutyTestData.Input(d.Id, DutyCategory.All[random.Next(DutyCategory.All.Count)], 1 + random.Next(4),
            new DateOnly(year, 1 + random.Next(12), 1 + random.Next(28)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<DutyTestData.DeputyRef> DeputyOfLogAsync(long logId)
    {
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        var deputyId = await ctx.DutyLogs.Where(l => l.Id == logId).Select(l => l.DeputyId).SingleAsync();
        return _deputies.Single(d => d.Id == deputyId);
    }

    private async Task ImportAsync(Random random, int rows)
    {
        var csv = new StringBuilder("deputy_number,date,category,count,description,external_id\n");
        for (var i = 0; i < rows; i++)
        {
            var d = _deputies[random.Next(_deputies.Count)];
            csv.Append($"{d.Number},2019-0{1 + random.Next(9)}-{10 + random.Next(18)},{DutyCategory.All[random.Next(DutyCategory.All.Count)]},{1 + random.Next(3)},imported {random.Next()},\n");
        }

        var result = await _db.Get<DutyLogImportService>().ImportAsync(TestCallers.CountyClerk, "logs.csv", () => new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    /// <summary>The published generation and the totals against the C# rules over the approved logs, deputy by deputy.</summary>
    private async Task AssertEqualsFullRecomputationAsync(int year)
    {
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        var state = await ctx.ScoreYearStates.SingleAsync(s => s.Year == year);
        Assert.False(state.IsStale);
        var published = await ctx.ScoreSnapshots.Where(s => s.Year == year && s.Generation == state.Generation).ToDictionaryAsync(s => s.DeputyId);

        var logs = await ctx.DutyLogs.Where(l => l.Year == year && l.Status == DutyLogStatus.Approved)
            .Select(l => new { l.DeputyId, l.CategoryCode, l.Count }).ToListAsync();
        var totals = await ctx.DeputyYearTotals.Where(t => t.Year == year).Select(t => new { t.DeputyId, t.CategoryCode, t.Count }).ToListAsync();
        Assert.Equal(
            logs.GroupBy(l => (l.DeputyId, l.CategoryCode)).Select(g => (g.Key.DeputyId, g.Key.CategoryCode, g.Sum(l => l.Count))).Order(),
            totals.Select(t => (t.DeputyId, t.CategoryCode, t.Count)).Order());

        var rules = (await _db.Get<ScoringRuleService>().GetAsync(TestCallers.Admin, year)).Values;
        var deputies = await ctx.Deputies.Select(d => new DeputyFacts(d.Id, d.TownId, d.DelegationId)).ToListAsync();
        var reference = ScoreCalculator.ScoreYear(deputies, logs.ToLookup(l => l.DeputyId, l => new DeputyPerformance.Domain.Scoring.CategoryCount(l.CategoryCode, l.Count)), rules);
        Assert.Equal(reference.Count, published.Count);
        foreach (var expected in reference)
        {
            var actual = published[expected.DeputyId];
            Assert.Equal(
                (expected.DeputyId, expected.Score, expected.Grade, expected.RankCounty, expected.RankTown, expected.RankDelegation),
                (actual.DeputyId, actual.Score, actual.Grade, actual.RankCounty, actual.RankTown, actual.RankDelegation));
        }
    }
}
