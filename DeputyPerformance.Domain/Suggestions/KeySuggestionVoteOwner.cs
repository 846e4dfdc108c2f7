using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Evaluations;
using DeputyPerformance.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Suggestions;

/// <summary>
/// Suggestions own the satisfaction votes on a key suggestion's handling (<see cref="VoteKind.KeySuggestion"/>, the
/// subject id is the suggestion's): the office holds one from the suggestion's page once the plan is set and the
/// department has replied, never while one runs; its electorate is the standing committee's active members of the
/// year or the deputies whose suggestion it is (the plan says which). Tallied by the engine with the 镇海 rule and a
/// quorum of the electorate; the confirmed result is recorded on the suggestion once (a correction replaces it, a void
/// vote lets a new one be held). Every call runs inside the vote engine's transaction (decision 0054).
/// </summary>
public sealed class KeySuggestionVoteOwner(TimeProvider clock, ILogger<KeySuggestionVoteOwner> logger) : IVoteSubjectOwner
{
    public VoteKind Kind => VoteKind.KeySuggestion;

    public async Task<VoteSubjectInfo> PrepareVoteAsync(DeputyDbContext db, Caller caller, int subjectId, CancellationToken ct)
    {
        var s = await LoadAsync(db, subjectId, ct);
        Guard.Allow(SuggestionPolicy.CanAct(caller, s, SuggestionAction.HoldKeyVote), caller, "Suggestion.HoldKeyVote", logger, subjectId);
        if (!s.AllowedActions().Contains(SuggestionAction.HoldKeyVote)) throw new DomainException("Suggestion_IllegalTransition");
        var electorate = await ElectorateAsync(db, s, ct);
        return new VoteSubjectInfo(s.Year, DomainText.Format("Suggestion_KeyVoteTitle", s.Year, s.Number), null, electorate);
    }

    public async Task OnVoteCreatedAsync(DeputyDbContext db, SatisfactionVote vote, CancellationToken ct)
    {
        var s = await LoadAsync(db, vote.SubjectId, ct);
        s.StartKeyVote(vote.Id, vote.CreatedBy, clock.GetUtcNow().UtcDateTime);
    }

    public async Task<int?> MembersAsync(DeputyDbContext db, SatisfactionVote vote, CancellationToken ct)
    {
        var s = await LoadAsync(db, vote.SubjectId, ct);
        var members = await ElectorateAsync(db, s, ct);
        return members > 0 ? members : null;
    }

    public async Task OnVoteConfirmedAsync(DeputyDbContext db, VoteConfirmed confirmed, CancellationToken ct)
    {
        var s = await LoadAsync(db, confirmed.Subject.Id, ct);
        s.RecordKeyVoteResult(confirmed.VoteId, confirmed.Outcome, confirmed.IsCorrection, DateOnly.FromDateTime(confirmed.AtUtc));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>How many may vote: the committee's active members of the year, or the lead deputy and his co-signers.</summary>
    internal static async Task<int> ElectorateAsync(DeputyDbContext db, Suggestion s, CancellationToken ct)
    {
        if (s.KeyVoteBody == KeyVoteBody.Deputies)
        {
            return s.DeputyIds().Count();
        }

        var members = (await EvaluationService.VoteContextAsync(db, s.Year, ct)).Members;
        if (members <= 0) throw new DomainException("Vote_MembersUnknown");
        return members;
    }

    private static async Task<Suggestion> LoadAsync(DeputyDbContext db, int id, CancellationToken ct) =>
        await db.Suggestions.Include(x => x.CoSigners).Include(x => x.Replies).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException();
}
