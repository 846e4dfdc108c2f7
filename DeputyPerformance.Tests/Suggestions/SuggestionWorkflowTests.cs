using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Suggestions;

namespace DeputyPerformance.Tests.Suggestions;

/// <summary>The suggestion's state machine: every (state, action) pair is either allowed and works, or refused by the state.</summary>
public sealed class SuggestionWorkflowTests
{
    private static readonly DateTime At = new(2020, 3, 20, 9, 0, 0, DateTimeKind.Utc);
    private static readonly SuggestionRuleSet Rules = SuggestionRuleSet.Defaults(2020);

    /// <summary>The expected table: what each state allows (with a co-handler assigned, and before any extension).</summary>
    private static readonly Dictionary<SuggestionStatus, SuggestionAction[]> Allowed = new()
    {
        [SuggestionStatus.Submitted] = [SuggestionAction.Accept, SuggestionAction.TurnIntoLetter, SuggestionAction.Return],
        [SuggestionStatus.Returned] = [SuggestionAction.Resubmit],
        [SuggestionStatus.Letter] = [],
        [SuggestionStatus.Accepted] = [SuggestionAction.Assign, SuggestionAction.TurnIntoLetter],
        [SuggestionStatus.Handling] = [SuggestionAction.Extend, SuggestionAction.Urge, SuggestionAction.ChangeDepartment, SuggestionAction.SendCoOpinion, SuggestionAction.Reply],
        [SuggestionStatus.Replied] = [SuggestionAction.Rate],
        [SuggestionStatus.Rated] = [SuggestionAction.Close],
        [SuggestionStatus.Closed] = [],
    };

