using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Domain.Reports;
using DeputyPerformance.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Tests.Ballots;

public sealed class VoteServiceTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private int _townId;
    private int _deputyId;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(seedDemo: true);
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        var deputy = await ctx.Deputies.OrderBy(d => d.Id).FirstAsync();
        (_deputyId, _townId) = (deputy.Id, deputy.TownId);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private VoteService Votes => _db.Get<VoteService>();
    private Caller Clerk => TestCallers.TownClerk(_townId);
    private static Caller SecondClerk(int townId) => new("town.clerk2", Roles.TownClerk, TownId: townId);

    private async Task<(int ReportId, int VoteId)> HeldReportWithVoteAsync(VoteMode mode, int? deputyId = null)
    {
        var reports = _db.Get<ReportService>();
        var reportId = await reports.PlanAsync(Clerk, new ReportPlanInput { DeputyId = deputyId ?? _deputyId, PlannedDate = new DateOnly(2019, 5, 10) });
        await reports.RecordSessionAsync(Clerk, reportId, new ReportSessionInput { HeldOn = new DateOnly(2019, 5, 10), Attendance = 60, ReportText = "report" });
        return (reportId, await Votes.CreateAsync(Clerk, new VoteSubject(VoteKind.ConstituentReport, reportId), mode));
    }

    /// <summary>Both entries of one box, by two clerks, as the default rules require before confirmation.</summary>
    private async Task EnterTwiceAsync(int voteId, string box, TallyCounts counts)
    {
        await Votes.EnterBoxAsync(Clerk, voteId, 1, box, counts);
        await Votes.EnterBoxAsync(SecondClerk(_townId), voteId, 2, box, counts);
    }

    [Fact]
    public async Task ASecondEntryThatDiffersBlocksConfirmationUntilItMatches()
    {
        var (_, voteId) = await HeldReportWithVoteAsync(VoteMode.Paper);
        await Votes.EnterBoxAsync(Clerk, voteId, 1, "1", TallyCounts.From(30, 30, 0, 20, 5, 5));
        await Votes.EnterBoxAsync(SecondClerk(_townId), voteId, 2, "1", TallyCounts.From(30, 30, 0, 19, 6, 5));

        var detail = await Votes.GetAsync(Clerk, voteId);
        Assert.Equal(["Satisfied", "BasicallySatisfied"], detail.Differences.Select(d => d.Field));
        Assert.Equal("Vote_EntriesDiffer", (await Assert.ThrowsAsync<DomainException>(() => Votes.ConfirmAsync(Clerk, voteId))).Key);

        await Votes.EnterBoxAsync(SecondClerk(_townId), voteId, 2, "1", TallyCounts.From(30, 30, 0, 20, 5, 5));
        var result = await Votes.ConfirmAsync(Clerk, voteId);
        Assert.Equal(ReportBand.Competent, result.Band);
    }

    [Fact]
    public async Task TheYearsSavedRulesDecideTheBandAndOnlyAnAdministratorSavesThem()
    {
        var rules = _db.Get<SatisfactionRuleService>();
        var strict = new SatisfactionRulesInput { Year = 2019, CompetentFromPercent = 95 };
        await Assert.ThrowsAsync<AccessDeniedException>(() => rules.SaveAsync(TestCallers.CountyClerk, strict));
        await rules.SaveAsync(TestCallers.Admin, strict);
        var (_, voteId) = await HeldReportWithVoteAsync(VoteMode.Paper);
        await EnterTwiceAsync(voteId, "1", TallyCounts.From(60, 60, 0, 54, 0, 6));

        var result = await Votes.ConfirmAsync(Clerk, voteId);

        Assert.Equal(ReportBand.BasicallyCompetent, result.Band);
        Assert.True((await rules.GetAsync(2019)).IsSaved);
    }

    [Fact]
    public async Task TheSameClerkCannotMakeTheSecondEntry()
    {
        var (_, voteId) = await HeldReportWithVoteAsync(VoteMode.Paper);
        await Votes.EnterBoxAsync(Clerk, voteId, 1, "1", TallyCounts.From(30, 30, 0, 20, 5, 5));

        Assert.Equal("Vote_SecondEntrySameClerk",
            (await Assert.ThrowsAsync<DomainException>(() => Votes.EnterBoxAsync(Clerk, voteId, 2, "1", TallyCounts.From(30, 30, 0, 20, 5, 5)))).Key);
    }

    [Fact]
    public async Task AConfirmedResultIsLockedAndACorrectionNeedsAReasonAndIsAudited()
    {
        var (_, voteId) = await HeldReportWithVoteAsync(VoteMode.Paper);
        await EnterTwiceAsync(voteId, "A", TallyCounts.From(60, 60, 0, 50, 5, 5));
        await Votes.ConfirmAsync(Clerk, voteId);

        Assert.Equal("Vote_Locked", (await Assert.ThrowsAsync<DomainException>(() => Votes.EnterBoxAsync(Clerk, voteId, 1, "B", TallyCounts.From(1, 1, 0, 1, 0, 0)))).Key);
        Assert.Equal("Vote_ReasonRequired", (await Assert.ThrowsAsync<DomainException>(() => Votes.CorrectAsync(Clerk, voteId, TallyCounts.From(60, 60, 0, 49, 6, 5), " "))).Key);

        await Votes.CorrectAsync(Clerk, voteId, TallyCounts.From(60, 60, 0, 49, 6, 5), "box A recounted");

        await using var ctx = await _db.Factory.CreateDbContextAsync();
        Assert.Equal("box A recounted", (await ctx.VoteCorrections.SingleAsync()).Reason);
        Assert.True(await ctx.AuditEntries.AnyAsync(a => a.EntityType == nameof(SatisfactionVote) && a.Action == "Modified" && a.Changes.Contains("\"to\":49")));
    }

    [Fact]
    public async Task ARateBelowHalfFlagsAnExitReviewAndOverHalfDissatisfiedAsksForAPlanOnce()
    {
        var (reportId, voteId) = await HeldReportWithVoteAsync(VoteMode.Paper);
        await EnterTwiceAsync(voteId, "1", TallyCounts.From(60, 60, 0, 10, 10, 40));
        await Votes.ConfirmAsync(Clerk, voteId);
        await Votes.CorrectAsync(Clerk, voteId, TallyCounts.From(60, 60, 0, 10, 9, 41), "recount");

        await using var ctx = await _db.Factory.CreateDbContextAsync();
        var flag = await ctx.ExitFlags.SingleAsync();
        Assert.Equal((_deputyId, Domain.Exits.ExitRuleCodes.ReportSatisfactionLow, Domain.Exits.ExitFlagStatus.Open), (flag.DeputyId, flag.Rule, flag.Status));
        Assert.Contains("vote:" + voteId, flag.EvidenceRefs);
        var plan = await ctx.RectificationPlans.SingleAsync();
        Assert.Equal(_deputyId, plan.DeputyId);
    }

    [Fact]
    public async Task NoReportCanBePlannedForASuspendedDeputy()
    {
        await using (var ctx = await _db.Factory.CreateDbContextAsync())
        {
            var deputy = await ctx.Deputies.SingleAsync(d => d.Id == _deputyId);
            deputy.ChangeStatus(DeputyStatus.Suspended, new DateOnly(2019, 1, 1));
            await ctx.SaveChangesAsync();
        }

        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            _db.Get<ReportService>().PlanAsync(Clerk, new ReportPlanInput { DeputyId = _deputyId, PlannedDate = new DateOnly(2019, 6, 1) }));
        Assert.Equal("Report_DeputyNotActive", ex.Key);
    }

    [Fact]
    public async Task ASessionBelowTheMinimumAttendanceIsRefused()
    {
        var reports = _db.Get<ReportService>();
        var id = await reports.PlanAsync(Clerk, new ReportPlanInput { DeputyId = _deputyId, PlannedDate = new DateOnly(2019, 6, 1) });

        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            reports.RecordSessionAsync(Clerk, id, new ReportSessionInput { HeldOn = new DateOnly(2019, 6, 1), Attendance = 49 }));
        Assert.Equal("Report_AttendanceBelowMinimum", ex.Key);
    }

    [Fact]
    public async Task AnotherTownsClerkCannotRunTheVote()
    {
        var (_, voteId) = await HeldReportWithVoteAsync(VoteMode.Paper);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Votes.EnterBoxAsync(TestCallers.TownClerk(_townId + 1), voteId, 1, "1", TallyCounts.From(1, 1, 0, 1, 0, 0)));
    }

    [Fact]
    public async Task FiftySimultaneousCastsOfOneTokenRecordExactlyOneBallot()
    {
        var (_, voteId) = await HeldReportWithVoteAsync(VoteMode.Electronic);
        var code = (await Votes.GenerateTokensAsync(Clerk, voteId, 1)).Single();
        await Votes.OpenAsync(Clerk, voteId);
        var ballots = _db.Get<BallotService>();

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => ballots.CastAsync(code, SatisfactionOption.Satisfied))));

        Assert.Equal(1, results.Count(r => r == CastResult.Recorded));
        Assert.Equal(49, results.Count(r => r == CastResult.AlreadyVoted));
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        Assert.Equal(1, await ctx.ElectronicBallots.CountAsync(b => b.VoteId == voteId));
    }

    [Fact]
    public async Task FiftyVotersInParallelEachRecordTheirBallotAndResultsWaitForTheClose()
    {
        var (_, voteId) = await HeldReportWithVoteAsync(VoteMode.Electronic);
        var codes = await Votes.GenerateTokensAsync(Clerk, voteId, 50);
        await Votes.OpenAsync(Clerk, voteId);
        var ballots = _db.Get<BallotService>();

        var results = await Task.WhenAll(codes.Select((c, i) => Task.Run(() => ballots.CastAsync(c, i % 5 == 0 ? SatisfactionOption.Dissatisfied : SatisfactionOption.Satisfied))));

        Assert.All(results, r => Assert.Equal(CastResult.Recorded, r));
        Assert.Null((await Votes.GetAsync(Clerk, voteId)).Result);
        await Votes.CloseAsync(Clerk, voteId);
        Assert.Equal(CastResult.VotingClosed, await ballots.CastAsync(codes[0], SatisfactionOption.Satisfied));
        var result = await Votes.ConfirmAsync(SecondClerk(_townId), voteId);
        Assert.Equal((50, 40, 10), (result.Valid, result.Counts.Satisfied, result.Counts.Dissatisfied));
    }

    [Fact]
    public async Task AnUnknownCodeIsRefusedPolitely()
    {
        Assert.Equal(CastResult.InvalidCode, await _db.Get<BallotService>().CastAsync("NOTACODE", SatisfactionOption.Satisfied));
        Assert.Null(await _db.Get<BallotService>().PaperAsync("NOTACODE"));
    }

    [Fact]
    public async Task TheStoredRowsHoldNoLinkFromBallotToToken()
    {
        var (_, voteId) = await HeldReportWithVoteAsync(VoteMode.Electronic);
        var codes = await Votes.GenerateTokensAsync(Clerk, voteId, 3);
        await Votes.OpenAsync(Clerk, voteId);
        foreach (var code in codes) await _db.Get<BallotService>().CastAsync(code, SatisfactionOption.BasicallySatisfied);

        await using var connection = new SqliteConnection(_db.ConnectionString);
        await connection.OpenAsync();
        async Task<List<string>> ListAsync(string sql)
        {
            var list = new List<string>();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) list.Add(reader.GetString(0));
            return list;
        }

        Assert.Equal(["Id", "VoteId", "Sealed"], await ListAsync("SELECT name FROM pragma_table_info('ElectronicBallots')"));
        Assert.Contains("WITHOUT ROWID", (await ListAsync("SELECT sql FROM sqlite_master WHERE name = 'ElectronicBallots'")).Single());
        Assert.Equal(["CodeHash", "VoteId", "Used"], await ListAsync("SELECT name FROM pragma_table_info('VoteTokens')"));
        Assert.Contains("WITHOUT ROWID", (await ListAsync("SELECT sql FROM sqlite_master WHERE name = 'VoteTokens'")).Single());
        Assert.DoesNotContain(codes, c => ListAsync("SELECT CodeHash FROM VoteTokens").Result.Contains(c));
        Assert.Empty(await ListAsync("SELECT EntityType FROM AuditEntries WHERE EntityType IN ('VoteToken', 'ElectronicBallot')"));
        // A ballot's key is random: the order of the keys says nothing about the order of casting.
        Assert.All(await ListAsync("SELECT Id FROM ElectronicBallots"), id => Assert.True(Guid.TryParse(id, out var g) && g.Version == 4));
    }

    [Fact]
    public async Task CoverageSpreadsTheUnreportedOverTheRemainingYearsAndFlagsThemInTheLastYear()
    {
        var reports = _db.Get<ReportService>();
        await HeldReportWithVoteAsync(VoteMode.Paper);
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        var termId = await ctx.Terms.Select(t => t.Id).SingleAsync();

        var coverage = await reports.CoverageAsync(TestCallers.CountyClerk, termId, 2019);
        Assert.Equal((300, 1), (coverage.Deputies, coverage.Reported));
        Assert.Equal([2019, 2020, 2021], coverage.RemainingYears.Select(y => y.Year));
        Assert.Equal(299, coverage.RemainingYears.Sum(y => y.MustReport));
        Assert.Equal(100, coverage.RemainingYears[0].MustReport);
        Assert.DoesNotContain(coverage.Rows, r => r.Flagged);

        var last = await reports.CoverageAsync(TestCallers.CountyClerk, termId, 2021);
        Assert.Equal(299, last.Rows.Count(r => r.Flagged));
        Assert.False(last.Rows.Single(r => r.DeputyId == _deputyId).Flagged);
    }
}
