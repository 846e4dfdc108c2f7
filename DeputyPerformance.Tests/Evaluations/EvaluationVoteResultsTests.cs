using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Evaluations;

namespace DeputyPerformance.Tests.Evaluations;

/// <summary>The 镇海 grade as an evaluation records it (graded by the vote engine), at its boundaries; quorum; void votes.</summary>
public sealed class EvaluationVoteResultsTests
{
    private static EvaluationVoteResult Vote(int members, int present, int s, int b, int d, GradingDenominator denominator = GradingDenominator.AllMembers, int invalid = 0) =>
        EvaluationVoteResults.Tally(TallyCounts.From(present, s + b + d + invalid, invalid, s, b, d), members, present, denominator);

    [Fact]
    public void FifteenOfThirtyOneMembersPresentIsNoQuorumAndRefused() =>
        Assert.Equal("Ballot_NoQuorum", Assert.Throws<DomainException>(() => Vote(31, 15, 15, 0, 0)).Key);

    [Fact]
    public void SixteenOfThirtyOneMembersPresentIsAQuorum() =>
        Assert.Equal(EvaluationOutcome.Satisfied, Vote(31, 16, 16, 0, 0).Outcome);

    [Fact]
    public void SatisfiedExactlyHalfOfThePresentIsSatisfied() =>
        Assert.Equal(EvaluationOutcome.Satisfied, Vote(31, 30, 15, 0, 15, GradingDenominator.PresentMembers).Outcome);

    [Fact]
    public void SatisfiedOneBelowHalfWithApprovingOverHalfIsBasicallySatisfied() =>
        Assert.Equal(EvaluationOutcome.BasicallySatisfied, Vote(31, 30, 14, 2, 14, GradingDenominator.PresentMembers).Outcome);

    [Fact]
    public void ApprovingExactlyHalfIsDissatisfied() =>
        Assert.Equal(EvaluationOutcome.Dissatisfied, Vote(31, 30, 10, 5, 15, GradingDenominator.PresentMembers).Outcome);

    [Fact]
    public void WithAllMembersAsDenominatorAbsentMembersCountAgainstTheGrade()
    {
        // 16 of 20 present were satisfied: over half of the present, but 16 * 2 < 35 members.
        var all = Vote(35, 20, 16, 0, 4);
        var present = Vote(35, 20, 16, 0, 4, GradingDenominator.PresentMembers);

        Assert.Equal(EvaluationOutcome.Dissatisfied, all.Outcome);
        Assert.Equal(35, all.Denominator);
        Assert.Equal(EvaluationOutcome.Satisfied, present.Outcome);
    }

    [Fact]
    public void InvalidBallotsAreNotInTheValidBallotsDenominator() =>
        Assert.Equal(EvaluationOutcome.Satisfied, Vote(31, 20, 9, 0, 9, GradingDenominator.ValidBallots, invalid: 2).Outcome);

    [Fact]
    public void MoreReturnedThanIssuedIsVoidWhateverTheCounts()
    {
        var result = EvaluationVoteResults.Tally(TallyCounts.From(20, 21, 0, 21, 0, 0), 31, 20, GradingDenominator.AllMembers);

        Assert.Equal(EvaluationOutcome.Void, result.Outcome);
        Assert.Null(result.Denominator);
    }

    [Fact]
    public void MorePresentThanMembersIsRefused() =>
        Assert.Equal("Ballot_MembersInvalid", Assert.Throws<DomainException>(() => Vote(31, 32, 32, 0, 0)).Key);

    [Theory]
    [InlineData(EvaluationOutcome.Satisfied, "satisfied")]
    [InlineData(EvaluationOutcome.BasicallySatisfied, "basically-satisfied")]
    [InlineData(EvaluationOutcome.Dissatisfied, "dissatisfied")]
    [InlineData(EvaluationOutcome.Void, "void")]
    [InlineData(EvaluationOutcome.NoQuorum, "no-quorum")]
    public void OutcomesUseTheExportContractCodes(EvaluationOutcome outcome, string code) => Assert.Equal(code, outcome.ContractCode());
}
