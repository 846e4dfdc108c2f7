using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Persistence;

namespace DeputyPerformance.Domain.Ballots;

/// <summary>What the owner of a subject tells the vote engine about a new vote.</summary>
/// <param name="Electorate">How many may vote: no more electronic codes than this are issued (null: no limit).</param>
public sealed record VoteSubjectInfo(int Year, string Title, int? TownId, int? Electorate);

/// <summary>Raised inside the confirming (or correcting) transaction; the subject's owner applies the consequences.</summary>
public sealed record VoteConfirmed(int VoteId, VoteSubject Subject, int Year, VoteOutcome Outcome, bool IsCorrection, DateTime AtUtc);

/// <summary>
/// The feature that owns a kind of vote subject (Reports owns constituent reports, Evaluations department evaluations):
/// it says whether and how a vote may be held, keeps the history of its votes, and applies the consequences of a result.
/// Every call runs inside the vote engine's transaction, on its context.
/// </summary>
public interface IVoteSubjectOwner
{
    VoteKind Kind { get; }

    /// <summary>Checks the caller may run a vote on the subject and that a new one may be held now (none pending, the last void...).</summary>
    Task<VoteSubjectInfo> PrepareVoteAsync(DeputyDbContext db, Caller caller, int subjectId, CancellationToken ct);

    /// <summary>The vote row exists (it has its id): the owner records it in the subject's history.</summary>
    Task OnVoteCreatedAsync(DeputyDbContext db, SatisfactionVote vote, CancellationToken ct);

    /// <summary>The members of the body that votes on the subject, for a committee vote's quorum (null for other votes).</summary>
    Task<int?> MembersAsync(DeputyDbContext db, SatisfactionVote vote, CancellationToken ct);

    /// <summary>A result was confirmed or corrected: apply its consequences (idempotently: a correction calls again).</summary>
    Task OnVoteConfirmedAsync(DeputyDbContext db, VoteConfirmed confirmed, CancellationToken ct);
}

/// <summary>Other features that react to any confirmed vote (the exit procedure, later) without owning its subject.</summary>
public interface IVoteConfirmedHandler
{
    Task HandleAsync(DeputyDbContext db, VoteConfirmed confirmed, CancellationToken ct);
}
