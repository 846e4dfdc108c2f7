using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Evaluations;

namespace DeputyPerformance.Tests.Evaluations;

/// <summary>The evaluation's state machine: every (state, action) pair, and what each transition leaves behind.</summary>
public sealed class EvaluationWorkflowTests
{
    private static readonly DateOnly Day = new(2019, 3, 1);
    private static readonly EvaluationRuleSet Rules = EvaluationRuleSet.Defaults(2019);

    private static EvaluationVoteResult Result(int satisfied, int basic, int dissatisfied, int present = 31, int members = 35) =>
        EvaluationVoteResults.Tally(TallyCounts.From(present, present, present - satisfied - basic - dissatisfied, satisfied, basic, dissatisfied),
            members, present, GradingDenominator.AllMembers);

    private static readonly EvaluationVoteResult Satisfied = Result(20, 10, 1);
    private static readonly EvaluationVoteResult Basic = Result(10, 15, 6);
    private static readonly EvaluationVoteResult Dissatisfied = Result(5, 10, 16);

    /// <summary>The states a test can start from, each reached through the public transitions only.</summary>
    private static DepartmentEvaluation In(string state)
    {
        var e = new DepartmentEvaluation(1, 2019, Day);
        void ToHearing()
        {
            e.CompletePhase(Day);
            e.CompletePhase(Day);
            e.CompletePhase(Day);
        }

        switch (state)
        {
            case "Publicity": break;
            case "SelfCheck": e.CompletePhase(Day); break;
            case "Investigation": e.CompletePhase(Day); e.CompletePhase(Day); break;
            case "HearingAndVote": ToHearing(); break;
            case "HearingAndVote, vote running": ToHearing(); e.StartVote(7, Day); break;
            case "HearingAndVote, after a void vote": ToHearing(); e.RecordVote(EvaluationVoteResults.Tally(TallyCounts.From(30, 31, 0, 31, 0, 0), 35, 31, GradingDenominator.AllMembers), Rules, Day); break;
            case "Feedback, dissatisfied": ToHearing(); e.RecordVote(Dissatisfied, Rules, Day); break;
            case "Feedback, satisfied": ToHearing(); e.RecordVote(Satisfied, Rules, Day); break;
            case "Rectification": ToHearing(); e.RecordVote(Dissatisfied, Rules, Day); e.Publish(Day, Rules); break;
            case "RectificationReport, dissatisfied": ToHearing(); e.RecordVote(Dissatisfied, Rules, Day); e.Publish(Day, Rules); e.ReceiveRectificationReport(Day); break;
            case "RectificationReport, basically satisfied": ToHearing(); e.RecordVote(Basic, Rules, Day); e.Publish(Day, Rules); e.ReceiveRectificationReport(Day); break;
            case "Revote": ToHearing(); e.RecordVote(Dissatisfied, Rules, Day); e.Publish(Day, Rules); e.ReceiveRectificationReport(Day); e.StartRevote(Day); break;
            case "Revote, vote running": ToHearing(); e.RecordVote(Dissatisfied, Rules, Day); e.Publish(Day, Rules); e.ReceiveRectificationReport(Day); e.StartRevote(Day); e.StartVote(8, Day); break;
            case "Closed": ToHearing(); e.RecordVote(Satisfied, Rules, Day); e.Publish(Day, Rules); break;
            case "Withdrawn": e.Withdraw("merged into another department", Day); break;
            default: throw new ArgumentOutOfRangeException(nameof(state));
        }

        return e;
    }

