using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Exits;
using DeputyPerformance.Domain.Organization;
using DeputyPerformance.Domain.Persistence;
using DeputyPerformance.Domain.Scoring;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Domain.Seeding;

/// <summary>
/// Demo deputies who meet each exit rule, so the exit board has data in every tier: two congress absences in the term
/// (red), two recess absences in a year (bottom), poor two years running (bottom), a detention (red), a held report whose
/// confirmed vote is below the threshold (bottom), one poor year in a year whose rules switch the warning talk on
/// (defence); one case under review.
/// Logs are added inside the seeding transaction before the yearly totals are summed; the flags follow once the scores
/// exist (<see cref="RaiseFlagsAsync"/>).
/// </summary>
internal static class DemoExits
{
    /// <summary>The demo deputies (by position in the roster) for each rule.</summary>
    private const int CongressAbsent = 10, RecessAbsent = 11, Poor = 12, Detained = 13, LowReport = 14, Warned = 15;

    public static async Task AddLogsAsync(DeputyDbContext db, Term term, string description, CancellationToken ct)
    {
        var deputies = await db.Deputies.OrderBy(d => d.Id).Select(d => new { d.Id, d.TownId }).ToListAsync(ct);
        var at = DateTime.UtcNow;
        void Add(int index, string code, DateOnly date, int count = 1) => db.DutyLogs.Add(DutyLog.RecordByClerk(deputies[index].Id, deputies[index].TownId,
            date, code, count, null, null, description, "seed-demo", at));

        Add(CongressAbsent, DutyCategory.CongressAbsence, new DateOnly(term.StartYear + 1, 3, 2));
        Add(CongressAbsent, DutyCategory.CongressAbsence, new DateOnly(term.StartYear + 3, 3, 3));
        Add(RecessAbsent, DutyCategory.RecessAbsence, new DateOnly(term.StartYear + 4, 4, 10));
        Add(RecessAbsent, DutyCategory.RecessAbsence, new DateOnly(term.StartYear + 4, 9, 18));
        Add(Poor, DutyCategory.CongressLeaveHalfDay, new DateOnly(term.StartYear + 2, 3, 4), 30);
        Add(Poor, DutyCategory.CongressLeaveHalfDay, new DateOnly(term.StartYear + 3, 3, 4), 30);
        db.ExitDetentions.Add(new ExitDetention(deputies[Detained].Id, new DateOnly(term.EndYear, 2, 20), "seed-demo", at));
        // The defence line: the second year's rules call a warning talk after one poor year.
        Add(Warned, DutyCategory.CongressLeaveHalfDay, new DateOnly(term.StartYear + 1, 3, 4), 30);
        db.ExitRuleSets.Add(new ExitRuleSet(term.StartYear + 1) { WarningTalkPoorYears = 1 });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Scores every year of the term, brings the flags up to date and opens a case on the termination flag.</summary>
    public static async Task RaiseFlagsAsync(IDbContextFactory<DeputyDbContext> factory, ScoreService scores, ExitFlagService flags,
        ExitCaseService cases, Reports.ReportService reports, Ballots.VoteService votes, Term term, string reportText, CancellationToken ct)
    {
        await LowReportAsync(factory, reports, votes, term, reportText, ct);
        for (var year = term.StartYear; year <= term.EndYear; year++)
        {
            await scores.RankingAsync(Caller.System, year, new ListQuery(0, 1), new RankingFilter(), ct);
        }

        await flags.RefreshAllAsync(Caller.System, ExitReconcileReasons.Refresh, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var flag = await db.ExitFlags.AsNoTracking().FirstOrDefaultAsync(f => f.Rule == ExitRuleCodes.CongressAbsencesTerm && f.Status == ExitFlagStatus.Open, ct);
        if (flag is null) return;
        var caseId = await cases.OpenFromFlagAsync(Caller.System, flag.Id, flag.Evidence, ct);
        await cases.ActAsync(Caller.System, caseId, new ExitActionInput { Action = ExitCaseAction.StartReview }, null, ct);
    }

    /// <summary>
    /// A report held and voted on paper, entered twice (two clerks) and confirmed: 29 of 60 valid ballots satisfied or
    /// basically satisfied, 48.33% below the default 50% (the vote's confirmation raises the flag in its transaction).
    /// </summary>
    private static async Task LowReportAsync(IDbContextFactory<DeputyDbContext> factory, Reports.ReportService reports, Ballots.VoteService votes,
        Term term, string reportText, CancellationToken ct)
    {
        int deputyId;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            deputyId = await db.Deputies.OrderBy(d => d.Id).Skip(LowReport).Select(d => d.Id).FirstAsync(ct);
        }

        var held = new DateOnly(term.StartYear + 3, 5, 10);
        var reportId = await reports.PlanAsync(Caller.System, new Reports.ReportPlanInput { DeputyId = deputyId, PlannedDate = held }, ct);
        await reports.RecordSessionAsync(Caller.System, reportId, new Reports.ReportSessionInput { HeldOn = held, Attendance = 60, ReportText = reportText, ResultAnnounced = true }, ct);
        var voteId = await votes.CreateAsync(Caller.System, new Ballots.VoteSubject(Ballots.VoteKind.ConstituentReport, reportId), Ballots.VoteMode.Paper, null, ct);
        var counts = Ballots.TallyCounts.From(60, 60, 0, 20, 9, 31);
        await votes.EnterBoxAsync(Caller.System, voteId, 1, "1", counts, ct);
        await votes.EnterBoxAsync(Caller.System with { UserName = "seed-demo" }, voteId, 2, "1", counts, ct);
        await votes.ConfirmAsync(Caller.System, voteId, null, false, ct);
    }
}