    public static TheoryData<SuggestionStatus, SuggestionAction> EveryPair()
    {
        var data = new TheoryData<SuggestionStatus, SuggestionAction>();
        foreach (var status in Enum.GetValues<SuggestionStatus>())
        {
            foreach (var action in Enum.GetValues<SuggestionAction>())
            {
                data.Add(status, action);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void EachStateAllowsExactlyItsActionsAndRefusesTheOthers(SuggestionStatus status, SuggestionAction action)
    {
        var s = InState(status);
        var expected = Allowed[status].Contains(action);

        Assert.Equal(expected, s.AllowedActions().Contains(action));
        if (expected)
        {
            Do(s, action);
        }
        else
        {
            var ex = Assert.Throws<DomainException>(() => Do(s, action));
            Assert.Equal("Suggestion_IllegalTransition", ex.Key);
            Assert.Equal(status, s.Status);
        }
    }

    [Fact]
    public void TheTableCoversEveryState() => Assert.Equal(Enum.GetValues<SuggestionStatus>().Order(), Allowed.Keys.Order());

    [Fact]
    public void TheDeadlineIsExtendedOnceOnlyAndFromTheAssignment()
    {
        var s = InState(SuggestionStatus.Handling);
        Assert.Equal(new DateOnly(2020, 6, 20), s.DueOn);

        s.Extend("needs the budget", Rules, "clerk", At);

        Assert.Equal(new DateOnly(2020, 9, 20), s.DueOn);
        Assert.DoesNotContain(SuggestionAction.Extend, s.AllowedActions());
        Assert.Throws<DomainException>(() => s.Extend("again", Rules, "clerk", At));
    }

    [Fact]
    public void ADissatisfiedRatingReopensTheHandlingWithADeadlineOneMonthLaterAndASecondOneStands()
    {
        var s = InState(SuggestionStatus.Replied);

        s.Rate(SatisfactionOption.Dissatisfied, new DateOnly(2021, 1, 31), null, Rules, "deputy", At);

        Assert.Equal(SuggestionStatus.Handling, s.Status);
        Assert.Equal(new DateOnly(2021, 2, 28), s.DueOn);
        Assert.DoesNotContain(SuggestionAction.Extend, s.AllowedActions());
        s.Reply(ReplyCategory.A, "done now", "visit", new DateOnly(2021, 2, 20), "handler", At);
        s.Rate(SatisfactionOption.Dissatisfied, new DateOnly(2021, 2, 25), null, Rules, "deputy", At);
        Assert.Equal(SuggestionStatus.Rated, s.Status);
        Assert.Equal(2, s.Replies.Count);
        Assert.Equal(SatisfactionOption.Dissatisfied, s.Rating);
    }

    [Fact]
    public void TheOnTimeMarkIsTheFirstRepliesAndALateOneIsLate()
    {
        var s = InState(SuggestionStatus.Handling);

        s.Reply(ReplyCategory.B, "working on it", "telephone", new DateOnly(2020, 6, 21), "handler", At);

        Assert.False(s.RepliedOnTime);
    }

    [Fact]
    public void AChangeOfDepartmentNeedsAReasonKeepsTheDeadlineAndDropsTheNewLeadFromTheCoHandlers()
    {
        var s = InState(SuggestionStatus.Handling);

        Assert.Throws<DomainException>(() => s.ChangeDepartment(2, " ", "clerk", At));
        s.ChangeDepartment(2, "the roads office handles this", "clerk", At);

        Assert.Equal((2, new DateOnly(2020, 6, 20)), (s.LeadDepartmentId!.Value, s.DueOn!.Value));
        Assert.Empty(s.CoHandlers);
        Assert.DoesNotContain(SuggestionAction.SendCoOpinion, s.AllowedActions());
    }

    [Fact]
    public void UrgingIsCountedAndRecorded()
    {
        var s = InState(SuggestionStatus.Handling);

        s.Urge("called the office", "clerk", At);
        s.Urge(null, "clerk", At);

        Assert.Equal(2, s.UrgeCount);
        Assert.Equal(2, s.Events.Count(e => e.Action == SuggestionAction.Urge));
    }

    private static Suggestion InState(SuggestionStatus status)
    {
        var s = new Suggestion(2020, 1, 7, 1, "Repair the bridge", "The bridge at the market is unsafe.", "transport", [8], "deputy", At);
        switch (status)
        {
            case SuggestionStatus.Submitted:
                return s;
            case SuggestionStatus.Returned:
                s.Return("not concrete", "clerk", At);
                return s;
            case SuggestionStatus.Letter:
                s.TurnIntoLetter(null, "clerk", At);
                return s;
        }

        s.Accept("clerk", At);
        if (status == SuggestionStatus.Accepted) return s;
        s.Assign(1, [2], new DateOnly(2020, 3, 20), Rules, "clerk", At);
        if (status == SuggestionStatus.Handling) return s;
        s.Reply(ReplyCategory.B, "being repaired", "visit", new DateOnly(2020, 5, 1), "handler", At);
        if (status == SuggestionStatus.Replied) return s;
        s.Rate(SatisfactionOption.Satisfied, new DateOnly(2020, 5, 10), null, Rules, "deputy", At);
        if (status == SuggestionStatus.Rated) return s;
        s.Close("clerk", At);
        return s;
    }

    private static void Do(Suggestion s, SuggestionAction action)
    {
        switch (action)
        {
            case SuggestionAction.Accept: s.Accept("clerk", At); break;
            case SuggestionAction.TurnIntoLetter: s.TurnIntoLetter("a letter", "clerk", At); break;
            case SuggestionAction.Return: s.Return("reason", "clerk", At); break;
            case SuggestionAction.Resubmit: s.Resubmit("Repair the bridge", "Concrete now.", null, "deputy", At); break;
            case SuggestionAction.Assign: s.Assign(1, [2], new DateOnly(2020, 3, 20), Rules, "clerk", At); break;
            case SuggestionAction.Extend: s.Extend("reason", Rules, "clerk", At); break;
            case SuggestionAction.Urge: s.Urge(null, "clerk", At); break;
            case SuggestionAction.ChangeDepartment: s.ChangeDepartment(3, "reason", "clerk", At); break;
            case SuggestionAction.SendCoOpinion: s.SendCoOpinion(2, "our opinion", "handler2", At); break;
            case SuggestionAction.Reply: s.Reply(ReplyCategory.A, "solved", "visit", new DateOnly(2020, 5, 1), "handler", At); break;
            case SuggestionAction.Rate: s.Rate(SatisfactionOption.Satisfied, new DateOnly(2020, 5, 10), null, Rules, "deputy", At); break;
            case SuggestionAction.Close: s.Close("clerk", At); break;
            default: throw new ArgumentOutOfRangeException(nameof(action));
        }
    }
}
