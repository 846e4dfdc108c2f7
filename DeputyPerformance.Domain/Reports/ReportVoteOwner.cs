using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Reports;

/// <summary>
/// Reports own the votes on constituent reports: a vote is held on a held session, again only after a void one, with
/// no more codes than the session's attendance; a confirmed result raises the year's consequences once each.
/// </summary>
public sealed class ReportVoteOwner(ILogger<ReportVoteOwner> logger) : IVoteSubjectOwner
{
    public VoteKind Kind => VoteKind.ConstituentReport;

    public async Task<VoteSubjectInfo> PrepareVoteAsync(DeputyDbContext db, Caller caller, int subjectId, CancellationToken ct)
    {
        var report = await db.ConstituentReports.Include(r => r.Deputy).FirstOrDefaultAsync(r => r.Id == subjectId, ct) ?? throw new NotFoundException();
        Guard.Allow(VotePolicy.CanRun(caller, report.TownId), caller, "Vote.Create", logger, subjectId);
        if (report.Status == ReportStatus.Cancelled) throw new DomainException("Report_Cancelled");
        if (report.Status != ReportStatus.Held) throw new DomainException("Report_NotHeld");
        if (report.VoteId is { } current)
        {
            var last = await db.SatisfactionVotes.AsNoTracking().FirstAsync(v => v.Id == current, ct);
            if (last.Status != VoteStatus.Confirmed) throw new DomainException("Vote_Pending");
            if (!last.IsVoid) throw new DomainException("Report_HasVote");
        }

        var title = DomainText.Format("Vote_ReportTitle", report.Deputy!.Name, report.Deputy.DeputyNumber, report.Year);
        return new VoteSubjectInfo(report.Year, title, report.TownId, report.Attendance);
    }

    public async Task OnVoteCreatedAsync(DeputyDbContext db, SatisfactionVote vote, CancellationToken ct)
    {
        var report = await db.ConstituentReports.FirstAsync(r => r.Id == vote.SubjectId, ct);
        report.AttachVote(vote.Id);
    }

    public Task<int?> MembersAsync(DeputyDbContext db, SatisfactionVote vote, CancellationToken ct) => Task.FromResult<int?>(null);

    /// <summary>
    /// The rule set's consequence of a report vote owned by Reports, raised once: a rectification plan. A void vote has
    /// none. The exit review it may call for is the exit feature's (Exits/ExitFlagService, an IVoteConfirmedHandler).
    /// </summary>
    public async Task OnVoteConfirmedAsync(DeputyDbContext db, VoteConfirmed confirmed, CancellationToken ct)
    {
        var outcome = confirmed.Outcome;
        if (outcome.IsVoid) return;
        var reportId = confirmed.Subject.Id;
        var report = await db.ConstituentReports.AsNoTracking().FirstAsync(r => r.Id == reportId, ct);
        if (outcome.NeedsRectification && !await db.RectificationPlans.AnyAsync(p => p.ConstituentReportId == reportId, ct))
        {
            var days = (await VoteService.RulesAsync(db, confirmed.Year, ct)).RectificationDueDays;
            db.RectificationPlans.Add(new RectificationPlan(report.DeputyId, reportId, DateOnly.FromDateTime(confirmed.AtUtc).AddDays(days)));
        }
    }
}
