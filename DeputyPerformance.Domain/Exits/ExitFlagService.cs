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
    /// Deputies per round of set queries when a writer reconciles many (an import). Their ids go to SQLite as one JSON
    /// parameter (<c>EF.Parameter(ids)</c>): EF 10's default of one SQL parameter per id makes SQLite prepare a new
    /// statement for every query of every chunk (decision 0049).
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

    /// <summary>
    /// Brings every deputy's flags up to date (after a rule change, a migration, or before an export), set-based
    /// (decision 0100): the facts that can raise a flag are read once for the whole county (the approved logs of the
    /// absence categories from their index, the poor grades of the published generations, the confirmed report votes,
    /// the detentions), the stored flags once without tracking; the candidates are the deputies with a fact or a stored
    /// flag; the rules and the diff run in memory; only the flags that change are loaded, changed and saved.
    /// </summary>
    public async Task<ExitReconcileResult> RefreshAllAsync(Caller caller, string reason = ExitReconcileReasons.Refresh, CancellationToken ct = default)
    {
        Guard.Allow(ExitPolicy.CanRefreshAll(caller), caller, "ExitFlags.Refresh", logger);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var rules = await RulesAsync(db, ct);
        var facts = await FactsAsync(db, null, rules, ct);
        var stored = (await StoredAsync(db, null, ct)).ToLookup(f => f.DeputyId);
        var candidates = facts.Keys.Concat(stored.Select(g => g.Key)).Distinct().Order().ToList();
        var result = await ReconcileAsync(db, candidates, facts, stored, rules, reason, ct);
        await tx.CommitAsync(ct);
        Log(candidates.Count, reason, result);
        return result;
    }

    /// <summary>
    /// Reconciles these deputies on the caller's context (inside its transaction when it has one) and saves. The stored
    /// flags are read from the database: a caller saves its own changes to flags first.
    /// </summary>
    public async Task<ExitReconcileResult> ReconcileAsync(DeputyDbContext db, IReadOnlyCollection<int> deputyIds, string reason, CancellationToken ct)
    {
        var ids = deputyIds.Distinct().Order().ToList();
        if (ids.Count == 0) return new ExitReconcileResult(0, 0, 0);
        var rules = await RulesAsync(db, ct);
        int raised = 0, withdrawn = 0, updated = 0;
        foreach (var chunk in ids.Chunk(Chunk))
        {
            var facts = await FactsAsync(db, chunk, rules, ct);
            var stored = (await StoredAsync(db, chunk, ct)).ToLookup(f => f.DeputyId);
            var r = await ReconcileAsync(db, chunk, facts, stored, rules, reason, ct);
            (raised, withdrawn, updated) = (raised + r.Raised, withdrawn + r.Withdrawn, updated + r.Updated);
        }

        var result = new ExitReconcileResult(raised, withdrawn, updated);
        Log(ids.Count, reason, result);
        return result;
    }

    private void Log(int deputies, string reason, ExitReconcileResult result)
    {
        if (result.Raised + result.Withdrawn > 0)
        {
            logger.LogInformation("Exit flags of {Deputies} deputies reconciled ({Reason}): {Raised} raised, {Withdrawn} withdrawn",
                deputies, reason, result.Raised, result.Withdrawn);
        }
    }

    /// <summary>
    /// The rules and the diff in memory for these deputies; then only the changed flags are loaded (tracked), changed
    /// through the entity's own transitions and saved with the new ones, and the raised ones notified.
    /// </summary>
    private async Task<ExitReconcileResult> ReconcileAsync(DeputyDbContext db, IReadOnlyCollection<int> deputyIds, Dictionary<int, ExitFacts> facts,
        ILookup<int, StoredExitFlag> stored, Dictionary<int, ExitRuleSet> rules, string reason, CancellationToken ct)
    {
        ExitRuleSet RulesOf(int year) => rules.TryGetValue(year, out var r) ? r : ExitRuleSet.Defaults(year);
        var changes = new List<ExitFlagChange>();
        foreach (var deputyId in deputyIds)
        {
            var expected = facts.TryGetValue(deputyId, out var f) ? ExitFlagRules.Evaluate(f, RulesOf) : [];
            ExitFlagDiff.Of(deputyId, expected, stored[deputyId].ToList(), changes);
        }

        if (changes.Count == 0) return new ExitReconcileResult(0, 0, 0);

        var now = clock.GetUtcNow().UtcDateTime;
        var changedIds = changes.Where(c => c.FlagId is not null).Select(c => c.FlagId!.Value).ToList();
        var rows = changedIds.Count == 0 ? [] : await db.ExitFlags.Where(f => EF.Parameter(changedIds).Contains(f.Id)).ToListAsync(ct);
        var rowOf = rows.ToDictionary(f => f.Id);
        var caseIds = changes.Where(c => c.Kind == ExitFlagChangeKind.Reinstate).Select(c => rowOf[c.FlagId!.Value].CaseId)
            .OfType<int>().Distinct().ToList();
        var openCases = caseIds.Count == 0 ? [] : (await db.ExitCases.AsNoTracking().Where(c => EF.Parameter(caseIds).Contains(c.Id)
            && c.State != ExitCaseState.Closed && c.State != ExitCaseState.Dismissed).Select(c => c.Id).ToListAsync(ct)).ToHashSet();

        var raisedNow = new List<ExitFlag>();
        var added = new List<ExitFlag>();
        int withdrawn = 0, updated = 0;
        foreach (var change in changes)
        {
            switch (change.Kind)
            {
                case ExitFlagChangeKind.Raise:
                    var e = change.Expected!;
                    var flag = new ExitFlag(change.DeputyId, e.Rule, e.Year, e.Evidence, e.Refs, now);
                    added.Add(flag);
                    raisedNow.Add(flag);
                    break;
                case ExitFlagChangeKind.Reinstate:
                    var same = rowOf[change.FlagId!.Value];
                    same.Reinstate(change.Expected!.Evidence, change.Expected.Refs, now, same.CaseId is { } c && openCases.Contains(c));
                    raisedNow.Add(same);
                    break;
                case ExitFlagChangeKind.Update:
                    if (rowOf[change.FlagId!.Value].UpdateEvidence(change.Expected!.Evidence, change.Expected.Refs)) updated++;
                    break;
                case ExitFlagChangeKind.Withdraw:
                    rowOf[change.FlagId!.Value].Withdraw(reason, now);
                    withdrawn++;
                    break;
            }
        }

        // The changed rows (few) through the tracker; the new flags and every notice in bulk, past it (decision 0120):
        // an import can raise tens of thousands, each audited and notified, which EF took a minute to save.
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await using (own)
        {
            await db.SaveChangesAsync(ct);
            await db.InsertAuditedAsync(added, ct);
            await NotifyRaisedAsync(db, raisedNow, now, ct);
            if (own is not null) await own.CommitAsync(ct);
        }

        // Saved: the loaded flags leave the tracker, so later saves of the caller's context do not look through them.
        // The caller's own entities stay tracked.
        foreach (var flag in rows) db.Entry(flag).State = EntityState.Detached;
        return new ExitReconcileResult(raisedNow.Count, withdrawn, updated);
    }

    /// <summary>
    /// A raised flag (new, or raised again) notifies the deputy and the office that runs his cases, in the same transaction,
    /// once: a reconciliation that changes nothing raises nothing and writes no notification.
    /// </summary>
    private static async Task NotifyRaisedAsync(DeputyDbContext db, List<ExitFlag> raisedNow, DateTime now, CancellationToken ct)
    {
        if (raisedNow.Count == 0) return;
        var ids = raisedNow.Select(f => f.DeputyId).Distinct().ToList();
        var where = await db.Deputies.AsNoTracking().Where(d => EF.Parameter(ids).Contains(d.Id)).Select(d => new { d.Id, d.Level, d.TownId }).ToDictionaryAsync(d => d.Id, ct);
        var notices = raisedNow.SelectMany(f => NotificationWriter.FlagRaised(f, where[f.DeputyId].Level, where[f.DeputyId].TownId, now)).ToList();
        await BulkInsert.InsertAsync(db, notices, ct);
    }

    /// <summary>The stored flags of these deputies (null: of every deputy), untracked, only the columns the diff compares.</summary>
    private static async Task<List<StoredExitFlag>> StoredAsync(DeputyDbContext db, IReadOnlyCollection<int>? ids, CancellationToken ct)
    {
        var flags = db.ExitFlags.AsNoTracking();
        if (ids is not null) flags = flags.Where(f => EF.Parameter(ids).Contains(f.DeputyId));
        return await flags.Select(f => new StoredExitFlag(f.Id, f.DeputyId, f.Rule, f.Year, f.Status, f.Evidence, f.EvidenceRefs, f.CaseId)).ToListAsync(ct);
    }

    private sealed record DeputyAbsence(int DeputyId, AbsenceFact Fact);

    /// <summary>Every approved absence log of these deputies (the totals say which of them have one at all).</summary>
    private static async Task<List<DeputyAbsence>> AbsencesAsync(DeputyDbContext db, IReadOnlyCollection<int> ids, List<string> categories, CancellationToken ct)
    {
        var withAbsences = await db.DeputyYearTotals.AsNoTracking().Where(t => EF.Parameter(ids).Contains(t.DeputyId) && categories.Contains(t.CategoryCode))
            .Select(t => t.DeputyId).Distinct().ToListAsync(ct);
        if (withAbsences.Count == 0) return [];
        var rows = await db.DutyLogs.AsNoTracking()
            .Where(l => EF.Parameter(withAbsences).Contains(l.DeputyId) && l.Status == DutyLogStatus.Approved && categories.Contains(l.CategoryCode))
            .Select(l => new { l.DeputyId, l.Id, l.Date, l.CategoryCode, l.Count }).ToListAsync(ct);
        return rows.ConvertAll(l => new DeputyAbsence(l.DeputyId, new AbsenceFact(l.Id, l.Date, l.CategoryCode, l.Count)));
    }

    /// <summary>
    /// The approved absence logs that can raise a flag, county-wide, chosen in SQL by the yearly totals: the congress
    /// categories' logs of a deputy whose term total reaches the lowest congress threshold, the recess categories' logs
    /// of a year in which his total of one reaches the lowest recess threshold. The rules see exactly the same as with
    /// all his logs: a congress count below every threshold raises nothing whatever it contains, a recess year likewise,
    /// and a counted total (term or year) comes with all its logs. Read one category at a time (the index's order; no
    /// category string per row).
    /// </summary>
    private static async Task<List<DeputyAbsence>> CandidateAbsencesAsync(DeputyDbContext db, List<ExitRuleSet> all, List<string> congress, List<string> recess,
        CancellationToken ct)
    {
        var minCongress = all.Min(r => r.CongressAbsencesPerTerm);
        var minRecess = all.Min(r => r.RecessAbsencesPerYear);
        var logs = db.DutyLogs.AsNoTracking().Where(l => l.Status == DutyLogStatus.Approved);
        var totals = db.DeputyYearTotals.AsNoTracking();
        var result = new List<DeputyAbsence>();
        foreach (var category in congress)
        {
            var termCandidates = totals.Where(t => congress.Contains(t.CategoryCode)).GroupBy(t => t.DeputyId)
                .Where(g => g.Sum(t => t.Count) >= minCongress).Select(g => g.Key);
            result.AddRange(await logs.Where(l => l.CategoryCode == category && termCandidates.Contains(l.DeputyId))
                .Select(l => new DeputyAbsence(l.DeputyId, new AbsenceFact(l.Id, l.Date, category, l.Count))).ToListAsync(ct));
        }

        // The recess years that reach the threshold; their deputies' logs are read by the index (SQLite computing each
        // log's year to match the totals' costs more than reading a deputy's other years), the other years dropped here.
        var recessYears = (await totals.Where(t => recess.Contains(t.CategoryCode) && t.Count >= minRecess)
            .Select(t => new { t.DeputyId, t.Year }).ToListAsync(ct)).Select(t => (t.DeputyId, t.Year)).ToHashSet();
        foreach (var category in recess)
        {
            var yearCandidates = totals.Where(t => recess.Contains(t.CategoryCode) && t.Count >= minRecess).Select(t => t.DeputyId);
            var rows = await logs.Where(l => l.CategoryCode == category && yearCandidates.Contains(l.DeputyId))
                .Select(l => new DeputyAbsence(l.DeputyId, new AbsenceFact(l.Id, l.Date, category, l.Count))).ToListAsync(ct);
            result.AddRange(rows.Where(l => recessYears.Contains((l.DeputyId, l.Fact.Date.Year))));
        }

        // A category named both for congress and for recess (in different years' rules) is read twice: once per log.
        return congress.Intersect(recess).Any() ? result.DistinctBy(a => a.Fact.LogId).ToList() : result;
    }

    internal static async Task<Dictionary<int, ExitRuleSet>> RulesAsync(DeputyDbContext db, CancellationToken ct) =>
        await db.ExitRuleSets.AsNoTracking().ToDictionaryAsync(r => r.Year, ct);

    /// <summary>
    /// The facts of these deputies (null: of every deputy that has one), in a few set queries, never one per deputy.
    /// Only what can raise a flag is read: the approved logs of the absence categories (their index, decision 0049), the
    /// poor grades of the published generations (a run of poor years is all the grade rules look at), the confirmed
    /// non-void report votes, the detentions. With ids every one of them gets facts (his term and mandate); without,
    /// only the deputies with a fact.
    /// </summary>
    private static async Task<Dictionary<int, ExitFacts>> FactsAsync(DeputyDbContext db, IReadOnlyCollection<int>? ids,
        Dictionary<int, ExitRuleSet> rules, CancellationToken ct)
    {
        var all = rules.Values.Append(ExitRuleSet.Defaults(0)).ToList();
        var congress = all.Select(r => r.CongressAbsenceCategory).Distinct().ToList();
        var recess = all.Select(r => r.RecessAbsenceCategory).Distinct().ToList();
        var categories = congress.Concat(recess).Distinct().ToList();
        var absences = ids is null ? await CandidateAbsencesAsync(db, all, congress, recess, ct) : await AbsencesAsync(db, ids, categories, ct);
        var snapshots = db.ScoreSnapshots.AsNoTracking().Where(s => s.Grade == Scoring.ScoreGrade.Poor);
        if (ids is not null) snapshots = snapshots.Where(s => EF.Parameter(ids).Contains(s.DeputyId));
        var grades = await (from s in snapshots
                            join y in db.ScoreYearStates.AsNoTracking() on new { s.Year, s.Generation } equals new { y.Year, y.Generation }
                            select new { s.DeputyId, Fact = new GradeFact(s.Year, s.Score, s.Grade) }).ToListAsync(ct);
        var reports = db.ConstituentReports.AsNoTracking();
        if (ids is not null) reports = reports.Where(r => EF.Parameter(ids).Contains(r.DeputyId));
        var votes = await (from v in db.SatisfactionVotes.AsNoTracking()
                           join r in reports on v.SubjectId equals r.Id
                           where v.Kind == VoteKind.ConstituentReport && v.Status == VoteStatus.Confirmed && !v.IsVoid
                           select new { r.DeputyId, v.Id, ReportId = r.Id, v.Year, v.Satisfied, v.BasicallySatisfied, v.Returned, v.Invalid }).ToListAsync(ct);
        var thresholds = await db.SatisfactionRuleSets.AsNoTracking().ToDictionaryAsync(r => r.Year, r => r.ExitReviewBelowPercent, ct);
        var detentionRows = db.ExitDetentions.AsNoTracking();
        if (ids is not null) detentionRows = detentionRows.Where(d => EF.Parameter(ids).Contains(d.DeputyId));
        var detentions = await detentionRows.ToListAsync(ct);

        var absenceOf = absences.ToLookup(a => a.DeputyId, a => a.Fact);
        var gradeOf = grades.ToLookup(g => g.DeputyId, g => g.Fact);
        var voteOf = votes.ToLookup(v => v.DeputyId, v => new ReportVoteFact(v.Id, v.ReportId, v.Year,
            (v.Satisfied ?? 0) + (v.BasicallySatisfied ?? 0), (v.Returned ?? 0) - (v.Invalid ?? 0),
            thresholds.TryGetValue(v.Year, out var t) ? t : SatisfactionRuleSet.DefaultExitReviewBelowPercent));
        var detentionOf = detentions.ToLookup(x => x.DeputyId, x => x.Fact);

        var deputies = db.Deputies.AsNoTracking();
        if (ids is not null) deputies = deputies.Where(d => EF.Parameter(ids).Contains(d.Id));
        var withFacts = ids is not null ? null
            : absenceOf.Select(g => g.Key).Concat(gradeOf.Select(g => g.Key)).Concat(voteOf.Select(g => g.Key)).Concat(detentionOf.Select(g => g.Key)).ToHashSet();
        var terms = await deputies.Select(d => new { d.Id, d.Term!.StartYear, d.Term.EndYear, d.MandateEndedOn }).ToListAsync(ct);
        return terms.Where(d => withFacts is null || withFacts.Contains(d.Id)).ToDictionary(d => d.Id, d => new ExitFacts(d.Id, d.StartYear, d.EndYear, d.MandateEndedOn,
            absenceOf[d.Id].ToList(), gradeOf[d.Id].ToList(), voteOf[d.Id].ToList(), detentionOf[d.Id].ToList()));
    }
}