    /// <summary>The table: which actions each state allows (all others are refused).</summary>
    private static readonly Dictionary<string, EvaluationAction[]> Table = new()
    {
        ["Publicity"] = [EvaluationAction.CompletePhase, EvaluationAction.Withdraw],
        ["SelfCheck"] = [EvaluationAction.CompletePhase, EvaluationAction.Withdraw],
        ["Investigation"] = [EvaluationAction.CompletePhase, EvaluationAction.Withdraw],
        ["HearingAndVote"] = [EvaluationAction.HoldVote, EvaluationAction.Withdraw],
        ["HearingAndVote, vote running"] = [],
        ["HearingAndVote, after a void vote"] = [EvaluationAction.HoldVote, EvaluationAction.Withdraw],
        ["Feedback, dissatisfied"] = [EvaluationAction.Publish],
        ["Feedback, satisfied"] = [EvaluationAction.Publish],
        ["Rectification"] = [EvaluationAction.ReceiveRectificationReport],
        ["RectificationReport, dissatisfied"] = [EvaluationAction.StartRevote],
        ["RectificationReport, basically satisfied"] = [EvaluationAction.Close],
        ["Revote"] = [EvaluationAction.HoldVote],
        ["Revote, vote running"] = [],
        ["Closed"] = [],
        ["Withdrawn"] = [],
    };

