using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Notifications;
using DeputyPerformance.Domain.Persistence;
using DeputyPerformance.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Exits;

/// <summary>Why a reconciliation ran; a withdrawn flag keeps it (named by ExitWithdraw_{code} in the resources).</summary>
public static class ExitReconcileReasons
{
    public const string DutyLogsChanged = "duty-logs-changed";
    public const string VoteConfirmed = "vote-confirmed";
    public const string RulesChanged = "rules-changed";
    public const string Released = "released";
    public const string Refresh = "refresh";
}

/// <summary>What one reconciliation changed.</summary>
public sealed record ExitReconcileResult(int Raised, int Withdrawn, int Updated);

/// <summary>
/// Keeps the stored exit flags equal to what the rules expect from the data, idempotently: a new flag is raised, a
/// vanished one withdrawn with the reason (never deleted), a flag that came back raised again, none duplicated. It
/// runs inside the writer's transaction (a log approved, rejected, corrected, deleted or imported; a report vote
/// confirmed or corrected) for the deputies the write touched, and over a whole term for a rule change or a refresh.
/// The absence counts come from the yearly per-category totals (DeputyYearTotals): only deputies whose totals reach a
/// threshold have their absence logs read, for the dates of the evidence and the days of the mandate.
/// </summary>
public sealed class ExitFlagService(IDbContextFactory<DeputyDbContext> factory, TimeProvider clock, ILogger<ExitFlagService> logger)
    : IApprovedLogsObserver, IVoteConfirmedHandler
{
    /// <summary>
    /// Deputies per round of set queries. Their ids go to SQLite as one JSON parameter (<c>EF.Parameter(ids)</c>): EF 10's
    /// default of one SQL parameter per id makes SQLite prepare a new 500-parameter statement for every query of every
    /// chunk, which cost more than the reads themselves (decision 0049).
    /// </summary>
    private const int Chunk = 500;

    public Task OnApprovedLogsChangedAsync(DeputyDbContext db, IReadOnlyCollection<int> deputyIds, CancellationToken ct) =>
        ReconcileAsync(db, deputyIds, ExitReconcileReasons.DutyLogsChanged, ct);

    /// <summary>A report vote confirmed or corrected: its deputy's flags follow, in the vote's transaction.</summary>
    public async Task HandleAsync(DeputyDbContext db, VoteConfirmed confirmed, CancellationToken ct)
    {
        if (confirmed.Subject.Kind != VoteKind.ConstituentReport) return;
        var deputyId = await db.ConstituentReports.AsNoTracking().Where(r => r.Id == confirmed.Subject.Id).Select(r => r.DeputyId).FirstAsync(ct);
        await ReconcileAsync(db, [deputyId], ExitReconcileReasons.VoteConfirmed, ct);
    }

    /// <summary>Brings every deputy's flags up to date (after a rule change, a migration, or before an export).</summary>
    public async Task<ExitReconcileResult> RefreshAllAsync(Caller caller, string reason = ExitReconcileReasons.Refresh, CancellationToken ct = default)
    {
        Guard.Allow(ExitPolicy.CanRefreshAll(caller), caller, "ExitFlags.Refresh", logger);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var candidates = await CandidatesAsync(db, ct);
        var result = await ReconcileAsync(db, candidates, reason, ct);
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>Reconciles these deputies on the caller's context (inside its transaction when it has one) and saves.</summary>
    public async Task<ExitReconcileResult> ReconcileAsync(DeputyDbContext db, IReadOnlyCollection<int> deputyIds, string reason, CancellationToken ct)
    {
        var ids = deputyIds.Distinct().Order().ToList();
        if (ids.Count == 0) return new ExitReconcileResult(0, 0, 0);
        var rules = await RulesAsync(db, ct);
        ExitRuleSet RulesOf(int year) => rules.TryGetValue(year, out var r) ? r : ExitRuleSet.Defaults(year);
        var now = clock.GetUtcNow().UtcDateTime;
        int raised = 0, withdrawn = 0, updated = 0;
        foreach (var chunk in ids.Chunk(Chunk))
        {
            var facts = await FactsAsync(db, chunk, rules, ct);
            var stored = await db.ExitFlags.Where(f => EF.Parameter(chunk).Contains(f.DeputyId)).ToListAsync(ct);
            var openCases = (await db.ExitCases.AsNoTracking().Where(c => EF.Parameter(chunk).Contains(c.DeputyId)
                    && c.State != ExitCaseState.Closed && c.State != ExitCaseState.Dismissed).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
            var storedOf = stored.ToLookup(f => f.DeputyId);
            var raisedNow = new List<ExitFlag>();
            foreach (var deputyId in chunk)
            {
                var expected = facts.TryGetValue(deputyId, out var f) ? ExitFlagRules.Evaluate(f, RulesOf) : [];
                var mine = storedOf[deputyId].ToList();
                foreach (var e in expected)
                {
                    var same = mine.Where(s => s.Rule == e.Rule && s.Year == e.Year).OrderByDescending(s => s.IsActive).ThenByDescending(s => s.Id).FirstOrDefault();
                    if (same is null)
                    {
                        var flag = new ExitFlag(deputyId, e.Rule, e.Year, e.Evidence, e.Refs, now);
                        db.ExitFlags.Add(flag);
                        stored.Add(flag);
                        raisedNow.Add(flag);
                        raised++;
                    }
                    else if (same.Status == ExitFlagStatus.Withdrawn)
                    {
                        same.Reinstate(e.Evidence, e.Refs, now, same.CaseId is { } c && openCases.Contains(c));
                        raisedNow.Add(same);
                        raised++;
                    }
                    else if (same.UpdateEvidence(e.Evidence, e.Refs))
                    {
                        updated++;
                    }
                }

                foreach (var gone in mine.Where(s => s.IsActive && !expected.Any(e => e.Rule == s.Rule && e.Year == s.Year)))
                {
                    gone.Withdraw(reason, now);
                    withdrawn++;
                }
            }

            await db.SaveChangesAsync(ct);
            var notices = await NotifyRaisedAsync(db, raisedNow, now, ct);
            // Saved: the chunk's flags leave the tracker, or every later save would look through all the earlier ones
            // (a whole-term refresh tracks tens of thousands). The caller's own entities stay tracked.
            foreach (var flag in stored) db.Entry(flag).State = EntityState.Detached;
            foreach (var notice in notices) db.Entry(notice).State = EntityState.Detached;
        }

        if (raised + withdrawn > 0)
        {
            logger.LogInformation("Exit flags of {Deputies} deputies reconciled ({Reason}): {Raised} raised, {Withdrawn} withdrawn",
                ids.Count, reason, raised, withdrawn);
        }

        return new ExitReconcileResult(raised, withdrawn, updated);
    }

    /// <summary>
    /// A raised flag (new, or raised again) notifies the deputy and the office that runs his cases, in the same transaction,
    /// once: a reconciliation that changes nothing raises nothing and writes no notification.
    /// </summary>
    private static async Task<List<Notification>> NotifyRaisedAsync(DeputyDbContext db, List<ExitFlag> raisedNow, DateTime now, CancellationToken ct)
    {
        if (raisedNow.Count == 0) return [];
        var ids = raisedNow.Select(f => f.DeputyId).Distinct().ToList();
        var where = await db.Deputies.AsNoTracking().Where(d => EF.Parameter(ids).Contains(d.Id)).Select(d => new { d.Id, d.Level, d.TownId }).ToDictionaryAsync(d => d.Id, ct);
        var notices = raisedNow.SelectMany(f => NotificationWriter.FlagRaised(f, where[f.DeputyId].Level, where[f.DeputyId].TownId, now)).ToList();
        db.Notifications.AddRange(notices);
        await db.SaveChangesAsync(ct);
        return notices;
    }

    /// <summary>
    /// The deputies any rule could flag: absence totals reaching the lowest threshold (per term or per year), a poor
    /// grade, a report vote, a detention, or an active flag that may have to be withdrawn. Read from the totals, not the logs.
    /// </summary>
    internal static async Task<List<int>> CandidatesAsync(DeputyDbContext db, CancellationToken ct)
    {
        var rules = (await RulesAsync(db, ct)).Values.Append(ExitRuleSet.Defaults(0)).ToList();
        var congress = rules.Select(r => r.CongressAbsenceCategory).Distinct().ToList();
        var recess = rules.Select(r => r.RecessAbsenceCategory).Distinct().ToList();
        var minCongress = rules.Min(r => r.CongressAbsencesPerTerm);
        var minRecess = rules.Min(r => r.RecessAbsencesPerYear);
        var ids = new HashSet<int>();
        ids.UnionWith(await db.DeputyYearTotals.AsNoTracking().Where(t => congress.Contains(t.CategoryCode))
            .GroupBy(t => t.DeputyId).Where(g => g.Sum(t => t.Count) >= minCongress).Select(g => g.Key).ToListAsync(ct));
        ids.UnionWith(await db.DeputyYearTotals.AsNoTracking().Where(t => recess.Contains(t.CategoryCode) && t.Count >= minRecess)
            .Select(t => t.DeputyId).Distinct().ToListAsync(ct));
        ids.UnionWith(await (from s in db.ScoreSnapshots.AsNoTracking()
                             join y in db.ScoreYearStates.AsNoTracking() on new { s.Year, s.Generation } equals new { y.Year, y.Generation }
                             where s.Grade == Scoring.ScoreGrade.Poor
                             select s.DeputyId).Distinct().ToListAsync(ct));
        ids.UnionWith(await db.ConstituentReports.AsNoTracking().Where(r => r.VoteId != null).Select(r => r.DeputyId).Distinct().ToListAsync(ct));
        ids.UnionWith(await db.ExitDetentions.AsNoTracking().Select(d => d.DeputyId).Distinct().ToListAsync(ct));
        ids.UnionWith(await db.ExitFlags.AsNoTracking().Where(f => f.Status == ExitFlagStatus.Open || f.Status == ExitFlagStatus.CaseOpened)
            .Select(f => f.DeputyId).Distinct().ToListAsync(ct));
        return ids.Order().ToList();
    }

    internal static async Task<Dictionary<int, ExitRuleSet>> RulesAsync(DeputyDbContext db, CancellationToken ct) =>
        await db.ExitRuleSets.AsNoTracking().ToDictionaryAsync(r => r.Year, ct);

    /// <summary>The facts of these deputies, in a few set queries (no query per deputy).</summary>
    private static async Task<Dictionary<int, ExitFacts>> FactsAsync(DeputyDbContext db, IReadOnlyCollection<int> ids,
        Dictionary<int, ExitRuleSet> rules, CancellationToken ct)
    {
        var deputies = await db.Deputies.AsNoTracking().Where(d => EF.Parameter(ids).Contains(d.Id))
            .Select(d => new { d.Id, d.Term!.StartYear, d.Term.EndYear, d.MandateEndedOn }).ToListAsync(ct);
        var all = rules.Values.Append(ExitRuleSet.Defaults(0)).ToList();
        var categories = all.Select(r => r.CongressAbsenceCategory).Concat(all.Select(r => r.RecessAbsenceCategory)).Distinct().ToList();

        // The totals say whose absence logs are worth reading at all.
        var withAbsences = await db.DeputyYearTotals.AsNoTracking().Where(t => EF.Parameter(ids).Contains(t.DeputyId) && categories.Contains(t.CategoryCode))
            .Select(t => t.DeputyId).Distinct().ToListAsync(ct);
        var absences = withAbsences.Count == 0 ? [] : await db.DutyLogs.AsNoTracking()
            .Where(l => EF.Parameter(withAbsences).Contains(l.DeputyId) && l.Status == DutyLogStatus.Approved && categories.Contains(l.CategoryCode))
            .Select(l => new { l.DeputyId, Fact = new AbsenceFact(l.Id, l.Date, l.CategoryCode, l.Count) }).ToListAsync(ct);
        var grades = await (from s in db.ScoreSnapshots.AsNoTracking()
                            join y in db.ScoreYearStates.AsNoTracking() on new { s.Year, s.Generation } equals new { y.Year, y.Generation }
                            where EF.Parameter(ids).Contains(s.DeputyId)
                            select new { s.DeputyId, Fact = new GradeFact(s.Year, s.Score, s.Grade) }).ToListAsync(ct);
        var votes = await (from v in db.SatisfactionVotes.AsNoTracking()
                           join r in db.ConstituentReports.AsNoTracking() on v.SubjectId equals r.Id
                           where v.Kind == VoteKind.ConstituentReport && v.Status == VoteStatus.Confirmed && !v.IsVoid && EF.Parameter(ids).Contains(r.DeputyId)
                           select new { r.DeputyId, v.Id, ReportId = r.Id, v.Year, v.Satisfied, v.BasicallySatisfied, v.Returned, v.Invalid }).ToListAsync(ct);
        var thresholds = await db.SatisfactionRuleSets.AsNoTracking().ToDictionaryAsync(r => r.Year, r => r.ExitReviewBelowPercent, ct);
        var detentions = await db.ExitDetentions.AsNoTracking().Where(d => EF.Parameter(ids).Contains(d.DeputyId)).ToListAsync(ct);

        var absenceOf = absences.ToLookup(a => a.DeputyId, a => a.Fact);
        var gradeOf = grades.ToLookup(g => g.DeputyId, g => g.Fact);
        var voteOf = votes.ToLookup(v => v.DeputyId, v => new ReportVoteFact(v.Id, v.ReportId, v.Year,
            (v.Satisfied ?? 0) + (v.BasicallySatisfied ?? 0), (v.Returned ?? 0) - (v.Invalid ?? 0),
            thresholds.TryGetValue(v.Year, out var t) ? t : SatisfactionRuleSet.DefaultExitReviewBelowPercent));
        var detentionOf = detentions.ToLookup(x => x.DeputyId, x => x.Fact);
        return deputies.ToDictionary(d => d.Id, d => new ExitFacts(d.Id, d.StartYear, d.EndYear, d.MandateEndedOn,
            absenceOf[d.Id].ToList(), gradeOf[d.Id].ToList(), voteOf[d.Id].ToList(), detentionOf[d.Id].ToList()));
    }
}
