using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Scoring;

/// <summary>One deputy on the shortlist page: proposed or not, why excluded, and the committee's decision if recorded.</summary>
public sealed record ShortlistRow(
    int DeputyId, string DeputyNumber, string Name, string TownName, int Score, ScoreGrade Grade, int RankCounty,
    IReadOnlyList<ShortlistExclusion> Exclusions, int? EligibleRank, bool Proposed,
    ShortlistDecisionKind? Decision, string? DecisionNote, string? DecidedBy, DateTime? DecidedAtUtc);

/// <summary>
/// A year's excellence shortlist. ExitCasesChecked is false while no <see cref="IOpenExitCases"/> is registered:
/// the page must say that open exit cases were not checked.
/// </summary>
public sealed record ShortlistView(int Year, int ShortlistPercent, QuotaRounding Rounding, int EligibleCount, int Quota, bool TiedAtBoundary,
    bool ExitCasesChecked, IReadOnlyList<ShortlistRow> Rows);

/// <summary>
/// 评优: proposes the top of the eligible deputies by the year's quota and records the committee's decision.
/// County staff and committee members read; county staff record the decision taken by the committee.
/// </summary>
public sealed class ShortlistService(
    IDbContextFactory<DeputyDbContext> factory, ScoreService scores, TimeProvider clock, ILogger<ShortlistService> logger,
    IOpenExitCases? openExitCases = null)
{
    public static bool CanRead(Caller caller) => caller.IsCountyStaff || caller.IsCommitteeMember;

    public static bool CanDecide(Caller caller) => caller.IsCountyStaff;

    /// <summary>The shortlist with every deputy of the year (proposed first, then the others with their exclusions).</summary>
    public async Task<ShortlistView> GetAsync(Caller caller, int year, CancellationToken ct = default)
    {
        Guard.Allow(CanRead(caller), caller, "Shortlist.Read", logger, year);
        await using var db = await factory.CreateDbContextAsync(ct);
        var generation = await scores.EnsureFreshAsync(db, year, ct);
        var rules = await ScoringRuleService.EffectiveAsync(db, year, ct);
        var openCases = openExitCases is null ? new HashSet<int>() : await openExitCases.DeputyIdsAsync(year, ct);
        var people = await (from s in db.ScoreSnapshots.AsNoTracking().Where(x => x.Year == year && x.Generation == generation)
                            join d in db.Deputies.AsNoTracking() on s.DeputyId equals d.Id
                            select new
                            {
                                s.DeputyId, d.DeputyNumber, d.Name, TownName = d.Town!.Name, s.Score, s.Grade, s.RankCounty,
                                d.IsStateOrganLeader, d.Status,
                            }).ToListAsync(ct);
        var decisions = await db.ShortlistDecisions.AsNoTracking().Where(x => x.Year == year).ToDictionaryAsync(x => x.DeputyId, ct);
        var selection = ScoreCalculator.Shortlist(
            people.Select(p => new ShortlistCandidate(p.DeputyId, p.Score, p.Grade, p.IsStateOrganLeader, openCases.Contains(p.DeputyId),
                p.Status == DeputyStatus.Active)), rules);
        var byId = people.ToDictionary(p => p.DeputyId);
        var rows = selection.Entries
            .OrderByDescending(e => e.Proposed).ThenBy(e => byId[e.DeputyId].RankCounty).ThenBy(e => byId[e.DeputyId].DeputyNumber)
            .Select(e =>
            {
                var p = byId[e.DeputyId];
                decisions.TryGetValue(e.DeputyId, out var d);
                return new ShortlistRow(p.DeputyId, p.DeputyNumber, p.Name, p.TownName, p.Score, p.Grade, p.RankCounty, e.Exclusions,
                    e.EligibleRank, e.Proposed, d?.Decision, d?.Note, d?.DecidedBy, d?.DecidedAtUtc);
            }).ToList();
        return new ShortlistView(year, rules.ShortlistPercent, rules.ShortlistRounding, selection.EligibleCount, selection.Quota,
            selection.TiedAtBoundary, openExitCases is not null, rows);
    }

    /// <summary>Records (or changes) the committee's decision on a deputy for a year; audited.</summary>
    public async Task RecordDecisionAsync(Caller caller, int year, int deputyId, ShortlistDecisionKind decision, string? note, CancellationToken ct = default)
    {
        Guard.Allow(CanDecide(caller), caller, "Shortlist.Decide", logger, deputyId);
        if (!Enum.IsDefined(decision)) throw new DomainException("ValueInvalid");
        if (note is { Length: > ShortlistDecision.MaxNoteLength }) throw new DomainException("Shortlist_NoteTooLong", ShortlistDecision.MaxNoteLength);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        if (!await db.Deputies.AnyAsync(d => d.Id == deputyId, ct)) throw new NotFoundException();
        var row = await db.ShortlistDecisions.FirstOrDefaultAsync(x => x.Year == year && x.DeputyId == deputyId, ct);
        if (row is null)
        {
            row = new ShortlistDecision(year, deputyId);
            db.ShortlistDecisions.Add(row);
        }

        row.Record(decision, note, caller.UserName, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }
}
