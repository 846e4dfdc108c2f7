using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Suggestions;

namespace DeputyPerformance.Tests.Suggestions;

/// <summary>The suggestion's state machine: every (state, action) pair is either allowed and works, or refused by the state.</summary>
public sealed class SuggestionWorkflowTests
{
    private static readonly DateTime At = new(2020, 3, 20, 9, 0, 0, DateTimeKind.Utc);
    private static readonly SuggestionRuleSet Rules = SuggestionRuleSet.Defaults(2020);

    /// <summary>
    /// The expected table: what each state allows (with a co-handler assigned, before any extension, not yet a key
    /// suggestion, no reply published): the committee may make it a key suggestion once accepted, the office may
    /// publish a reply once there is one.
    /// </summary>
    private static readonly Dictionary<SuggestionStatus, SuggestionAction[]> Allowed = new()
    {
        [SuggestionStatus.Submitted] = [SuggestionAction.Accept, SuggestionAction.TurnIntoLetter, SuggestionAction.Return],
        [SuggestionStatus.Returned] = [SuggestionAction.Resubmit],
        [SuggestionStatus.Letter] = [],
        [SuggestionStatus.Accepted] = [SuggestionAction.Assign, SuggestionAction.TurnIntoLetter, SuggestionAction.MakeKey],
        [SuggestionStatus.Handling] = [SuggestionAction.Extend, SuggestionAction.Urge, SuggestionAction.ChangeDepartment, SuggestionAction.SendCoOpinion, SuggestionAction.Reply,
            SuggestionAction.MakeKey],
        [SuggestionStatus.Replied] = [SuggestionAction.Rate, SuggestionAction.MakeKey, SuggestionAction.PublishReply],
        [SuggestionStatus.Rated] = [SuggestionAction.Close, SuggestionAction.MakeKey, SuggestionAction.PublishReply],
        [SuggestionStatus.Closed] = [SuggestionAction.MakeKey, SuggestionAction.PublishReply],
    };

    /// <summary>The stages of a key suggestion's supervision, each over the handling state it is tried in.</summary>
    public enum KeyStage
    {
        PickedInHandling,
        PlannedInHandling,
        PlannedAndReplied,
        Voting,
        Concluded,
    }

    /// <summary>The key actions each stage allows (the handling's own actions come on top and are checked above).</summary>
    private static readonly Dictionary<KeyStage, SuggestionAction[]> KeyAllowed = new()
    {
        [KeyStage.PickedInHandling] = [SuggestionAction.PlanSupervision],
        [KeyStage.PlannedInHandling] = [SuggestionAction.PlanSupervision, SuggestionAction.LogVisit],
        [KeyStage.PlannedAndReplied] = [SuggestionAction.PlanSupervision, SuggestionAction.LogVisit, SuggestionAction.HoldKeyVote],
        [KeyStage.Voting] = [],
        [KeyStage.Concluded] = [],
    };

    private static readonly SuggestionAction[] KeyOnly =
        [SuggestionAction.MakeKey, SuggestionAction.PlanSupervision, SuggestionAction.LogVisit, SuggestionAction.HoldKeyVote];

    public static TheoryData<KeyStage, SuggestionAction> EveryKeyPair()
    {
        var data = new TheoryData<KeyStage, SuggestionAction>();
        foreach (var stage in Enum.GetValues<KeyStage>())
        {
            foreach (var action in KeyOnly)
            {
                data.Add(stage, action);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryKeyPair))]
    public void EachKeyStageAllowsExactlyItsSupervisionStepsAndRefusesTheOthers(KeyStage stage, SuggestionAction action)
    {
        var s = InKeyStage(stage);
        var expected = KeyAllowed[stage].Contains(action);

        Assert.Equal(expected, s.AllowedActions().Contains(action));
        if (expected)
        {
            Do(s, action);
        }
        else
        {
            var ex = Assert.Throws<DomainException>(() => Do(s, action));
            Assert.Equal("Suggestion_IllegalTransition", ex.Key);
        }
    }

    [Fact]
    public void MakingAKeySuggestionRecordsTheSupervisorWhoAndWhen()
    {
        var s = InState(SuggestionStatus.Handling);

        s.MakeKey(5, "Vice-chairman Wang", "clerk", At);

        Assert.Equal((true, 5, "Vice-chairman Wang", "clerk", At), (s.IsKey, s.SupervisorMemberId!.Value, s.Supervisor!, s.KeyPickedBy!, s.KeyPickedAtUtc!.Value));
        Assert.Equal(SuggestionAction.MakeKey, s.Events[^1].Action);
        Assert.Throws<DomainException>(() => s.MakeKey(6, "Another", "clerk", At));
    }

    [Fact]
    public void APlanNeedsTextAndDatesInOrderAndAVisitNeedsParticipants()
    {
        var s = InKeyStage(KeyStage.PickedInHandling);

        Assert.Equal("Suggestion_PlanRequired", Assert.Throws<DomainException>(() => s.PlanSupervision(" ", new DateOnly(2020, 4, 1), new DateOnly(2020, 10, 1), KeyVoteBody.Committee, "clerk", At)).Key);
        Assert.Equal("Suggestion_PlanOrder", Assert.Throws<DomainException>(() => s.PlanSupervision("plan", new DateOnly(2020, 10, 1), new DateOnly(2020, 4, 1), KeyVoteBody.Committee, "clerk", At)).Key);
        s.PlanSupervision("plan", new DateOnly(2020, 4, 1), new DateOnly(2020, 10, 1), KeyVoteBody.Deputies, "clerk", At);
        Assert.Equal("Suggestion_ParticipantsRequired", Assert.Throws<DomainException>(() => s.LogVisit(new DateOnly(2020, 4, 2), VisitKind.Visit, "", null, "wang", At)).Key);
        s.LogVisit(new DateOnly(2020, 4, 2), VisitKind.Meeting, "Wang, the bureau", "agreed a timetable", "wang", At);

        Assert.Equal((KeyVoteBody.Deputies, 1, VisitKind.Meeting), (s.KeyVoteBody!.Value, s.Visits.Count, s.Visits[0].Kind));
    }

