using DeputyPerformance.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Domain.Ballots;

public enum CastResult
{
    Recorded,
    AlreadyVoted,
    InvalidCode,
    VotingClosed,
}

/// <summary>What a voter sees before choosing: the vote's title and whether it still takes ballots.</summary>
public sealed record BallotPaper(string Title, bool Open);

/// <summary>
/// Anonymous electronic voting with a single-use code. Casting takes the database's write lock first
/// (BEGIN IMMEDIATE), marks the token used only if it was unused, and stores a ballot that holds nothing but a
/// random key, the vote and the option: no token, no time, no address.
/// </summary>
public sealed class BallotService(IDbContextFactory<DeputyDbContext> factory, TimeProvider clock)
{
    public async Task<BallotPaper?> PaperAsync(string code, CancellationToken ct = default)
    {
        var hash = VoteService.HashOf(code ?? "");
        await using var db = await factory.CreateDbContextAsync(ct);
        var vote = await (from t in db.VoteTokens
                          join v in db.SatisfactionVotes on t.VoteId equals v.Id
                          where t.CodeHash == hash
                          select new { v, t.Used }).AsNoTracking().FirstOrDefaultAsync(ct);
        return vote is null ? null : new BallotPaper(vote.v.Title, !vote.Used && vote.v.AcceptsBallots(clock.GetUtcNow().UtcDateTime));
    }

    public async Task<CastResult> CastAsync(string code, SatisfactionOption option, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(option)) return CastResult.InvalidCode;
        var hash = VoteService.HashOf(code ?? "");
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var token = await db.VoteTokens.AsNoTracking().Where(t => t.CodeHash == hash).Select(t => new { t.Id, t.VoteId }).FirstOrDefaultAsync(ct);
        if (token is null) return CastResult.InvalidCode;
        var vote = await db.SatisfactionVotes.AsNoTracking().FirstAsync(v => v.Id == token.VoteId, ct);
        if (!vote.AcceptsBallots(clock.GetUtcNow().UtcDateTime)) return CastResult.VotingClosed;
        var marked = await db.VoteTokens.Where(t => t.Id == token.Id && !t.Used).ExecuteUpdateAsync(s => s.SetProperty(t => t.Used, true), ct);
        if (marked == 0) return CastResult.AlreadyVoted;
        db.ElectronicBallots.Add(new ElectronicBallot(token.VoteId, option));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return CastResult.Recorded;
    }
}