    public static TheoryData<string, EvaluationAction, bool> EveryPair()
    {
        var data = new TheoryData<string, EvaluationAction, bool>();
        foreach (var (state, allowed) in Table)
        {
            foreach (var action in Enum.GetValues<EvaluationAction>())
            {
                data.Add(state, action, allowed.Contains(action));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void EachStateAllowsExactlyItsActionsAndRefusesTheOthers(string state, EvaluationAction action, bool allowed)
    {
        var evaluation = In(state);

        Assert.Equal(allowed, evaluation.AllowedActions().Contains(action));
        var attempt = Record.Exception(() => Perform(evaluation, action));
        if (allowed)
        {
            Assert.Null(attempt);
        }
        else
        {
            Assert.Equal("Evaluation_ActionNotAllowed", Assert.IsType<DomainException>(attempt).Key);
        }
    }

    [Fact]
    public void TheTableCoversEveryPhase()
    {
        var phases = Table.Keys.Select(In).Select(e => e.Phase).Distinct();

        Assert.Equal(Enum.GetValues<EvaluationPhase>().Order(), phases.Order());
    }

    private static void Perform(DepartmentEvaluation e, EvaluationAction action)
    {
        switch (action)
        {
            case EvaluationAction.CompletePhase: e.CompletePhase(Day); break;
            case EvaluationAction.HoldVote: e.StartVote(99, Day); break;
            case EvaluationAction.Publish: e.Publish(Day, Rules); break;
            case EvaluationAction.ReceiveRectificationReport: e.ReceiveRectificationReport(Day); break;
            case EvaluationAction.StartRevote: e.StartRevote(Day); break;
            case EvaluationAction.Close: e.Close(Day); break;
            case EvaluationAction.Withdraw: e.Withdraw("reason", Day); break;
        }
    }

    [Fact]
    public void ADissatisfiedGradeRequiresRectificationWithItsDeadlineAndThenARevote()
    {
        var e = In("Feedback, dissatisfied");
        Assert.True(e.RectificationRequired);
        Assert.Equal(EvaluationOutcome.Dissatisfied, e.Grade);

        e.Publish(new DateOnly(2019, 5, 31), Rules);

        Assert.Equal(EvaluationPhase.Rectification, e.Phase);
        Assert.Equal(new DateOnly(2019, 8, 31), e.RectificationDue);
        Assert.Equal(new DateOnly(2019, 8, 31), e.NextDate);
        Assert.True(e.IsOverdue(new DateOnly(2019, 9, 1)));
        Assert.False(e.IsOverdue(new DateOnly(2019, 8, 31)));
        e.ReceiveRectificationReport(new DateOnly(2019, 8, 20));
        e.StartRevote(new DateOnly(2019, 9, 1));
        e.StartVote(12, new DateOnly(2019, 9, 10));
        e.ApplyVoteResult(12, Basic, Rules, new DateOnly(2019, 9, 10));

        Assert.Equal(EvaluationPhase.Closed, e.Phase);
        Assert.Equal(EvaluationOutcome.BasicallySatisfied, e.RevoteGrade);
        Assert.Equal(EvaluationOutcome.Dissatisfied, e.Grade);
    }

    [Fact]
    public void ABasicallySatisfiedGradeRecommendsRectificationWhenTheRulesSaySoAndClosesWithoutARevote()
    {
        var e = In("RectificationReport, basically satisfied");

        Assert.True(e.RectificationRecommended);
        Assert.False(e.RectificationRequired);
        e.Close(Day);
        Assert.Equal(EvaluationPhase.Closed, e.Phase);
        Assert.Null(e.RevoteGrade);
    }

    [Fact]
    public void ABasicallySatisfiedGradeClosesAfterFeedbackWhenTheRulesDoNotRecommendRectification()
    {
        var rules = EvaluationRuleSet.Defaults(2019);
        rules.BasicRecommendsRectification = false;
        var e = In("HearingAndVote");
        e.RecordVote(Basic, rules, Day);

        e.Publish(Day, rules);

        Assert.Equal(EvaluationPhase.Closed, e.Phase);
        Assert.Null(e.RectificationDue);
    }

    [Fact]
    public void ASatisfiedGradeClosesAfterTheFeedback()
    {
        var e = In("Closed");

        Assert.Equal(EvaluationOutcome.Satisfied, e.Grade);
        Assert.Null(e.RectificationDue);
        Assert.NotNull(e.PublishedOn);
    }

    [Fact]
    public void AVoidVoteStaysInTheHistoryAsVoidAndTheVoteIsHeldAgain()
    {
        var e = In("HearingAndVote, after a void vote");

        Assert.Equal(EvaluationPhase.HearingAndVote, e.Phase);
        Assert.Null(e.Grade);
        e.RecordVote(Satisfied, Rules, Day);

        Assert.Equal([EvaluationOutcome.Void, EvaluationOutcome.Satisfied], e.Votes.Select(v => v.Outcome!.Value));
        Assert.Equal(EvaluationOutcome.Satisfied, e.Grade);
        Assert.Equal(EvaluationPhase.FeedbackAndPublication, e.Phase);
    }

    [Fact]
    public void AResultForAnotherVoteThanTheRunningOneIsRefused()
    {
        var e = In("HearingAndVote, vote running");

        var ex = Assert.Throws<DomainException>(() => e.ApplyVoteResult(8, Satisfied, Rules, Day));

        Assert.Equal("Evaluation_NoPendingVote", ex.Key);
        Assert.Null(e.Grade);
    }

    [Fact]
    public void ARunningPhasePastItsPlannedEndIsOverdue()
    {
        var e = In("SelfCheck");
        e.PlanPhase(EvaluationPhase.SelfCheck, new DateOnly(2019, 3, 1), new DateOnly(2019, 3, 31), "王科长", null);

        Assert.True(e.PhaseRecord(EvaluationPhase.SelfCheck).IsOverdue(new DateOnly(2019, 4, 1)));
        Assert.False(e.PhaseRecord(EvaluationPhase.SelfCheck).IsOverdue(new DateOnly(2019, 3, 31)));
        Assert.True(e.IsOverdue(new DateOnly(2019, 4, 1)));
        e.CompletePhase(new DateOnly(2019, 4, 2));
        Assert.False(e.PhaseRecord(EvaluationPhase.SelfCheck).IsOverdue(new DateOnly(2019, 4, 3)));
        Assert.Equal(new DateOnly(2019, 4, 2), e.PhaseRecord(EvaluationPhase.SelfCheck).ActualEnd);
        Assert.Equal(new DateOnly(2019, 4, 2), e.PhaseRecord(EvaluationPhase.Investigation).ActualStart);
    }

    [Fact]
    public void AWithdrawalNeedsAReason()
    {
        var e = In("Publicity");

        Assert.Equal("Evaluation_ReasonRequired", Assert.Throws<DomainException>(() => e.Withdraw(" ", Day)).Key);
        Assert.Equal(EvaluationPhase.Publicity, e.Phase);
    }
}
