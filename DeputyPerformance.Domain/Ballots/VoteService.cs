using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Persistence;
using DeputyPerformance.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Ballots;

public sealed record BoxDifference(string Box, string Field, int? First, int? Second);

public sealed record BoxRow(string Box, int Round, string EnteredBy, TallyCounts Counts);

public sealed record VoteDetail(
    int Id, VoteKind Kind, int Year, string Title, VoteMode Mode, VoteStatus Status, int? TownId, int? ReportId, DateTime? ClosesAtUtc,
    IReadOnlyList<BoxRow> Boxes, IReadOnlyList<BoxDifference> Differences, int TokensIssued, int TokensUsed, TallyResult? Result);

/// <summary>
/// Running a satisfaction vote: paper counts per ballot box with an independent second entry, electronic tokens,
/// opening and closing, confirming the result (which locks it and applies the consequences of the year's rules),
/// and a correction with a reason.
/// </summary>
public sealed class VoteService(IDbContextFactory<DeputyDbContext> factory, TimeProvider clock, ILogger<VoteService> logger)
{
    public const int MaxTokensPerRequest = 2000;
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private const int CodeLength = 8;

    /// <summary>The vote of a held constituent report (one per report).</summary>
    public async Task<int> CreateForReportAsync(Caller caller, int reportId, VoteMode mode, DateTime? closesAtUtc, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var report = await db.ConstituentReports.Include(r => r.Deputy).FirstOrDefaultAsync(r => r.Id == reportId, ct) ?? throw new NotFoundException();
        Guard.Allow(VotePolicy.CanRun(caller, report.TownId), caller, "Vote.Create", logger, reportId);
        if (report.Status == ReportStatus.Cancelled) throw new DomainException("Report_Cancelled");
        var title = DomainText.Format("Vote_ReportTitle", report.Deputy!.Name, report.Deputy.DeputyNumber, report.Year);
        var vote = new SatisfactionVote(VoteKind.ConstituentReport, report.Year, title, mode, report.TownId, report.Id, closesAtUtc);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.SatisfactionVotes.Add(vote);
        await db.SaveChangesAsync(ct);
        report.AttachVote(vote.Id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return vote.Id;
    }

    public async Task<VoteDetail> GetAsync(Caller caller, int voteId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var vote = await db.SatisfactionVotes.FirstOrDefaultAsync(v => v.Id == voteId, ct) ?? throw new NotFoundException();
        Guard.Allow(VotePolicy.CanRead(caller, vote.TownId), caller, "Vote.Read", logger, voteId);
        vote.CloseIfDue(clock.GetUtcNow().UtcDateTime);
        if (db.ChangeTracker.HasChanges())
        {
            db.AuditActor = "closing-time";
            await db.SaveChangesAsync(ct);
        }

        var boxes = (await db.BallotBoxEntries.AsNoTracking().Where(b => b.VoteId == voteId).OrderBy(b => b.Round).ThenBy(b => b.Box).ToListAsync(ct))
            .Select(b => new BoxRow(b.Box, b.Round, b.EnteredBy, b.Counts)).ToList();
        var issued = await db.VoteTokens.CountAsync(t => t.VoteId == voteId, ct);
        var used = await db.VoteTokens.CountAsync(t => t.VoteId == voteId && t.Used, ct);
        var rules = await RulesAsync(db, vote.Year, ct);
        TallyResult? result = null;
        // Results appear only after closing: nobody, clerk included, sees a running electronic count.
        if (vote.Status == VoteStatus.Confirmed)
        {
            result = SatisfactionTally.ConstituentReport(vote.Counts!, rules.ReportThresholds);
        }
        else if (vote.Mode == VoteMode.Electronic && vote.Status == VoteStatus.Closed)
        {
            result = SatisfactionTally.ConstituentReport(await ElectronicCountsAsync(db, voteId, issued, ct), rules.ReportThresholds);
        }
        else if (vote.Mode == VoteMode.Paper && boxes.Any(b => b.Round == 1))
        {
            result = SatisfactionTally.ConstituentReport(TallyCounts.Sum(boxes.Where(b => b.Round == 1).Select(b => b.Counts)), rules.ReportThresholds);
        }

        return new VoteDetail(vote.Id, vote.Kind, vote.Year, vote.Title, vote.Mode, vote.Status, vote.TownId, vote.ConstituentReportId, vote.ClosesAtUtc,
            boxes, Compare(boxes), issued, used, result);
    }

    /// <summary>Enters (or re-enters) one ballot box of a paper vote; round 2 must be a different clerk than round 1 of that box.</summary>
    public async Task EnterBoxAsync(Caller caller, int voteId, int round, string box, TallyCounts counts, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var vote = await FindRunnableAsync(db, caller, voteId, "Vote.EnterBox", ct);
        if (vote.Mode != VoteMode.Paper || vote.Status != VoteStatus.Open) throw new DomainException("Vote_Locked");
        if (round is not (1 or 2)) throw new DomainException("ValueInvalid");
        box = (box ?? "").Trim();
        if (box.Length is 0 or > 50) throw new DomainException("Vote_BoxRequired");
        var other = await db.BallotBoxEntries.FirstOrDefaultAsync(b => b.VoteId == voteId && b.Box == box && b.Round == 3 - round, ct);
        if (other is not null && other.EnteredBy == caller.UserName) throw new DomainException("Vote_SecondEntrySameClerk");
        var entry = await db.BallotBoxEntries.FirstOrDefaultAsync(b => b.VoteId == voteId && b.Box == box && b.Round == round, ct);
        if (entry is null)
        {
            db.BallotBoxEntries.Add(new BallotBoxEntry(voteId, box, round, caller.UserName, counts, clock.GetUtcNow().UtcDateTime));
        }
        else
        {
            if (entry.EnteredBy != caller.UserName) throw new DomainException("Vote_OtherClerksEntry");
            entry.Replace(counts);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Every box and field where the two entries disagree; a box entered only once in a double-entered vote is a difference too.</summary>
    public static IReadOnlyList<BoxDifference> Compare(IReadOnlyList<BoxRow> boxes)
    {
        if (!boxes.Any(b => b.Round == 2))
        {
            return [];
        }

        var differences = new List<BoxDifference>();
        foreach (var name in boxes.Select(b => b.Box).Distinct().Order())
        {
            var first = boxes.FirstOrDefault(b => b.Box == name && b.Round == 1)?.Counts;
            var second = boxes.FirstOrDefault(b => b.Box == name && b.Round == 2)?.Counts;
            foreach (var (field, value) in new (string, Func<TallyCounts, int>)[]
                     {
                         ("Issued", c => c.Issued), ("Returned", c => c.Returned), ("Invalid", c => c.Invalid),
                         ("Satisfied", c => c.Satisfied), ("BasicallySatisfied", c => c.BasicallySatisfied), ("Dissatisfied", c => c.Dissatisfied),
                     })
            {
                int? a = first is null ? null : value(first), b = second is null ? null : value(second);
                if (a != b) differences.Add(new BoxDifference(name, field, a, b));
            }
        }

        return differences;
    }

    /// <summary>Generates N single-use codes; they are returned once, for printing, and stored only as hashes.</summary>
    public async Task<IReadOnlyList<string>> GenerateTokensAsync(Caller caller, int voteId, int count, CancellationToken ct = default)
    {
        if (count is < 1 or > MaxTokensPerRequest) throw new DomainException("Vote_TokenCount", MaxTokensPerRequest);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var vote = await FindRunnableAsync(db, caller, voteId, "Vote.Tokens", ct);
        if (vote.Mode != VoteMode.Electronic || vote.Status is not (VoteStatus.Draft or VoteStatus.Open)) throw new DomainException("Vote_Locked");
        var codes = new List<string>(count);
        while (codes.Count < count)
        {
            var code = RandomNumberGenerator.GetString(CodeAlphabet, CodeLength);
            if (!codes.Contains(code)) codes.Add(code);
        }

        db.VoteTokens.AddRange(codes.Select(c => new VoteToken(voteId, HashOf(c))));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("{User} generated {Count} tokens for vote {Vote}", caller.UserName, count, voteId);
        return codes;
    }

    public Task OpenAsync(Caller caller, int voteId, CancellationToken ct = default) => ChangeAsync(caller, voteId, v => v.Open(), "Vote.Open", ct);

    public Task SetClosingTimeAsync(Caller caller, int voteId, DateTime? closesAtUtc, CancellationToken ct = default) =>
        ChangeAsync(caller, voteId, v => v.SetClosingTime(closesAtUtc, clock.GetUtcNow().UtcDateTime), "Vote.ClosingTime", ct);

    public Task CloseAsync(Caller caller, int voteId, CancellationToken ct = default) => ChangeAsync(caller, voteId, v => v.Close(), "Vote.Close", ct);

    /// <summary>Locks the result: the sum of the boxes (paper, refused while the two entries differ) or the cast ballots (electronic).</summary>
    public async Task<TallyResult> ConfirmAsync(Caller caller, int voteId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var vote = await FindRunnableAsync(db, caller, voteId, "Vote.Confirm", ct);
        vote.CloseIfDue(clock.GetUtcNow().UtcDateTime);
        TallyCounts counts;
        if (vote.Mode == VoteMode.Paper)
        {
            var boxes = (await db.BallotBoxEntries.AsNoTracking().Where(b => b.VoteId == voteId).ToListAsync(ct))
                .Select(b => new BoxRow(b.Box, b.Round, b.EnteredBy, b.Counts)).ToList();
            if (!boxes.Any(b => b.Round == 1)) throw new DomainException("Vote_NoBoxes");
            if (Compare(boxes).Count > 0) throw new DomainException("Vote_EntriesDiffer");
            counts = TallyCounts.Sum(boxes.Where(b => b.Round == 1).Select(b => b.Counts));
        }
        else
        {
            counts = await ElectronicCountsAsync(db, voteId, await db.VoteTokens.CountAsync(t => t.VoteId == voteId, ct), ct);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        vote.Confirm(counts, caller.UserName, now);
        var result = SatisfactionTally.ConstituentReport(counts, (await RulesAsync(db, vote.Year, ct)).ReportThresholds);
        await ApplyConsequencesAsync(db, vote, result, now, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>Changes a confirmed result; the reason is kept with the old and new counts, and the audit trail records it too.</summary>
    public async Task CorrectAsync(Caller caller, int voteId, TallyCounts counts, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("Vote_ReasonRequired");
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var vote = await FindRunnableAsync(db, caller, voteId, "Vote.Correct", ct);
        var before = JsonSerializer.Serialize(vote.Counts);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        vote.Correct(counts);
        db.VoteCorrections.Add(new VoteCorrection(voteId, reason.Trim(), caller.UserName, now, before, JsonSerializer.Serialize(counts)));
        var result = SatisfactionTally.ConstituentReport(counts, (await RulesAsync(db, vote.Year, ct)).ReportThresholds);
        await ApplyConsequencesAsync(db, vote, result, now, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    public static string HashOf(string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("dp-vote-token:" + code.Trim().ToUpperInvariant())));

    internal static async Task<SatisfactionRuleSet> RulesAsync(DeputyDbContext db, int year, CancellationToken ct) =>
        await db.SatisfactionRuleSets.AsNoTracking().FirstOrDefaultAsync(r => r.Year == year, ct) ?? SatisfactionRuleSet.Defaults(year);

    private static async Task<TallyCounts> ElectronicCountsAsync(DeputyDbContext db, int voteId, int issued, CancellationToken ct)
    {
        var options = await db.ElectronicBallots.AsNoTracking().Where(b => b.VoteId == voteId).GroupBy(b => b.Option)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Of(SatisfactionOption o) => options.FirstOrDefault(x => x.Key == o)?.Count ?? 0;
        var cast = options.Sum(o => o.Count);
        return TallyCounts.From(issued, cast, 0, Of(SatisfactionOption.Satisfied), Of(SatisfactionOption.BasicallySatisfied), Of(SatisfactionOption.Dissatisfied));
    }

    /// <summary>The rule set's consequences of a report vote, each raised once: an exit review, a rectification plan.</summary>
    private static async Task ApplyConsequencesAsync(DeputyDbContext db, SatisfactionVote vote, TallyResult result, DateTime now, CancellationToken ct)
    {
        if (vote.Kind != VoteKind.ConstituentReport || vote.ConstituentReportId is not { } reportId)
        {
            return;
        }

        var report = await db.ConstituentReports.AsNoTracking().FirstAsync(r => r.Id == reportId, ct);
        if (result.RaisesExitReview
            && !await db.ExitReviewFlags.AnyAsync(f => f.Source == ExitSources.ConstituentReport && f.ReferenceId == reportId, ct))
        {
            db.ExitReviewFlags.Add(new ExitReviewFlag(report.DeputyId, ExitSources.ConstituentReport, reportId, "Flag_ReportRateBelowThreshold", now));
        }

        if (result.NeedsRectification && !await db.RectificationPlans.AnyAsync(p => p.ConstituentReportId == reportId, ct))
        {
            var days = (await RulesAsync(db, vote.Year, ct)).RectificationDueDays;
            db.RectificationPlans.Add(new RectificationPlan(report.DeputyId, reportId, DateOnly.FromDateTime(now).AddDays(days)));
        }
    }

    private async Task<SatisfactionVote> FindRunnableAsync(DeputyDbContext db, Caller caller, int voteId, string action, CancellationToken ct)
    {
        var vote = await db.SatisfactionVotes.FirstOrDefaultAsync(v => v.Id == voteId, ct) ?? throw new NotFoundException();
        Guard.Allow(VotePolicy.CanRun(caller, vote.TownId), caller, action, logger, voteId);
        return vote;
    }

    private async Task ChangeAsync(Caller caller, int voteId, Action<SatisfactionVote> change, string action, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        change(await FindRunnableAsync(db, caller, voteId, action, ct));
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>Where an exit review flag comes from.</summary>
public static class ExitSources
{
    public const string ConstituentReport = nameof(ConstituentReport);
}