    [Fact]
    public void TheKeyVotesResultIsRecordedOnceACorrectionReplacesItAndAVoidVoteLetsANewOneBeHeld()
    {
        var s = InKeyStage(KeyStage.Voting);
        var rules = SatisfactionRuleSet.Defaults(2020);
        VoteOutcome Outcome(int satisfied, int basically, int dissatisfied) =>
            VoteTallies.Tally(VoteKind.KeySuggestion, TallyCounts.From(30, 30, 0, satisfied, basically, dissatisfied), rules, new Attendance(35, 30));

        s.RecordKeyVoteResult(41, VoteTallies.Tally(VoteKind.KeySuggestion, TallyCounts.From(20, 25, 0, 25, 0, 0), rules, new Attendance(35, 30)), false, new DateOnly(2020, 11, 1));
        Assert.Null(s.KeyVoteId);
        Assert.Contains(SuggestionAction.HoldKeyVote, s.AllowedActions());
        s.StartKeyVote(42, "clerk", At);

        s.RecordKeyVoteResult(42, Outcome(25, 3, 2), false, new DateOnly(2020, 11, 2));
        Assert.Equal((DepartmentGrade.Satisfied, new DateOnly(2020, 11, 2)), (s.KeyGrade!.Value, s.KeyConcludedOn!.Value));
        Assert.Throws<DomainException>(() => s.RecordKeyVoteResult(42, Outcome(25, 3, 2), false, new DateOnly(2020, 11, 3)));
        Assert.Throws<DomainException>(() => s.RecordKeyVoteResult(41, Outcome(25, 3, 2), true, new DateOnly(2020, 11, 3)));

        s.RecordKeyVoteResult(42, Outcome(5, 5, 20), true, new DateOnly(2020, 11, 9));
        Assert.Equal((DepartmentGrade.Dissatisfied, new DateOnly(2020, 11, 2)), (s.KeyGrade!.Value, s.KeyConcludedOn!.Value));
        Assert.DoesNotContain(SuggestionAction.HoldKeyVote, s.AllowedActions());
    }

    [Fact]
    public void PublishingTheLatestReplyRecordsWhoAndWhenAndCanBeWithdrawn()
    {
        var s = InState(SuggestionStatus.Rated);

        s.PublishReply(true, "clerk", At);

        Assert.Equal((true, "clerk", At), (s.Replies[^1].IsPublished, s.Replies[^1].PublishedBy!, s.Replies[^1].PublishedAtUtc!.Value));
        Assert.Equal([SuggestionAction.Close, SuggestionAction.MakeKey, SuggestionAction.UnpublishReply], s.AllowedActions().Order());
        Assert.Throws<DomainException>(() => s.PublishReply(true, "clerk", At));
        s.PublishReply(false, "clerk2", At);
        Assert.False(s.Replies[^1].IsPublished);
    }

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

    private static Suggestion InKeyStage(KeyStage stage)
    {
        var s = InState(stage is KeyStage.PickedInHandling or KeyStage.PlannedInHandling ? SuggestionStatus.Handling : SuggestionStatus.Replied);
        s.MakeKey(5, "Vice-chairman Wang", "clerk", At);
        if (stage == KeyStage.PickedInHandling) return s;
        s.PlanSupervision("visit twice, meet once", new DateOnly(2020, 4, 1), new DateOnly(2020, 10, 31), KeyVoteBody.Committee, "clerk", At);
        if (stage is KeyStage.PlannedInHandling or KeyStage.PlannedAndReplied) return s;
        s.StartKeyVote(41, "clerk", At);
        if (stage == KeyStage.Voting) return s;
        var rules = SatisfactionRuleSet.Defaults(2020);
        s.RecordKeyVoteResult(41, VoteTallies.Tally(VoteKind.KeySuggestion, TallyCounts.From(30, 30, 0, 25, 3, 2), rules, new Attendance(35, 30)), false,
            new DateOnly(2020, 11, 1));
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
            case SuggestionAction.MakeKey: s.MakeKey(5, "Vice-chairman Wang", "clerk", At); break;
            case SuggestionAction.PlanSupervision: s.PlanSupervision("visit twice, meet once", new DateOnly(2020, 4, 1), new DateOnly(2020, 10, 31), KeyVoteBody.Committee, "clerk", At); break;
            case SuggestionAction.LogVisit: s.LogVisit(new DateOnly(2020, 4, 15), VisitKind.Visit, "Wang, the bureau's head", "saw the bridge", "wang", At); break;
            case SuggestionAction.HoldKeyVote: s.StartKeyVote(99, "clerk", At); break;
            case SuggestionAction.PublishReply: s.PublishReply(true, "clerk", At); break;
            case SuggestionAction.UnpublishReply: s.PublishReply(false, "clerk", At); break;
            default: throw new ArgumentOutOfRangeException(nameof(action));
        }
    }
}
