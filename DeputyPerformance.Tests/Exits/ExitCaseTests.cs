using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Domain.Exits;

namespace DeputyPerformance.Tests.Exits;

/// <summary>The exit case's state machine: every (state, action) pair, and the steps it keeps.</summary>
public sealed class ExitCaseTests
{
    private static readonly DateTime At = new(2020, 5, 1, 8, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Day = new(2020, 5, 1);
    private static readonly ExitDecision Passed = new(true, 18, 35, 18, "ExitDecision_ResignationCommittee");

    /// <summary>The procedure as the issue states it, written out independently of the domain's switch: state → action → next state.</summary>
    private static readonly Dictionary<ExitCaseState, Dictionary<ExitCaseAction, ExitCaseState>> Table = new()
    {
        [ExitCaseState.Flagged] = new()
        {
            [ExitCaseAction.StartReview] = ExitCaseState.UnderReview, [ExitCaseAction.ReceiveResignation] = ExitCaseState.ResignationPending,
            [ExitCaseAction.Terminate] = ExitCaseState.Closed, [ExitCaseAction.Suspend] = ExitCaseState.Suspended,
            [ExitCaseAction.Dismiss] = ExitCaseState.Dismissed,
        },
        [ExitCaseState.UnderReview] = new()
        {
            [ExitCaseAction.FileDefence] = ExitCaseState.UnderReview, [ExitCaseAction.HoldWarningTalk] = ExitCaseState.WarningTalk,
            [ExitCaseAction.PersuadeToResign] = ExitCaseState.PersuadedToResign, [ExitCaseAction.ReceiveResignation] = ExitCaseState.ResignationPending,
            [ExitCaseAction.StartRecall] = ExitCaseState.RecallPending, [ExitCaseAction.Terminate] = ExitCaseState.Closed,
            [ExitCaseAction.Suspend] = ExitCaseState.Suspended, [ExitCaseAction.Dismiss] = ExitCaseState.Dismissed,
        },
        [ExitCaseState.WarningTalk] = new() { [ExitCaseAction.Close] = ExitCaseState.Closed },
        [ExitCaseState.PersuadedToResign] = new()
        {
            [ExitCaseAction.ReceiveResignation] = ExitCaseState.ResignationPending, [ExitCaseAction.StartRecall] = ExitCaseState.RecallPending,
            [ExitCaseAction.Close] = ExitCaseState.Closed,
        },
        [ExitCaseState.ResignationPending] = new() { [ExitCaseAction.DecideResignation] = ExitCaseState.Closed },
        [ExitCaseState.RecallPending] = new() { [ExitCaseAction.DecideRecall] = ExitCaseState.Closed },
        [ExitCaseState.Suspended] = new() { [ExitCaseAction.Restore] = ExitCaseState.Closed, [ExitCaseAction.Terminate] = ExitCaseState.Closed },
        [ExitCaseState.Closed] = new(),
        [ExitCaseState.Dismissed] = new(),
    };

    public static TheoryData<ExitCaseState, ExitCaseAction> Pairs()
    {
        var data = new TheoryData<ExitCaseState, ExitCaseAction>();
        foreach (var state in Enum.GetValues<ExitCaseState>())
        foreach (var action in Enum.GetValues<ExitCaseAction>())
        {
            data.Add(state, action);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void EveryStateAllowsExactlyTheActionsOfTheProcedure(ExitCaseState state, ExitCaseAction action)
    {
        var c = CaseIn(state);
        var expected = Table[state].TryGetValue(action, out var next) ? next : (ExitCaseState?)null;

        Assert.Equal(expected is not null, c.AllowedActions().Contains(action));
        if (expected is { } to)
        {
            Apply(c, action);
            Assert.Equal(to, c.State);
            Assert.Equal(action, c.Steps[^1].Action);
        }
        else
        {
            var steps = c.Steps.Count;
            var ex = Assert.Throws<DomainException>(() => Apply(c, action));
            Assert.Equal("Exit_ActionNotAllowed", ex.Key);
            Assert.Equal((state, steps), (c.State, c.Steps.Count));
        }
    }

    [Fact]
    public void EveryStepKeepsWhoWhenAndWhy()
    {
        var c = NewCase();
        c.StartReview(Day.AddDays(15), "county.clerk", At, "two absences");
        c.Terminate(Day.AddDays(20), "committee.clerk", At.AddDays(20), "announced by the committee");

        var last = c.Steps[^1];
        Assert.Equal((ExitCaseState.UnderReview, ExitCaseState.Closed, "committee.clerk", At.AddDays(20), "announced by the committee"),
            (last.FromState!.Value, last.ToState, last.By, last.AtUtc, last.Note));
        Assert.Equal((ExitOutcome.Terminated, Day.AddDays(20), true), (c.Outcome, c.EffectiveOn!.Value, c.EndsMandate));
        Assert.Equal(3, c.Steps.Count);
    }

    [Fact]
    public void ARejectedResignationReturnsTheCaseToReview()
    {
        var c = NewCase();
        c.ReceiveResignation(Day, "clerk", At, "letter.pdf");
        c.DecideResignation(ExitDecisions.Resignation(DeputyLevel.County, 35, 27, 17), Day, "clerk", At);

        Assert.Equal((ExitCaseState.UnderReview, ExitOutcome.None), (c.State, c.Outcome));
        Assert.Equal("ExitDecision_ResignationCommittee", c.Steps[^1].RuleKey);
    }

    [Fact]
    public void ADismissalNeedsAReason()
    {
        var c = NewCase();
        Assert.Equal("Exit_ReasonRequired", Assert.Throws<DomainException>(() => c.Dismiss("clerk", At, " ")).Key);
        Assert.Equal(ExitCaseState.Flagged, c.State);
    }

    [Fact]
    public void TheDefenceIsRefusedAfterTheDueDate()
    {
        var c = NewCase();
        c.StartReview(Day.AddDays(15), "clerk", At, null);
        c.FileDefence("I was ill", "certificate.pdf", "deputy", At.AddDays(15));

        Assert.Equal("Exit_DefenceLate", Assert.Throws<DomainException>(() => c.FileDefence("later", null, "deputy", At.AddDays(16))).Key);
        Assert.Equal("I was ill", c.DefenceText);
    }

    [Fact]
    public void APetitionBelowTheMinimumDoesNotStartARecall()
    {
        var c = NewCase();
        c.StartReview(Day.AddDays(15), "clerk", At, null);

        var ex = Assert.Throws<DomainException>(() => c.StartRecall(ExitDecisions.Petition(DeputyLevel.County, 49, ExitRuleSet.Defaults(2020)), "clerk", At, null));

        Assert.Equal("Exit_PetitionTooSmall", ex.Key);
        Assert.Equal(ExitCaseState.UnderReview, c.State);
    }

    private static ExitCase NewCase() => new(1, 1, DeputyLevel.County, ExitGround.Flag, ExitRuleCodes.CongressAbsencesTerm, "flag raised", "clerk", At);

    private static ExitCase CaseIn(ExitCaseState state)
    {
        var c = NewCase();
        switch (state)
        {
            case ExitCaseState.Flagged:
                break;
            case ExitCaseState.UnderReview:
                Apply(c, ExitCaseAction.StartReview);
                break;
            case ExitCaseState.WarningTalk:
                Apply(c, ExitCaseAction.StartReview);
                Apply(c, ExitCaseAction.HoldWarningTalk);
                break;
            case ExitCaseState.PersuadedToResign:
                Apply(c, ExitCaseAction.StartReview);
                Apply(c, ExitCaseAction.PersuadeToResign);
                break;
            case ExitCaseState.ResignationPending:
                Apply(c, ExitCaseAction.ReceiveResignation);
                break;
            case ExitCaseState.RecallPending:
                Apply(c, ExitCaseAction.StartReview);
                Apply(c, ExitCaseAction.StartRecall);
                break;
            case ExitCaseState.Suspended:
                Apply(c, ExitCaseAction.Suspend);
                break;
            case ExitCaseState.Closed:
                Apply(c, ExitCaseAction.Terminate);
                break;
            case ExitCaseState.Dismissed:
                Apply(c, ExitCaseAction.Dismiss);
                break;
        }

        Assert.Equal(state, c.State);
        return c;
    }

    private static void Apply(ExitCase c, ExitCaseAction action)
    {
        switch (action)
        {
            case ExitCaseAction.StartReview: c.StartReview(Day.AddDays(15), "clerk", At, null); break;
            case ExitCaseAction.FileDefence: c.FileDefence("defence", null, "deputy", At); break;
            case ExitCaseAction.HoldWarningTalk: c.HoldWarningTalk("clerk", At, "talked"); break;
            case ExitCaseAction.PersuadeToResign: c.PersuadeToResign("clerk", At, "advised"); break;
            case ExitCaseAction.ReceiveResignation: c.ReceiveResignation(Day, "clerk", At, null); break;
            case ExitCaseAction.DecideResignation: c.DecideResignation(Passed, Day, "clerk", At); break;
            case ExitCaseAction.StartRecall: c.StartRecall(new ExitDecision(true, 50, 50, 50, "ExitDecision_PetitionCounty"), "clerk", At, null); break;
            case ExitCaseAction.DecideRecall: c.DecideRecall(ExitDecisions.Recall(2400, 1201), Day, "clerk", At); break;
            case ExitCaseAction.Terminate: c.Terminate(Day, "clerk", At, "announced"); break;
            case ExitCaseAction.Suspend: c.Suspend(Day, "clerk", At, "detained"); break;
            case ExitCaseAction.Restore: c.Restore(Day, "clerk", At, "released"); break;
            case ExitCaseAction.Close: c.Close("clerk", At, "done"); break;
            case ExitCaseAction.Dismiss: c.Dismiss("clerk", At, "no grounds"); break;
            default: throw new ArgumentOutOfRangeException(nameof(action));
        }
    }
}
