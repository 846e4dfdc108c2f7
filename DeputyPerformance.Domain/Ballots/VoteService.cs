using System.Security.Cryptography;
using System.Text.Json;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Ballots;

public sealed record BoxDifference(string Box, string Field, int? First, int? Second);

public sealed record BoxRow(string Box, int Round, string EnteredBy, TallyCounts Counts);

public sealed record CorrectionRow(DateTime AtUtc, string By, string Reason, TallyCounts? Before, TallyCounts? After);

/// <summary>Another vote on the same subject, for its history (a void vote stays there as void).</summary>
public sealed record SubjectVoteRow(int Id, VoteMode Mode, VoteStatus Status, bool IsVoid, string? Verdict, DateTime? ConfirmedAtUtc);

public sealed record VoteDetail(
    int Id, VoteSubject Subject, int Year, string Title, VoteMode Mode, VoteStatus Status, int? TownId, DateTime? ClosesAtUtc,
    IReadOnlyList<BoxRow> Boxes, IReadOnlyList<BoxDifference> Differences, int TokensIssued, int TokensUsed, VoteOutcome? Result,
    IReadOnlySet<VoteAction> Allowed, bool SecondEntryRequired, bool SingleEntryOnly, bool IsCommitteeVote, int? Members, int? Present,
    int? Electorate, string? OpenedBy, string? ConfirmedBy, IReadOnlyList<CorrectionRow> Corrections, IReadOnlyList<SubjectVoteRow> History)
{
    public bool Can(VoteAction action) => Allowed.Contains(action);
}

