using DeputyPerformance.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Domain.Ballots;

public enum CastResult
{
    Recorded,
    AlreadyVoted,
    InvalidCode,
    VotingClosed,
    NotYetOpen,
}

/// <summary>What a voter sees before choosing: the vote's title, whether it takes his ballot, and if not, why.</summary>
public sealed record BallotPaper(string Title, bool Open, CastResult? Refusal);

/// <summary>
/// Anonymous electronic voting with a single-use code. Casting takes the database's write lock first, marks the
/// code's token used only if it was unused, and stores a ballot that holds nothing but a random key, the vote and the
/// option sealed with the vote's key: no token, no time, no address. The ballots are counted and destroyed at closing.
/// </summary>
public sealed class BallotService(IDbContextFactory<DeputyDbContext> factory, IBallotSecret secret, TimeProvider clock)
{
    public async Task<BallotPaper?> PaperAsync(string code, CancellationToken ct = default)
    {
        var hash = secret.HashCode(code ?? "");
        await using var db = await factory.CreateDbContextAsync(ct);
        var found = await (from t in db.VoteTokens
                           join v in db.SatisfactionVotes on t.VoteId equals v.Id
                           where t.CodeHash == hash
                           select new { v, t.Used }).AsNoTracking().FirstOrDefaultAsync(ct);
        if (found is null) return null;
        var refusal = found.Used ? CastResult.AlreadyVoted : RefusalOf(found.v, clock.GetUtcNow().UtcDateTime);
        return new BallotPaper(found.v.Title, refusal is null, refusal);
    }

    public async Task<CastResult> CastAsync(string code, SatisfactionOption option, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(option)) return CastResult.InvalidCode;
        var hash = secret.HashCode(code ?? "");
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var voteId = await db.VoteTokens.AsNoTracking().Where(t => t.CodeHash == hash).Select(t => (int?)t.VoteId).FirstOrDefaultAsync(ct);
        if (voteId is null) return CastResult.InvalidCode;
        // PostgreSQL: casts of a vote run side by side (the token's row lock makes a code count once) but never
        // across its closing, which takes the lock alone: a ballot is counted or refused, never left over. SQLite's
        // one writer serialises them already.
        await Persistence.SqlDialect.LockAsync(db, Persistence.SqlDialect.Locks.Vote + voteId.Value, ct, shared: true);
        var vote = await db.SatisfactionVotes.AsNoTracking().FirstAsync(v => v.Id == voteId, ct);
        if (RefusalOf(vote, clock.GetUtcNow().UtcDateTime) is { } refusal) return refusal;
        var marked = await db.VoteTokens.Where(t => t.CodeHash == hash && !t.Used).ExecuteUpdateAsync(s => s.SetProperty(t => t.Used, true), ct);
        if (marked == 0) return CastResult.AlreadyVoted;
        db.ElectronicBallots.Add(new ElectronicBallot(vote.Id, secret.Seal(vote.Id, option)));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return CastResult.Recorded;
    }

    private static CastResult? RefusalOf(SatisfactionVote vote, DateTime nowUtc) =>
        vote.AcceptsBallots(nowUtc) ? null : vote.Status == VoteStatus.Draft ? CastResult.NotYetOpen : CastResult.VotingClosed;
}
