using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Evaluations;

/// <summary>
/// Evaluations own the committee's votes on departments: a vote is held in the hearing-and-vote phase or the re-vote
/// phase, again after a void one, never while one is pending; its electorate is the term's active committee members.
/// A confirmed result is recorded in the evaluation's vote history with its consequences (不满意 → rectification
/// required and a re-vote after the report; 基本满意 → rectification recommended by the rule set; 满意 → closed after the
/// feedback; void → held again), inside the vote engine's transaction.
/// </summary>
public sealed class EvaluationVoteOwner(TimeProvider clock, ILogger<EvaluationVoteOwner> logger) : IVoteSubjectOwner
{
    public VoteKind Kind => VoteKind.DepartmentEvaluation;

    public async Task<VoteSubjectInfo> PrepareVoteAsync(DeputyDbContext db, Caller caller, int subjectId, CancellationToken ct)
    {
        Guard.Allow(EvaluationPolicy.CanRun(caller), caller, "Evaluation.HoldVote", logger, subjectId);
        var evaluation = await EvaluationService.LoadAsync(db, subjectId, ct);
        if (evaluation.PendingVote is not null) throw new DomainException("Evaluation_VotePending");
        if (!evaluation.Allows(EvaluationAction.HoldVote))
        {
            throw new DomainException("Evaluation_ActionNotAllowed", DomainText.Get("EvaluationAction_HoldVote"), DomainText.Get("EvaluationPhase_" + evaluation.Phase));
        }

        var name = await db.GovernmentDepartments.Where(d => d.Id == evaluation.DepartmentId).Select(d => d.Name).FirstAsync(ct);
        var members = (await EvaluationService.VoteContextAsync(db, evaluation.Year, ct)).Members;
        if (members <= 0) throw new DomainException("Vote_MembersUnknown");
        var title = DomainText.Format(evaluation.VoteRound == EvaluationRound.Revote ? "Evaluation_RevoteTitle" : "Evaluation_VoteTitle", name, evaluation.Year);
        return new VoteSubjectInfo(evaluation.Year, title, null, members);
    }

    public async Task OnVoteCreatedAsync(DeputyDbContext db, SatisfactionVote vote, CancellationToken ct)
    {
        var evaluation = await EvaluationService.LoadAsync(db, vote.SubjectId, ct);
        evaluation.StartVote(vote.Id, Today);
    }

    public async Task<int?> MembersAsync(DeputyDbContext db, SatisfactionVote vote, CancellationToken ct)
    {
        var members = (await EvaluationService.VoteContextAsync(db, vote.Year, ct)).Members;
        return members > 0 ? members : null;
    }

    public async Task OnVoteConfirmedAsync(DeputyDbContext db, VoteConfirmed confirmed, CancellationToken ct)
    {
        var evaluation = await EvaluationService.LoadAsync(db, confirmed.Subject.Id, ct);
        var rules = await EvaluationRuleService.EffectiveAsync(db, evaluation.Year, ct);
        var result = EvaluationVoteResults.From(confirmed.Outcome);
        var on = DateOnly.FromDateTime(confirmed.AtUtc);
        if (confirmed.IsCorrection)
        {
            evaluation.CorrectVoteResult(confirmed.VoteId, result, rules, on);
        }
        else
        {
            evaluation.ApplyVoteResult(confirmed.VoteId, result, rules, on);
        }
    }

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
}
