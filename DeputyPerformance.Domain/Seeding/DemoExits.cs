using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Exits;
using DeputyPerformance.Domain.Organization;
using DeputyPerformance.Domain.Persistence;
using DeputyPerformance.Domain.Scoring;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Domain.Seeding;

/// <summary>
/// Demo deputies who meet each exit rule, so the exit board has data: two congress absences in the term (red), two
/// recess absences in a year (bottom), poor two years running (bottom), a detention (red); one case under review.
/// Logs are added inside the seeding transaction before the yearly totals are summed; the flags follow once the scores
/// exist (<see cref="RaiseFlagsAsync"/>).
/// </summary>
internal static class DemoExits
{
    /// <summary>The demo deputies (by position in the roster) for each rule.</summary>
    private const int CongressAbsent = 10, RecessAbsent = 11, Poor = 12, Detained = 13;

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
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Scores every year of the term, brings the flags up to date and opens a case on the termination flag.</summary>
    public static async Task RaiseFlagsAsync(IDbContextFactory<DeputyDbContext> factory, ScoreService scores, ExitFlagService flags,
        ExitCaseService cases, Term term, CancellationToken ct)
    {
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
}
