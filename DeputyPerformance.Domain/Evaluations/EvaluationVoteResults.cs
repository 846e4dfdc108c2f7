using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;

namespace DeputyPerformance.Domain.Evaluations;

/// <summary>The result of one committee vote on a department, as the evaluation records it.</summary>
public sealed record EvaluationVoteResult(EvaluationOutcome Outcome, int Members, int Present, TallyCounts Counts, int? Denominator, string DecidingRule);

/// <summary>Reads the vote engine's outcome of a committee vote as an evaluation records it.</summary>
public static class EvaluationVoteResults
{
    /// <summary>
    /// A department's committee vote graded by the vote engine itself (seeding, benchmarks and tests record votes
    /// without the vote page): one grading rule, whichever way a vote arrives.
    /// </summary>
    public static EvaluationVoteResult Tally(TallyCounts counts, int members, int present, GradingDenominator denominator) =>
        From(VoteTallies.Committee(VoteKind.DepartmentEvaluation, counts, new Attendance(members, present), denominator));

    public static EvaluationVoteResult From(Ballots.VoteOutcome outcome)
    {
        var o = outcome.IsVoid ? EvaluationOutcome.Void : outcome.Grade switch
        {
            DepartmentGrade.Satisfied => EvaluationOutcome.Satisfied,
            DepartmentGrade.BasicallySatisfied => EvaluationOutcome.BasicallySatisfied,
            DepartmentGrade.Dissatisfied => EvaluationOutcome.Dissatisfied,
            _ => throw new DomainException("ValueInvalid"),
        };
        return new EvaluationVoteResult(o, outcome.Members ?? 0, outcome.Present ?? 0, outcome.Counts, outcome.Denominator, outcome.DecidingRule);
    }
}
