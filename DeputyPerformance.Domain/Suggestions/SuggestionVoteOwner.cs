using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Suggestions;

/// <summary>
/// Suggestions own the votes on a reply (<see cref="VoteKind.SuggestionReply"/>): the deputy's rating is a vote of one
/// voter, held and confirmed by <see cref="SuggestionService.RateAsync"/> (decision 0051), so no clerk starts one on the
/// vote page; a confirmed result is the reply's rating and moves the suggestion on (不满意 reopens the handling).
/// </summary>
public sealed class SuggestionVoteOwner(ILogger<SuggestionVoteOwner> logger) : IVoteSubjectOwner
{
    public VoteKind Kind => VoteKind.SuggestionReply;

    public Task<VoteSubjectInfo> PrepareVoteAsync(DeputyDbContext db, Caller caller, int subjectId, CancellationToken ct)
    {
        logger.LogWarning("{User} tried to start a vote on suggestion reply {Reply} on the vote page", caller.UserName, subjectId);
        throw new DomainException("Suggestion_RatedOnItsPage");
    }

    public Task OnVoteCreatedAsync(DeputyDbContext db, SatisfactionVote vote, CancellationToken ct) => Task.CompletedTask;

    public Task<int?> MembersAsync(DeputyDbContext db, SatisfactionVote vote, CancellationToken ct) => Task.FromResult<int?>(null);

    /// <summary>The rating stands once given: a correction of the vote is refused (it would rewrite the handling that followed).</summary>
    public async Task OnVoteConfirmedAsync(DeputyDbContext db, VoteConfirmed confirmed, CancellationToken ct)
    {
        if (confirmed.IsCorrection) throw new DomainException("Suggestion_RatingFinal");
        if (confirmed.Outcome.IsVoid || confirmed.Outcome.Grade is not { } grade) throw new DomainException("ValueInvalid");
        var reply = await db.SuggestionReplies.AsNoTracking().FirstOrDefaultAsync(r => r.Id == confirmed.Subject.Id, ct) ?? throw new NotFoundException();
        var suggestion = await db.Suggestions.Include(s => s.Replies).FirstAsync(s => s.Id == reply.SuggestionId, ct);
        if (suggestion.Replies[^1].Id != reply.Id || reply.Rating is not null) throw new DomainException("Suggestion_IllegalTransition");
        var rating = grade switch
        {
            DepartmentGrade.Satisfied => SatisfactionOption.Satisfied,
            DepartmentGrade.BasicallySatisfied => SatisfactionOption.BasicallySatisfied,
            _ => SatisfactionOption.Dissatisfied,
        };
        var rules = await SuggestionService.RulesAsync(db, suggestion.Year, ct);
        suggestion.Rate(rating, DateOnly.FromDateTime(confirmed.AtUtc), confirmed.VoteId, rules, db.AuditActor, confirmed.AtUtc);
        await db.SaveChangesAsync(ct);
    }
}
