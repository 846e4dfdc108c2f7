using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Domain.Todos;

/// <summary>
/// What waits for the caller, as counts for the home page and the menu. A number is only given for work the
/// caller may do: logs to review for clerks (never the committee, which reads), votes the caller runs whose result
/// awaits confirmation, rectification plans past their due date in the caller's scope; for a deputy his rejected
/// logs (to fix or withdraw), his pending ones and his plans still to write.
/// </summary>
public sealed record TodoCounts(int LogsToReview, int VotesToConfirm, int OverduePlans, int OwnRejectedLogs, int OwnPendingLogs, int OwnPlansDue)
{
    public static readonly TodoCounts None = new(0, 0, 0, 0, 0, 0);

    public int Total => LogsToReview + VotesToConfirm + OverduePlans + OwnRejectedLogs + OwnPlansDue;
}

/// <summary>
/// The to-do counts by role and scope. Each is one COUNT query on a small or indexed set: pending logs through the
/// partial index of pending rows (town, date), votes and plans are tables of hundreds of rows.
/// </summary>
public sealed class TodoService(IDbContextFactory<DeputyDbContext> factory, TimeProvider clock)
{
    /// <summary>Committee members read and act on nothing that waits for them: they get no to-do list.</summary>
    public static bool HasTodos(Caller caller) => !caller.IsCommitteeMember;

    public async Task<TodoCounts> CountsAsync(Caller caller, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        if (caller.IsDeputy)
        {
            if (caller.DeputyId is not { } deputyId) return TodoCounts.None;
            var own = db.DutyLogs.Where(l => l.DeputyId == deputyId);
            return new TodoCounts(0, 0, 0,
                await own.CountAsync(l => l.Status == DutyLogStatus.Rejected, ct),
                await own.CountAsync(l => l.Status == DutyLogStatus.Pending, ct),
                await db.RectificationPlans.CountAsync(p => p.DeputyId == deputyId && p.SubmittedUtc == null, ct));
        }

        var runsVotes = caller.IsCountyStaff || (caller.IsTownClerk && caller.TownId is not null);
        if (!runsVotes) return TodoCounts.None;
        var townId = caller.IsCountyStaff ? (int?)null : caller.TownId;

        var pending = db.DutyLogs.Where(l => l.Status == DutyLogStatus.Pending);
        if (townId is { } t) pending = pending.Where(l => l.TownId == t);

        // Awaiting the clerk: a paper vote while its boxes are entered, an electronic one once closed or past its closing time.
        var now = clock.GetUtcNow().UtcDateTime;
        var votes = db.SatisfactionVotes.Where(v => (v.Mode == VoteMode.Paper && v.Status == VoteStatus.Open) || v.Status == VoteStatus.Closed
                                                    || (v.Mode == VoteMode.Electronic && v.Status == VoteStatus.Open && v.ClosesAtUtc != null && v.ClosesAtUtc <= now));
        if (townId is { } vt) votes = votes.Where(v => v.TownId == vt);

        var plans = from p in db.RectificationPlans
                    join d in db.Deputies on p.DeputyId equals d.Id
                    where p.SubmittedUtc == null && p.DueDate < today
                    select new { d.TownId };
        if (townId is { } pt) plans = plans.Where(p => p.TownId == pt);

        return new TodoCounts(await pending.CountAsync(ct), await votes.CountAsync(ct), await plans.CountAsync(ct), 0, 0, 0);
    }
}
