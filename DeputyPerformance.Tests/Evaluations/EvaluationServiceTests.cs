using System.Text;
using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Departments;
using DeputyPerformance.Domain.Evaluations;
using DeputyPerformance.Domain.Scoring;
using DeputyPerformance.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Tests.Evaluations;

/// <summary>The evaluation use cases on the demo county (term 2016-2021, 30 departments, 35 committee members; 18 demo evaluations in 2019-2021).</summary>
public sealed class EvaluationServiceTests(SeededDatabase fx) : IClassFixture<SeededDatabase>
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4 demo document");

    private EvaluationService Service => fx.Get<EvaluationService>();

    private async Task<int> NewDepartmentAsync(string name) =>
        await fx.Get<GovernmentDepartmentService>().SaveAsync(TestCallers.Admin, new GovernmentDepartmentInput { Name = name + Guid.NewGuid().ToString("N")[..6] });

    private async Task<int> PlannedAsync(int year, string name = "测试局")
    {
        var department = await NewDepartmentAsync(name);
        var result = await Service.SelectAsync(TestCallers.CountyClerk, year, [department], acknowledgeWarnings: true);
        Assert.True(result.Saved);
        await using var db = await fx.Db.Factory.CreateDbContextAsync();
        return await db.DepartmentEvaluations.Where(e => e.DepartmentId == department && e.Year == year).Select(e => e.Id).SingleAsync();
    }

    private async Task ToHearingAsync(int id)
    {
        for (var i = 0; i < 3; i++) await Service.ActAsync(TestCallers.CountyClerk, id, EvaluationAction.CompletePhase, new EvaluationStepInput());
    }

    /// <summary>Holds the evaluation's vote on the shared engine: paper, entered by two clerks, confirmed with those present.</summary>
    private async Task<VoteOutcome> VoteAsync(int evaluationId, int present, int s, int b, int d, int? returned = null)
    {
        var votes = fx.Get<VoteService>();
        var voteId = await votes.CreateAsync(TestCallers.CountyClerk, new VoteSubject(VoteKind.DepartmentEvaluation, evaluationId), VoteMode.Paper);
        var counts = TallyCounts.From(present, returned ?? s + b + d, 0, s, b, d);
        await votes.EnterBoxAsync(TestCallers.CountyClerk, voteId, 1, "1", counts);
        await votes.EnterBoxAsync(TestCallers.Admin, voteId, 2, "1", counts);
        return await votes.ConfirmAsync(TestCallers.CountyClerk, voteId, present);
    }

    [Fact]
    public async Task ADepartmentAlreadyEvaluatedInTheTermIsOnlyAddedAfterTheWarningIsAcknowledged()
    {
        var department = await NewDepartmentAsync("重复局");
        Assert.True((await Service.SelectAsync(TestCallers.CountyClerk, 2017, [department], acknowledgeWarnings: false)).Saved);

        var warned = await Service.SelectAsync(TestCallers.CountyClerk, 2018, [department], acknowledgeWarnings: false);
        Assert.False(warned.Saved);
        Assert.Contains(warned.Warnings, w => w.Contains("2017"));
        Assert.DoesNotContain((await Service.HistoryAsync(TestCallers.CommitteeMember, department)).Evaluations, e => e.Year == 2018);

        var saved = await Service.SelectAsync(TestCallers.CountyClerk, 2018, [department], acknowledgeWarnings: true);
        Assert.True(saved.Saved);
        Assert.Equal([2018, 2017], (await Service.HistoryAsync(TestCallers.CommitteeMember, department)).Evaluations.Select(e => e.Year));
    }

    [Fact]
    public async Task PlanningBeyondTheRuleSetsMaximumWarns()
    {
        // 2021 already holds the six demo evaluations; the default maximum is 7.
        var a = await NewDepartmentAsync("超额甲");
        var b = await NewDepartmentAsync("超额乙");

        var warned = await Service.SelectAsync(TestCallers.CountyClerk, 2021, [a, b], acknowledgeWarnings: false);

        Assert.False(warned.Saved);
        Assert.Contains(warned.Warnings, w => w.Contains('7'));
    }

    [Fact]
    public async Task CoverageSpreadsTheDepartmentsStillDueOverTheRemainingYearsWithThePlanner()
    {
        var coverage = await Service.CoverageAsync(TestCallers.CommitteeMember, 2020);

        var due = coverage.Rows.Count(r => r.Due);
        Assert.Equal(coverage.Departments - coverage.Covered, due);
        Assert.Equal(CoveragePlanner.Spread(due, [2020, 2021]), coverage.RemainingYears);
        Assert.InRange(coverage.PlannedThisYear, 6, coverage.Departments);
        Assert.DoesNotContain(coverage.Rows, r => r.Flagged);
        Assert.All((await Service.CoverageAsync(TestCallers.CommitteeMember, 2021)).Rows.Where(r => r.Due), r => Assert.True(r.Flagged));
    }

    [Fact]
    public async Task ADepartmentMovesThroughEveryPhaseWithADocumentRectificationAndRevote()
    {
        var id = await PlannedAsync(2018);
        await Service.PlanPhaseAsync(TestCallers.CountyClerk, id, new PhasePlanInput { Phase = EvaluationPhase.Publicity, PlannedEnd = new DateOnly(2018, 3, 10), Responsible = "李主任" });
        var documentId = await Service.AddDocumentAsync(TestCallers.CountyClerk, id, EvaluationPhase.Publicity, "公告.pdf", new MemoryStream(Pdf));
        await ToHearingAsync(id);

        var first = await VoteAsync(id, 20, 4, 8, 8);
        Assert.Equal(DepartmentGrade.Dissatisfied, first.Grade);
        var feedback = await Service.GetAsync(TestCallers.CommitteeMember, id);
        Assert.Equal(EvaluationPhase.FeedbackAndPublication, feedback.Phase);
        Assert.Empty(feedback.AllowedActions);
        Assert.Equal([EvaluationAction.Publish], (await Service.GetAsync(TestCallers.CountyClerk, id)).AllowedActions);

        await Service.ActAsync(TestCallers.CountyClerk, id, EvaluationAction.Publish, new EvaluationStepInput { On = new DateOnly(2018, 7, 10) });
        var rectifying = await Service.GetAsync(TestCallers.CountyClerk, id);
        Assert.Equal(EvaluationPhase.Rectification, rectifying.Phase);
        Assert.Equal(new DateOnly(2018, 10, 10), rectifying.RectificationDue);
        Assert.True(rectifying.RectificationOverdue);

        await Service.ActAsync(TestCallers.CountyClerk, id, EvaluationAction.ReceiveRectificationReport, new EvaluationStepInput { On = new DateOnly(2018, 10, 1) });
        await Service.ActAsync(TestCallers.CountyClerk, id, EvaluationAction.StartRevote, new EvaluationStepInput());
        var revote = await VoteAsync(id, 20, 6, 12, 2);

        var closed = await Service.GetAsync(TestCallers.CountyClerk, id);
        Assert.Equal(DepartmentGrade.BasicallySatisfied, revote.Grade);
        Assert.All(closed.Votes, v => Assert.NotNull(v.VoteId));
        Assert.Equal((35, 20), (closed.Votes[0].Members!.Value, closed.Votes[0].Present!.Value));
        Assert.Equal(EvaluationPhase.Closed, closed.Phase);
        Assert.Equal(EvaluationOutcome.BasicallySatisfied, closed.RevoteGrade);
        Assert.Equal([EvaluationRound.Hearing, EvaluationRound.Revote], closed.Votes.Select(v => v.Round));
        Assert.Equal("李主任", closed.Phases.Single(p => p.Phase == EvaluationPhase.Publicity).Responsible);
        var document = closed.Documents.Single();
        Assert.Equal(documentId, document.Id);
        Assert.Equal("application/pdf", document.ContentType);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Pdf)), document.Sha256);
        var (_, content) = await Service.OpenDocumentAsync(TestCallers.CommitteeMember, documentId);
        await using (content)
        {
            var copy = new MemoryStream();
            await content.CopyToAsync(copy);
            Assert.Equal(Pdf, copy.ToArray());
        }
    }

    [Fact]
    public async Task AVoidDepartmentVoteStaysVoidAndIsHeldAgain()
    {
        var id = await PlannedAsync(2019);
        await ToHearingAsync(id);

        var void_ = await VoteAsync(id, 20, 21, 0, 0, returned: 21);
        var afterVoid = await Service.GetAsync(TestCallers.CountyClerk, id);
        var again = await VoteAsync(id, 20, 18, 2, 0);

        Assert.True(void_.IsVoid);
        Assert.Equal(EvaluationPhase.HearingAndVote, afterVoid.Phase);
        Assert.Contains(EvaluationAction.HoldVote, afterVoid.AllowedActions);
        Assert.Null(afterVoid.Grade);
        var detail = await Service.GetAsync(TestCallers.CountyClerk, id);
        Assert.Equal(DepartmentGrade.Satisfied, again.Grade);
        Assert.Equal([EvaluationOutcome.Void, EvaluationOutcome.Satisfied], detail.Votes.Select(v => v.Outcome!.Value));
        Assert.Equal(EvaluationOutcome.Satisfied, detail.Grade);
    }

    [Fact]
    public async Task WithTheRegistrysThirtyFiveMembersSeventeenPresentIsRefusedAndEighteenIsGraded()
    {
        var id = await PlannedAsync(2019);
        await ToHearingAsync(id);

        var refused = await Assert.ThrowsAsync<DomainException>(() => VoteAsync(id, 17, 17, 0, 0));
        var pending = await Service.GetAsync(TestCallers.CountyClerk, id);
        Assert.Equal("Ballot_NoQuorum", refused.Key);
        Assert.Equal(EvaluationPhase.HearingAndVote, pending.Phase);
        Assert.Equal(35, pending.CommitteeMembers);
        Assert.Empty(pending.AllowedActions);
        var voteId = pending.Votes.Single().VoteId!.Value;
        var accepted = await fx.Get<VoteService>().ConfirmAsync(TestCallers.CountyClerk, voteId, 18);

        // 17 satisfied of all 35 members is less than half: the denominator is the whole committee.
        Assert.Equal(DepartmentGrade.Dissatisfied, accepted.Grade);
        Assert.Equal(EvaluationPhase.FeedbackAndPublication, (await Service.GetAsync(TestCallers.CountyClerk, id)).Phase);
    }

    [Fact]
    public async Task ASecondVoteIsRefusedWhileOneIsPendingAndNoVoteIsHeldOutsideTheVotePhases()
    {
        var id = await PlannedAsync(2019);
        var votes = fx.Get<VoteService>();
        var subject = new VoteSubject(VoteKind.DepartmentEvaluation, id);

        Assert.Equal("Evaluation_ActionNotAllowed", (await Assert.ThrowsAsync<DomainException>(() => votes.CreateAsync(TestCallers.CountyClerk, subject, VoteMode.Paper))).Key);
        await ToHearingAsync(id);
        await Assert.ThrowsAsync<AccessDeniedException>(() => votes.CreateAsync(TestCallers.CommitteeMember, subject, VoteMode.Paper));
        await votes.CreateAsync(TestCallers.CountyClerk, subject, VoteMode.Paper);
        Assert.Equal("Evaluation_VotePending", (await Assert.ThrowsAsync<DomainException>(() => votes.CreateAsync(TestCallers.CountyClerk, subject, VoteMode.Paper))).Key);
    }

    [Fact]
    public async Task ACorrectedGradeReplacesTheConsequencesUntilTheResultIsPublished()
    {
        var id = await PlannedAsync(2019);
        await ToHearingAsync(id);
        await VoteAsync(id, 20, 4, 8, 8);
        var voteId = (await Service.GetAsync(TestCallers.CountyClerk, id)).Votes.Single().VoteId!.Value;
        var votes = fx.Get<VoteService>();

        await votes.CorrectAsync(TestCallers.CountyClerk, voteId, TallyCounts.From(20, 20, 0, 18, 2, 0), "box 1 misread");
        var corrected = await Service.GetAsync(TestCallers.CountyClerk, id);
        Assert.Equal(EvaluationOutcome.Satisfied, corrected.Grade);
        Assert.False(corrected.RectificationRequired);
        Assert.Equal(EvaluationOutcome.Satisfied, corrected.Votes.Single().Outcome);

        await Service.ActAsync(TestCallers.CountyClerk, id, EvaluationAction.Publish, new EvaluationStepInput());
        var late = await Assert.ThrowsAsync<DomainException>(() => votes.CorrectAsync(TestCallers.CountyClerk, voteId, TallyCounts.From(20, 20, 0, 2, 2, 16), "again"));
        Assert.Equal("Evaluation_CorrectionTooLate", late.Key);
        Assert.Equal(EvaluationOutcome.Satisfied, (await Service.GetAsync(TestCallers.CountyClerk, id)).Grade);
    }

    [Fact]
    public async Task CommitteeMembersReadButOnlyCountyStaffRunAndTownClerksAndDeputiesSeeNothingButThePublicPage()
    {
        var (town, _) = await fx.TownsAsync();
        var id = await PlannedAsync(2019);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.ActAsync(TestCallers.CommitteeMember, id, EvaluationAction.CompletePhase, new EvaluationStepInput()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.SelectAsync(TestCallers.CommitteeMember, 2019, [1], true));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.GetAsync(TestCallers.TownClerk(town), id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.BoardAsync(TestCallers.Deputy(1), 2019, new ListQuery()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.ExportRowsAsync(TestCallers.TownClerk(town), 2019));
        Assert.Empty((await Service.GetAsync(TestCallers.CommitteeMember, id)).AllowedActions);
        Assert.NotEmpty((await Service.BoardAsync(TestCallers.CommitteeMember, 2019, new ListQuery())).Items);
    }

    [Fact]
    public async Task ThePublicPageShowsAGradeOnlyAfterPublication()
    {
        var id = await PlannedAsync(2020, "公开局");
        await ToHearingAsync(id);
        await VoteAsync(id, 20, 18, 2, 0);
        var name = (await Service.GetAsync(TestCallers.CountyClerk, id)).DepartmentName;

        var before = (await Service.PublicResultsAsync(2020)).Single(r => r.DepartmentName == name);
        await Service.ActAsync(TestCallers.CountyClerk, id, EvaluationAction.Publish, new EvaluationStepInput { On = new DateOnly(2020, 7, 1) });
        var after = (await Service.PublicResultsAsync(2020)).Single(r => r.DepartmentName == name);

        Assert.Null(before.Grade);
        Assert.False(before.Published);
        Assert.Equal(EvaluationOutcome.Satisfied, after.Grade);
        Assert.True(after.Published);
    }

    [Fact]
    public async Task TheBoardShowsPhaseNextDateOverdueAndGradeSortedInTheDatabase()
    {
        var board = await Service.BoardAsync(TestCallers.CountyClerk, 2021, new ListQuery(0, 50, nameof(EvaluationBoardRow.DepartmentName)));

        Assert.Equal(board.Items.Select(r => r.DepartmentName).Order(StringComparer.Ordinal), board.Items.Select(r => r.DepartmentName));
        Assert.Contains(board.Items, r => r.Phase == EvaluationPhase.Publicity && r.Overdue && r.NextDate == new DateOnly(2021, 3, 14));
        Assert.Contains(board.Items, r => r.Phase == EvaluationPhase.Rectification && r.Grade == EvaluationOutcome.Dissatisfied);
        var overdue = await Service.BoardAsync(TestCallers.CountyClerk, 2021, new ListQuery(), onlyOverdue: true);
        Assert.All(overdue.Items, r => Assert.True(r.Overdue));
    }

    [Fact]
    public async Task TheExportHasTheContractColumnsAndCodes()
    {
        var rows = await Service.ExportRowsAsync(TestCallers.CountyClerk, 2019);
        var csv = new MemoryStream();
        await EvaluationSheet.WriteAsync(csv, rows, ScoreSheetFormat.Csv, ScoreSheetHeaders.Contract);
        var lines = Encoding.UTF8.GetString(csv.ToArray()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.Equal("department,year,phase,vote_date,members,present,satisfied,basically_satisfied,dissatisfied,invalid,grade,rectification_due,rectification_reported,revote_grade", lines[0]);
        var revoted = rows.Single(r => r.RevoteGrade is not null && r.Department.Length > 0 && r.Grade == EvaluationOutcome.Dissatisfied && r.Members == 35);
        Assert.Contains(lines, l => l.StartsWith(revoted.Department + ",2019,closed,2019-06-20,35,30,6,8,16,0,dissatisfied,2019-10-10,2019-09-30,basically-satisfied", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryStepIsAudited()
    {
        var id = await PlannedAsync(2019);
        var last = await fx.LastAuditIdAsync();

        await Service.ActAsync(TestCallers.CountyClerk, id, EvaluationAction.CompletePhase, new EvaluationStepInput());

        var entries = await fx.AuditSinceAsync(last);
        Assert.Contains(entries, a => a.EntityType == nameof(DepartmentEvaluation) && a.UserName == "county.clerk" && a.Changes.Contains("SelfCheck"));
    }

    [Fact]
    public async Task ADocumentThatIsNotAPdfOrImageIsRefusedAndNothingIsRecorded()
    {
        var id = await PlannedAsync(2019);

        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            Service.AddDocumentAsync(TestCallers.CountyClerk, id, EvaluationPhase.Publicity, "x.pdf", new MemoryStream("MZ not a pdf"u8.ToArray())));

        Assert.Equal("Evidence_TypeNotAllowed", ex.Key);
        Assert.Empty((await Service.GetAsync(TestCallers.CountyClerk, id)).Documents);
    }

    [Fact]
    public async Task TheRulesOfAYearWithoutAStoredSetAreTheDefaultsAndOnlyTheAdministratorSavesThem()
    {
        var rules = fx.Get<EvaluationRuleService>();
        var (defaults, saved) = await rules.GetAsync(2017);
        Assert.False(saved);
        Assert.Equal((6, 7, 3, true), (defaults.MinDepartments, defaults.MaxDepartments, defaults.RectificationMonths, defaults.BasicRecommendsRectification));

        defaults.RectificationMonths = 2;
        await Assert.ThrowsAsync<AccessDeniedException>(() => rules.SaveAsync(TestCallers.CountyClerk, defaults));
        await rules.SaveAsync(TestCallers.Admin, defaults);
        var id = await PlannedAsync(2017);
        await ToHearingAsync(id);
        await VoteAsync(id, 20, 4, 8, 8);
        await Service.ActAsync(TestCallers.CountyClerk, id, EvaluationAction.Publish, new EvaluationStepInput { On = new DateOnly(2017, 7, 10) });

        Assert.Equal(new DateOnly(2017, 9, 10), (await Service.GetAsync(TestCallers.CountyClerk, id)).RectificationDue);
        Assert.True((await rules.GetAsync(2017)).IsSaved);
    }
}