/// <summary>
/// The one vote engine for every subject: paper counts per ballot box with an independent second entry, electronic
/// codes and sealed ballots, opening and closing, confirming the result (which locks it and hands it to the subject's
/// owner for its consequences, in the same transaction), and a correction with a reason.
/// </summary>
public sealed class VoteService(
    IDbContextFactory<DeputyDbContext> factory, IEnumerable<IVoteSubjectOwner> owners, IEnumerable<IVoteConfirmedHandler> handlers,
    IBallotSecret secret, TimeProvider clock, ILogger<VoteService> logger)
{
    public const int MaxTokensPerRequest = 2000;
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private const int CodeLength = 8;

    private IVoteSubjectOwner OwnerOf(VoteKind kind) =>
        owners.FirstOrDefault(o => o.Kind == kind) ?? throw new DomainException("Vote_KindNotSupported");

    /// <summary>A new vote on a subject; its owner decides whether one may be held now (e.g. again, after a void one).</summary>
    public async Task<int> CreateAsync(Caller caller, VoteSubject subject, VoteMode mode, DateTime? closesAtUtc = null, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(mode)) throw new DomainException("ValueInvalid");
        var owner = OwnerOf(subject.Kind);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var info = await owner.PrepareVoteAsync(db, caller, subject.Id, ct);
        Guard.Allow(VotePolicy.CanRun(caller, info.TownId), caller, "Vote.Create", logger, subject);
        if (closesAtUtc is { } at && at <= clock.GetUtcNow().UtcDateTime) throw new DomainException("Vote_ClosingInPast");
        var vote = new SatisfactionVote(subject, info.Year, info.Title, mode, info.TownId, info.Electorate, VoteTallies.IsCommitteeKind(subject.Kind),
            caller.UserName, mode == VoteMode.Electronic ? closesAtUtc : null);
        db.SatisfactionVotes.Add(vote);
        await db.SaveChangesAsync(ct);
        await owner.OnVoteCreatedAsync(db, vote, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return vote.Id;
    }

    public async Task<VoteDetail> GetAsync(Caller caller, int voteId, CancellationToken ct = default)
    {
        await CloseIfDueAsync(voteId, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var vote = await db.SatisfactionVotes.AsNoTracking().FirstOrDefaultAsync(v => v.Id == voteId, ct) ?? throw new NotFoundException();
        Guard.Allow(VotePolicy.CanRead(caller, vote.TownId), caller, "Vote.Read", logger, voteId);
        var now = clock.GetUtcNow().UtcDateTime;

        var boxes = await BoxesAsync(db, voteId, ct);
        var differences = Compare(boxes);
        var issued = vote.CodesIssued;
        var used = vote.Status is VoteStatus.Draft or VoteStatus.Open ? await db.VoteTokens.CountAsync(t => t.VoteId == voteId && t.Used, ct) : vote.Returned ?? 0;
        var rules = await RulesAsync(db, vote.Year, ct);
        var singleEntryOnly = vote.Mode == VoteMode.Paper && boxes.Count > 0 && !boxes.Any(b => b.Round == 2);
        var attendance = vote.Members is { } m && vote.Present is { } p ? new Attendance(m, p) : null;

        VoteOutcome? result = null;
        // Results appear only after closing: nobody, clerk included, sees a running electronic count. A committee vote's
        // grade needs those present, so it shows once confirmed; a paper count shows only while its two entries agree.
        if (vote.Status == VoteStatus.Confirmed)
        {
            result = VoteTallies.Tally(vote.Kind, vote.Counts!, rules, attendance);
        }
        else if (!vote.IsCommitteeVote && vote.Mode == VoteMode.Electronic && vote.Status == VoteStatus.Closed)
        {
            result = VoteTallies.Tally(vote.Kind, vote.Counts!, rules);
        }
        else if (!vote.IsCommitteeVote && vote.Mode == VoteMode.Paper && boxes.Any(b => b.Round == 1) && differences.Count == 0)
        {
            result = VoteTallies.Tally(vote.Kind, TallyCounts.Sum(boxes.Where(b => b.Round == 1).Select(b => b.Counts)), rules);
        }

        var canRun = VotePolicy.CanRun(caller, vote.TownId);
        var allowed = canRun ? vote.AllowedActions(now) : new HashSet<VoteAction>();
        var members = vote.Members ?? (vote.IsCommitteeVote ? await OwnerOf(vote.Kind).MembersAsync(db, vote, ct) : null);
        var corrections = (await db.VoteCorrections.AsNoTracking().Where(c => c.VoteId == voteId).OrderBy(c => c.AtUtc).ToListAsync(ct))
            .Select(c => new CorrectionRow(c.AtUtc, c.By, c.Reason, ParseCounts(c.Before), ParseCounts(c.After))).ToList();
        var history = await db.SatisfactionVotes.AsNoTracking().Where(v => v.Kind == vote.Kind && v.SubjectId == vote.SubjectId).OrderBy(v => v.Id)
            .Select(v => new SubjectVoteRow(v.Id, v.Mode, v.Status, v.IsVoid, v.Verdict, v.ConfirmedAtUtc)).ToListAsync(ct);

        return new VoteDetail(vote.Id, vote.Subject, vote.Year, vote.Title, vote.Mode, vote.Status, vote.TownId, vote.ClosesAtUtc,
            boxes, differences, issued, used, result, allowed, rules.RequireSecondEntry, singleEntryOnly, vote.IsCommitteeVote, members, vote.Present,
            vote.Electorate, vote.OpenedBy, vote.ConfirmedBy, corrections, history);
    }

    /// <summary>Enters (or re-enters) one ballot box of a paper vote; round 2 must be a different clerk than round 1 of that box.</summary>
    public async Task EnterBoxAsync(Caller caller, int voteId, int round, string box, TallyCounts counts, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var vote = await FindRunnableAsync(db, caller, voteId, "Vote.EnterBox", ct);
        if (!vote.AllowedActions(clock.GetUtcNow().UtcDateTime).Contains(VoteAction.EnterBox)) throw new DomainException("Vote_Locked");
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

    /// <summary>
    /// Generates N single-use codes, only before the vote opens and never beyond the electorate; they are returned once,
    /// for printing, and stored only as keyed hashes, in random order. Each generation is recorded (who, when, how many).
    /// </summary>
    public async Task<IReadOnlyList<string>> GenerateTokensAsync(Caller caller, int voteId, int count, CancellationToken ct = default)
    {
        if (count is < 1 or > MaxTokensPerRequest) throw new DomainException("Vote_TokenCount", MaxTokensPerRequest);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var vote = await FindRunnableAsync(db, caller, voteId, "Vote.Tokens", ct);
        var now = clock.GetUtcNow().UtcDateTime;
        vote.IssueCodes(count, now);
        var codes = new HashSet<string>(count);
        while (codes.Count < count)
        {
            codes.Add(RandomNumberGenerator.GetString(CodeAlphabet, CodeLength));
        }

        var printed = codes.ToList();
        var stored = printed.Select(secret.HashCode).ToArray();
        // The rows' physical order must not follow the printing order of the slips.
        RandomNumberGenerator.Shuffle(stored.AsSpan());
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.VoteTokens.AddRange(stored.Select(h => new VoteToken(voteId, h)));
        db.VoteCodeBatches.Add(new VoteCodeBatch(voteId, count, caller.UserName, now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("{User} generated {Count} codes for vote {Vote}", caller.UserName, count, voteId);
        return printed;
    }

    public Task OpenAsync(Caller caller, int voteId, CancellationToken ct = default) =>
        ChangeAsync(caller, voteId, v => v.Open(caller.UserName, clock.GetUtcNow().UtcDateTime), "Vote.Open", ct);

    public Task SetClosingTimeAsync(Caller caller, int voteId, DateTime? closesAtUtc, CancellationToken ct = default) =>
        ChangeAsync(caller, voteId, v => v.SetClosingTime(closesAtUtc, clock.GetUtcNow().UtcDateTime), "Vote.ClosingTime", ct);

    public async Task CloseAsync(Caller caller, int voteId, CancellationToken ct = default)
    {
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            await FindRunnableAsync(db, caller, voteId, "Vote.Close", ct);
        }

        await CloseCoreAsync(voteId, caller.UserName, byClosingTime: false, ct);
    }

    /// <summary>
    /// Locks the result: the sum of the boxes (paper; both entries must agree, and exist unless the year's rules let one
    /// entry stand and the clerk accepted the warning) or the counted ballots (electronic, confirmed by a second person).
    /// A committee vote records all members and those present (quorum). The subject's owner applies the consequences.
    /// </summary>
    public async Task<VoteOutcome> ConfirmAsync(Caller caller, int voteId, int? present = null, bool acceptSingleEntry = false, CancellationToken ct = default)
    {
        await CloseIfDueAsync(voteId, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var vote = await FindRunnableAsync(db, caller, voteId, "Vote.Confirm", ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (!vote.AllowedActions(now).Contains(VoteAction.Confirm)) throw new DomainException("Vote_IllegalTransition");
        var rules = await RulesAsync(db, vote.Year, ct);
        TallyCounts counts;
        if (vote.Mode == VoteMode.Paper)
        {
            var boxes = await BoxesAsync(db, voteId, ct);
            if (!boxes.Any(b => b.Round == 1)) throw new DomainException("Vote_NoBoxes");
            if (Compare(boxes).Count > 0) throw new DomainException("Vote_EntriesDiffer");
            if (!boxes.Any(b => b.Round == 2))
            {
                if (rules.RequireSecondEntry) throw new DomainException("Vote_SecondEntryRequired");
                if (!acceptSingleEntry) throw new DomainException("Vote_SingleEntryNotAccepted");
            }

            counts = TallyCounts.Sum(boxes.Where(b => b.Round == 1).Select(b => b.Counts));
        }
        else
        {
            counts = vote.Counts!;
        }

        var outcome = VoteTallies.Tally(vote.Kind, counts, rules, await AttendanceAsync(db, vote, present, ct));
        vote.Confirm(outcome, caller.UserName, now);
        await db.SaveChangesAsync(ct);
        await PublishAsync(db, new VoteConfirmed(vote.Id, vote.Subject, vote.Year, outcome, false, now), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return outcome;
    }

    /// <summary>Changes a confirmed result; the reason is kept with the old and new counts, the audit trail records it, the owner re-applies.</summary>
    public async Task<VoteOutcome> CorrectAsync(Caller caller, int voteId, TallyCounts counts, string reason, int? present = null, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("Vote_ReasonRequired");
        if (reason.Trim().Length > 1000) throw new DomainException("Vote_ReasonTooLong");
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var vote = await FindRunnableAsync(db, caller, voteId, "Vote.Correct", ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var before = JsonSerializer.Serialize(vote.Counts);
        var outcome = VoteTallies.Tally(vote.Kind, counts, await RulesAsync(db, vote.Year, ct), await AttendanceAsync(db, vote, present ?? vote.Present, ct));
        vote.Correct(outcome, now);
        db.VoteCorrections.Add(new VoteCorrection(voteId, reason.Trim(), caller.UserName, now, before, JsonSerializer.Serialize(counts)));
        await db.SaveChangesAsync(ct);
        await PublishAsync(db, new VoteConfirmed(vote.Id, vote.Subject, vote.Year, outcome, true, now), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return outcome;
    }

    internal static async Task<SatisfactionRuleSet> RulesAsync(DeputyDbContext db, int year, CancellationToken ct) =>
        await db.SatisfactionRuleSets.AsNoTracking().FirstOrDefaultAsync(r => r.Year == year, ct) ?? SatisfactionRuleSet.Defaults(year);

    /// <summary>A vote whose closing time has passed is closed (counted, ballots destroyed) by whoever looks next.</summary>
    private async Task CloseIfDueAsync(int voteId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var due = await db.SatisfactionVotes.AsNoTracking().AnyAsync(v => v.Id == voteId && v.Mode == VoteMode.Electronic && v.Status == VoteStatus.Open
            && v.ClosesAtUtc != null && v.ClosesAtUtc <= clock.GetUtcNow().UtcDateTime, ct);
        if (due) await CloseCoreAsync(voteId, "closing-time", byClosingTime: true, ct);
    }

    /// <summary>
    /// Ends electronic voting: counts the sealed ballots, records the totals on the vote and destroys the ballots in the
    /// same transaction, with secure_delete on so the freed pages are zeroed; then the WAL is checkpointed
    /// and truncated, so the files no longer hold a frame that paired a code with a ballot (decision 0011). On
    /// PostgreSQL the tokens are rewritten in that transaction and both tables vacuumed after it (decision 0082).
    /// </summary>
    private async Task CloseCoreAsync(int voteId, string actor, bool byClosingTime, CancellationToken ct)
    {
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            db.AuditActor = actor;
            await db.Database.OpenConnectionAsync(ct);
            if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete = ON;", ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // PostgreSQL: no cast of this vote runs while it closes (BallotService.CastAsync takes the lock shared).
            await Persistence.SqlDialect.LockAsync(db, Persistence.SqlDialect.Locks.Vote + voteId, ct);
            var vote = await db.SatisfactionVotes.FirstAsync(v => v.Id == voteId, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            if (byClosingTime && !vote.IsDueToClose(now)) return;
            int s = 0, b = 0, d = 0;
            await foreach (var sealedOption in db.ElectronicBallots.AsNoTracking().Where(x => x.VoteId == voteId).Select(x => x.Sealed).AsAsyncEnumerable().WithCancellation(ct))
            {
                switch (secret.Unseal(voteId, sealedOption))
                {
                    case SatisfactionOption.Satisfied: s++; break;
                    case SatisfactionOption.BasicallySatisfied: b++; break;
                    default: d++; break;
                }
            }

            var cast = s + b + d;
            vote.Close(TallyCounts.From(vote.CodesIssued, cast, 0, s, b, d), now);
            await db.SaveChangesAsync(ct);
            // The codes stay (a late voter is told the vote has ended); only the ballots, now counted, go.
            await db.ElectronicBallots.Where(x => x.VoteId == voteId).ExecuteDeleteAsync(ct);
            // PostgreSQL: the tokens' row versions of the casts are replaced by versions of this transaction (0082).
            await BallotTraces.RewriteTokensAsync(db, voteId, ct);
            await tx.CommitAsync(ct);
        }

        await TruncateWalAsync(ct);
        await BallotTraces.VacuumAsync(factory, logger, ct);
    }

    private async Task TruncateWalAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!db.Database.IsSqlite()) return;
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        // A reader still inside an older snapshot keeps the checkpoint from finishing: try again briefly.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct) && reader.GetInt32(0) == 0) return;
            await Task.Delay(50, ct);
        }

        logger.LogWarning("The WAL could not be truncated after closing a vote; it is truncated at the next checkpoint");
    }

    private async Task<Attendance?> AttendanceAsync(DeputyDbContext db, SatisfactionVote vote, int? present, CancellationToken ct)
    {
        if (!vote.IsCommitteeVote) return null;
        var members = vote.Members ?? await OwnerOf(vote.Kind).MembersAsync(db, vote, ct) ?? throw new DomainException("Vote_MembersUnknown");
        if (present is null) throw new DomainException("Vote_PresentRequired");
        return new Attendance(members, present.Value);
    }

    private async Task PublishAsync(DeputyDbContext db, VoteConfirmed confirmed, CancellationToken ct)
    {
        await OwnerOf(confirmed.Subject.Kind).OnVoteConfirmedAsync(db, confirmed, ct);
        foreach (var handler in handlers)
        {
            await handler.HandleAsync(db, confirmed, ct);
        }
    }

    private static async Task<List<BoxRow>> BoxesAsync(DeputyDbContext db, int voteId, CancellationToken ct) =>
        (await db.BallotBoxEntries.AsNoTracking().Where(b => b.VoteId == voteId).OrderBy(b => b.Round).ThenBy(b => b.Box).ToListAsync(ct))
        .Select(b => new BoxRow(b.Box, b.Round, b.EnteredBy, b.Counts)).ToList();

    private static TallyCounts? ParseCounts(string json)
    {
        try
        {
            var c = JsonSerializer.Deserialize<CountsJson>(json);
            return c is null ? null : TallyCounts.From(c.Issued, c.Returned, c.Invalid, c.Satisfied, c.BasicallySatisfied, c.Dissatisfied);
        }
        catch (Exception ex) when (ex is JsonException or DomainException)
        {
            return null;
        }
    }

    private sealed record CountsJson(int Issued, int Returned, int Invalid, int Satisfied, int BasicallySatisfied, int Dissatisfied);

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
