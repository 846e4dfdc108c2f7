using DeputyPerformance.Domain.Accounts;
using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Exits;
using DeputyPerformance.Domain.Reports;
using DeputyPerformance.Tests.Duties;
using DeputyPerformance.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Tests.Exits;

/// <summary>Flags follow the data in the writers' transactions; cases change the mandate and the sign-in; role and scope are checked.</summary>
public sealed class ExitServiceTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private DutyTestData.DeputyRef _deputy = null!;

    private DutyLogService Logs => _db.Get<DutyLogService>();
    private ExitCaseService Cases => _db.Get<ExitCaseService>();
    private static Caller Clerk => TestCallers.CountyClerk;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(seedDemo: true);
        _deputy = (await DutyTestData.DeputiesAsync(_db))[3];
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<List<ExitFlag>> FlagsAsync(int? deputyId = null)
    {
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        var id = deputyId ?? _deputy.Id;
        return await ctx.ExitFlags.AsNoTracking().Where(f => f.DeputyId == id).OrderBy(f => f.Id).ToListAsync();
    }

    private Task<long> AbsenceAsync(string date, string category = DutyCategory.CongressAbsence) =>
        Logs.RecordAsync(Clerk, DutyTestData.Input(_deputy.Id, category, 1, date));

    [Fact]
    public async Task TheSecondApprovedCongressAbsenceRaisesTheTerminationFlagAndReconcilingAgainDuplicatesNothing()
    {
        await AbsenceAsync("2017-03-01");
        Assert.Empty(await FlagsAsync());

        await AbsenceAsync("2018-03-02");
        await using (var ctx = await _db.Factory.CreateDbContextAsync())
        {
            var again = await _db.Get<ExitFlagService>().ReconcileAsync(ctx, [_deputy.Id], ExitReconcileReasons.Refresh, CancellationToken.None);
            Assert.Equal(new ExitReconcileResult(0, 0, 0), again);
        }

        await _db.Get<ExitFlagService>().RefreshAllAsync(Clerk);
        var flag = Assert.Single(await FlagsAsync());
        Assert.Equal((ExitRuleCodes.CongressAbsencesTerm, 2018, ExitTier.Red, ExitFlagStatus.Open), (flag.Rule, flag.Year, flag.Tier, flag.Status));
        Assert.Equal("2017-03-01; 2018-03-02", flag.Evidence);
    }

    [Fact]
    public async Task ACorrectedLogWithdrawsTheFlagWithTheReasonAndCorrectingItBackRaisesTheSameFlagAgain()
    {
        await AbsenceAsync("2017-03-01");
        var second = await AbsenceAsync("2018-03-02");

        await Logs.UpdateAsync(Clerk, second, DutyTestData.Input(_deputy.Id, DutyCategory.CongressLeaveHalfDay, 1, "2018-03-02"));
        var withdrawn = Assert.Single(await FlagsAsync());
        Assert.Equal((ExitFlagStatus.Withdrawn, ExitReconcileReasons.DutyLogsChanged), (withdrawn.Status, withdrawn.WithdrawReason));

        await Logs.UpdateAsync(Clerk, second, DutyTestData.Input(_deputy.Id, DutyCategory.CongressAbsence, 1, "2018-03-02"));
        var again = Assert.Single(await FlagsAsync());
        Assert.Equal((withdrawn.Id, ExitFlagStatus.Open), (again.Id, again.Status));
    }

    [Fact]
    public async Task ADeletedLogWithdrawsItsFlagAndARejectedSubmissionNeverRaisesOne()
    {
        await AbsenceAsync("2018-05-01", DutyCategory.RecessAbsence);
        var pending = await Logs.SubmitAsync(TestCallers.Deputy(_deputy.Id), DutyTestData.Input(_deputy.Id, DutyCategory.RecessAbsence, 1, "2018-06-01"));
        await Logs.RejectAsync(Clerk, pending, "not an absence");
        Assert.Empty(await FlagsAsync());

        var second = await AbsenceAsync("2018-07-01", DutyCategory.RecessAbsence);
        Assert.Equal(ExitFlagStatus.Open, Assert.Single(await FlagsAsync()).Status);

        await Logs.DeleteAsync(Clerk, second);
        Assert.Equal(ExitFlagStatus.Withdrawn, Assert.Single(await FlagsAsync()).Status);
    }

    [Fact]
    public async Task AReportVoteBelowHalfRaisesTheFlagAndItsCorrectionAboveHalfWithdrawsIt()
    {
        var town = TestCallers.TownClerk(_deputy.TownId);
        var second = new Caller("town.clerk2", Roles.TownClerk, TownId: _deputy.TownId);
        var reports = _db.Get<ReportService>();
        var votes = _db.Get<VoteService>();
        var reportId = await reports.PlanAsync(town, new ReportPlanInput { DeputyId = _deputy.Id, PlannedDate = new DateOnly(2019, 5, 10) });
        await reports.RecordSessionAsync(town, reportId, new ReportSessionInput { HeldOn = new DateOnly(2019, 5, 10), Attendance = 60, ReportText = "r" });
        var voteId = await votes.CreateAsync(town, new VoteSubject(VoteKind.ConstituentReport, reportId), VoteMode.Paper);
        var low = TallyCounts.From(60, 60, 0, 20, 9, 31);
        await votes.EnterBoxAsync(town, voteId, 1, "1", low);
        await votes.EnterBoxAsync(second, voteId, 2, "1", low);
        await votes.ConfirmAsync(town, voteId);
        var flag = Assert.Single(await FlagsAsync());
        Assert.Equal((ExitRuleCodes.ReportSatisfactionLow, 2019, ExitFlagStatus.Open, "29/60 = 48.33% < 50%"), (flag.Rule, flag.Year, flag.Status, flag.Evidence));

        await votes.CorrectAsync(town, voteId, TallyCounts.From(60, 60, 0, 20, 10, 30), "recount");

        Assert.Equal((ExitFlagStatus.Withdrawn, ExitReconcileReasons.VoteConfirmed), (Assert.Single(await FlagsAsync()).Status, Assert.Single(await FlagsAsync()).WithdrawReason));
    }

    [Fact]
    public async Task TheCommitteesTerminationEndsTheMandateAndTheDeputysSessionsAtOnce()
    {
        var user = (await _db.Get<UserManager<AppUser>>().FindByNameAsync("deputy"))!;
        var deputyId = user.DeputyId!.Value;
        var sessions = _db.Get<Sessions>();
        Assert.True(await sessions.IsValidAsync(user.Id, user.SecurityStamp));
        var caseId = await Cases.OpenByHandAsync(Clerk, deputyId, ExitGround.Conviction, "sentenced");

        await Cases.ActAsync(Clerk, caseId, new ExitActionInput { Action = ExitCaseAction.Terminate, Date = new DateOnly(2020, 6, 1), Note = "公告 2020-3" });

        await using var ctx = await _db.Factory.CreateDbContextAsync();
        var deputy = await ctx.Deputies.AsNoTracking().SingleAsync(d => d.Id == deputyId);
        Assert.Equal((DeputyStatus.Terminated, new DateOnly(2020, 6, 1), nameof(ExitOutcome.Terminated)),
            (deputy.Status, deputy.MandateEndedOn!.Value, deputy.MandateEndReason));
        var stamp = await ctx.Users.Where(u => u.Id == user.Id).Select(u => u.SecurityStamp).SingleAsync();
        Assert.NotEqual(user.SecurityStamp, stamp);
        Assert.False(await sessions.IsValidAsync(user.Id, user.SecurityStamp));
        Assert.Equal(ExitCaseState.Closed, (await Cases.GetAsync(Clerk, caseId)).State);
    }

    [Fact]
    public async Task ASuspensionBlocksReportPlanningAndOwnLogsUntilItIsRestored()
    {
        var town = TestCallers.TownClerk(_deputy.TownId);
        var detention = await Cases.RecordDetentionAsync(Clerk, _deputy.Id, new DateOnly(2019, 4, 1));
        var flag = Assert.Single(await FlagsAsync());
        Assert.Equal((ExitRuleCodes.Detention, ExitTier.Red), (flag.Rule, flag.Tier));
        var caseId = await Cases.OpenFromFlagAsync(Clerk, flag.Id, "detained");
        await Cases.ActAsync(Clerk, caseId, new ExitActionInput { Action = ExitCaseAction.Suspend, Date = new DateOnly(2019, 4, 1), Note = "art. 48" });

        Assert.Equal("Report_DeputyNotActive", (await Assert.ThrowsAsync<DomainException>(() =>
            _db.Get<ReportService>().PlanAsync(town, new ReportPlanInput { DeputyId = _deputy.Id, PlannedDate = new DateOnly(2019, 9, 1) }))).Key);
        await Assert.ThrowsAnyAsync<DomainException>(() => Logs.SubmitAsync(TestCallers.Deputy(_deputy.Id), DutyTestData.Input(_deputy.Id)));

        await Cases.RecordReleaseAsync(Clerk, detention, new DateOnly(2019, 5, 1), convicted: false);
        await Cases.ActAsync(Clerk, caseId, new ExitActionInput { Action = ExitCaseAction.Restore, Date = new DateOnly(2019, 5, 1), Note = "released" });

        await _db.Get<ReportService>().PlanAsync(town, new ReportPlanInput { DeputyId = _deputy.Id, PlannedDate = new DateOnly(2019, 9, 1) });
        await Logs.SubmitAsync(TestCallers.Deputy(_deputy.Id), DutyTestData.Input(_deputy.Id));
        var after = Assert.Single(await FlagsAsync());
        Assert.Equal((ExitFlagStatus.Withdrawn, ExitReconcileReasons.Released), (after.Status, after.WithdrawReason));
    }

    [Fact]
    public async Task ARecallIsDecidedByTheDistrictsRegisteredVotersKeptAsMasterData()
    {
        int districtId;
        await using (var ctx = await _db.Factory.CreateDbContextAsync())
        {
            districtId = await ctx.Deputies.Where(d => d.Id == _deputy.Id).Select(d => d.ElectoralDistrictId!.Value).SingleAsync();
        }

        var caseId = await Cases.OpenByHandAsync(Clerk, _deputy.Id, ExitGround.OrderedResignation, "voters' petition");
        await Cases.ActAsync(Clerk, caseId, new ExitActionInput { Action = ExitCaseAction.StartReview });
        await Cases.ActAsync(Clerk, caseId, new ExitActionInput { Action = ExitCaseAction.StartRecall, Yes = 60 });
        Assert.Equal("Exit_DistrictVotersUnknown", (await Assert.ThrowsAsync<DomainException>(() =>
            Cases.ActAsync(Clerk, caseId, new ExitActionInput { Action = ExitCaseAction.DecideRecall, Yes = 1201 }))).Key);

        var districts = _db.Get<Domain.Organization.ElectoralDistrictService>();
        var district = await districts.GetForEditAsync(Clerk, districtId);
        district.RegisteredVoters = 2400;
        await districts.SaveAsync(Clerk, district);
        await Cases.ActAsync(Clerk, caseId, new ExitActionInput { Action = ExitCaseAction.DecideRecall, Yes = 1200 });
        Assert.Equal(ExitCaseState.UnderReview, (await Cases.GetAsync(Clerk, caseId)).State);
        await Cases.ActAsync(Clerk, caseId, new ExitActionInput { Action = ExitCaseAction.StartRecall, Yes = 60 });
        await Cases.ActAsync(Clerk, caseId, new ExitActionInput { Action = ExitCaseAction.DecideRecall, Yes = 1201 });

        var view = await Cases.GetAsync(Clerk, caseId);
        Assert.Equal((ExitCaseState.Closed, ExitOutcome.Recalled, DeputyStatus.Terminated), (view.State, view.Outcome, view.DeputyStatus));
    }

    [Fact]
    public async Task ATownClerkSeesAndRunsOnlyTheCasesOfHisTownsTownDeputies()
    {
        var all = await DutyTestData.DeputiesAsync(_db);
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        var townDeputy = await ctx.Deputies.AsNoTracking().FirstAsync(d => d.Level == DeputyLevel.Town);
        var countyDeputy = await ctx.Deputies.AsNoTracking().FirstAsync(d => d.Level == DeputyLevel.County && d.TownId == townDeputy.TownId);
        var otherTown = all.First(d => d.TownId != townDeputy.TownId).TownId;
        var clerk = TestCallers.TownClerk(townDeputy.TownId);
        var stranger = TestCallers.TownClerk(otherTown);

        var own = await Cases.OpenByHandAsync(clerk, townDeputy.Id, ExitGround.MovedAway, "moved to another county");
        await Assert.ThrowsAsync<AccessDeniedException>(() => Cases.OpenByHandAsync(clerk, countyDeputy.Id, ExitGround.MovedAway, "moved"));
        await Assert.ThrowsAsync<NotFoundException>(() => Cases.GetAsync(stranger, own));
        await Assert.ThrowsAsync<NotFoundException>(() => Cases.ActAsync(stranger, own, new ExitActionInput { Action = ExitCaseAction.Dismiss, Note = "x" }));
        Assert.DoesNotContain(own, (await Cases.ListCasesAsync(stranger, new ListQuery(), new ExitBoardFilter())).Items.Select(c => c.Id));
        Assert.Contains(own, (await Cases.ListCasesAsync(clerk, new ListQuery(), new ExitBoardFilter())).Items.Select(c => c.Id));
        Assert.Empty((await Cases.GetAsync(TestCallers.CommitteeMember, own)).Actions);
        Assert.Contains(ExitCaseAction.Dismiss, (await Cases.GetAsync(clerk, own)).Actions);
    }

    [Fact]
    public async Task OnlyTheDeputyHimselfFilesHisDefenceAndTheClerkCannot()
    {
        var caseId = await Cases.OpenByHandAsync(Clerk, _deputy.Id, ExitGround.MovedAway, "moved");
        await Cases.ActAsync(Clerk, caseId, new ExitActionInput { Action = ExitCaseAction.StartReview });

        await Assert.ThrowsAsync<AccessDeniedException>(() => Cases.ActAsync(Clerk, caseId, new ExitActionInput { Action = ExitCaseAction.FileDefence, Note = "x" }));
        var deputy = TestCallers.Deputy(_deputy.Id);
        Assert.Equal([ExitCaseAction.FileDefence], (await Cases.GetAsync(deputy, caseId)).Actions);
        await Cases.ActAsync(deputy, caseId, new ExitActionInput { Action = ExitCaseAction.FileDefence, Note = "I still live here", Documents = "lease.pdf" });

        Assert.Equal("I still live here", (await Cases.GetAsync(Clerk, caseId)).DefenceText);
        Assert.Single((await Cases.MineAsync(deputy)).Cases);
    }

    [Fact]
    public async Task ARuleChangeBringsTheFlagsUpToDateAndOnlyAnAdministratorSavesTheRules()
    {
        await AbsenceAsync("2017-03-01");
        await AbsenceAsync("2018-03-02");
        var rules = _db.Get<ExitRuleService>();
        var strict = new ExitRulesInput { Year = 2018, CongressAbsencesPerTerm = 3 };
        await Assert.ThrowsAsync<AccessDeniedException>(() => rules.SaveAsync(Clerk, strict));
        Assert.Equal(ExitFlagStatus.Open, Assert.Single(await FlagsAsync()).Status);

        await rules.SaveAsync(TestCallers.Admin, strict);

        var flag = Assert.Single(await FlagsAsync());
        Assert.Equal((ExitFlagStatus.Withdrawn, ExitReconcileReasons.RulesChanged), (flag.Status, flag.WithdrawReason));
        Assert.True((await rules.GetAsync(2018)).IsSaved);
    }

    [Fact]
    public async Task TheDeputyFormNoLongerChangesAStatus()
    {
        var service = _db.Get<DeputyService>();
        var input = await service.GetForEditAsync(Clerk, _deputy.Id);
        input.Status = DeputyStatus.Terminated;
        input.StatusSince = new DateOnly(2020, 1, 1);

        Assert.Equal("Deputy_StatusOnlyThroughCase", (await Assert.ThrowsAsync<DomainException>(() => service.SaveAsync(Clerk, input))).Key);
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        Assert.Equal(DeputyStatus.Active, await ctx.Deputies.Where(d => d.Id == _deputy.Id).Select(d => d.Status).SingleAsync());
    }
}
