using System.Globalization;
using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;

namespace DeputyPerformance.Tests.Ballots;

public sealed class SatisfactionTallyTests
{
    private static TallyResult Report(int issued, int returned, int invalid, int s, int b, int d) =>
        SatisfactionTally.ConstituentReport(TallyCounts.From(issued, returned, invalid, s, b, d), ReportThresholds.Defaults);

    [Fact]
    public void RateCountsSatisfiedAndBasicallySatisfiedOverValidBallots()
    {
        var r = Report(60, 58, 3, 30, 14, 11);

        Assert.Equal(55, r.Valid);
        Assert.Equal(44 * 100m / 55, r.SatisfactionRate);
        Assert.Equal(30 * 100m / 55, r.SatisfiedRate);
        Assert.Equal(ReportBand.Competent, r.Band);
        Assert.Equal("Rule_CompetentFrom", r.DecidingRule);
    }

    [Theory]
    [InlineData(80, 0, 20, ReportBand.Competent)]            // exactly 80% is competent
    [InlineData(79, 0, 21, ReportBand.BasicallyCompetent)]
    [InlineData(50, 0, 50, ReportBand.BasicallyCompetent)]   // exactly 50% is basically competent
    [InlineData(49, 0, 51, ReportBand.NotCompetent)]
    [InlineData(0, 0, 100, ReportBand.NotCompetent)]
    public void BandsFollowTheThresholdsAtTheirBoundaries(int s, int b, int d, ReportBand expected)
    {
        Assert.Equal(expected, Report(100, 100, 0, s, b, d).Band);
    }

    [Fact]
    public void JustBelowHalfRaisesAnExitReviewButExactlyHalfDoesNot()
    {
        // 9999 of 20000 is 49.995%: below 50 however the rate is rounded for display.
        Assert.True(Report(20000, 20000, 0, 9999, 0, 10001).RaisesExitReview);
        Assert.False(Report(100, 100, 0, 50, 0, 50).RaisesExitReview);
    }

    [Fact]
    public void DissatisfiedOverHalfRequiresRectificationButExactlyHalfDoesNot()
    {
        Assert.False(Report(100, 100, 0, 30, 20, 50).NeedsRectification);
        Assert.True(Report(100, 100, 0, 30, 19, 51).NeedsRectification);
    }

    [Fact]
    public void InvalidBallotsAreNotInTheDenominator()
    {
        var r = Report(100, 100, 20, 40, 0, 40);

        Assert.Equal(80, r.Valid);
        Assert.Equal(50m, r.SatisfactionRate);
        Assert.False(r.NeedsRectification);
    }

    [Fact]
    public void RateIsVoidGivenMoreReturnedThanIssued()
    {
        var r = Report(50, 51, 0, 51, 0, 0);

        Assert.True(r.IsVoid);
        Assert.Equal(ReportBand.Void, r.Band);
        Assert.Null(r.SatisfactionRate);
        Assert.False(r.RaisesExitReview);
        Assert.False(r.NeedsRectification);
    }

    [Fact]
    public void ZeroValidBallotsGiveNoRateAndNoConsequence()
    {
        var r = Report(50, 10, 10, 0, 0, 0);

        Assert.Equal(ReportBand.NoValidBallots, r.Band);
        Assert.Null(r.SatisfactionRate);
        Assert.False(r.RaisesExitReview);
        Assert.Equal([0m, 0m, 0m], r.Split);
    }

    [Theory]
    [InlineData(-1, 0, 0, 0, 0, 0, "Ballot_NegativeCount")]
    [InlineData(10, 5, 6, 0, 0, 0, "Ballot_InvalidOverReturned")]
    [InlineData(10, 10, 1, 5, 2, 1, "Ballot_CountsDoNotAddUp")]
    public void CountsThatDoNotAddUpAreRefused(int issued, int returned, int invalid, int s, int b, int d, string key)
    {
        var ex = Assert.Throws<DomainException>(() => TallyCounts.From(issued, returned, invalid, s, b, d));

        Assert.Equal(key, ex.Key);
    }

    [Theory]
    [InlineData("zh-CN", "各选项合计 8 张，与收回票减无效票 9 张（10 − 1）不符。")]
    [InlineData("en", "The options add up to 8, but returned minus invalid is 9 (10 − 1).")]
    public void TheRefusalSaysWhatIsWrongInTheUsersLanguage(string culture, string expected)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            Assert.Equal(expected, Assert.Throws<DomainException>(() => TallyCounts.From(10, 10, 1, 5, 2, 1)).Message);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void ElectronicBallotsAreAllIssuedReturnedAndValid()
    {
        var counts = TallyCounts.FromBallots([SatisfactionOption.Satisfied, SatisfactionOption.Dissatisfied, SatisfactionOption.Satisfied]);

        Assert.Equal((3, 3, 0, 2, 0, 1), (counts.Issued, counts.Returned, counts.Invalid, counts.Satisfied, counts.BasicallySatisfied, counts.Dissatisfied));
    }

    [Fact]
    public void BallotBoxesAreSummed()
    {
        var sum = TallyCounts.Sum([TallyCounts.From(30, 29, 1, 20, 5, 3), TallyCounts.From(30, 30, 0, 10, 10, 10)]);

        Assert.Equal(60, sum.Issued);
        Assert.Equal(58, sum.Valid);
        Assert.Equal(30, sum.Satisfied);
    }

    [Fact]
    public void RatesShowTwoDecimalsInTheCulture()
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("zh-CN");
        try
        {
            Assert.Equal("66.67%", TallyResult.Format(Report(3, 3, 0, 2, 0, 1).SatisfactionRate));
            Assert.Equal("—", TallyResult.Format(null));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void ThresholdsComeFromTheRuleSet()
    {
        var strict = new ReportThresholds(90, 60, 60, 40);

        var r = SatisfactionTally.ConstituentReport(TallyCounts.From(100, 100, 0, 85, 0, 15), strict);

        Assert.Equal(ReportBand.BasicallyCompetent, r.Band);
        Assert.False(r.RaisesExitReview);
    }
}

public sealed class LargestRemainderTests
{
    [Fact]
    public void ThreeEqualSharesSumToExactlyOneHundred()
    {
        Assert.Equal([33.34m, 33.33m, 33.33m], LargestRemainder.Split([1, 1, 1]));
    }

    [Theory]
    [InlineData(2, 1, 0)]
    [InlineData(7, 7, 7)]
    [InlineData(1, 2, 3)]
    [InlineData(997, 2, 1)]
    [InlineData(1, 0, 0)]
    public void SharesAlwaysSumToOneHundred(int a, int b, int c)
    {
        Assert.Equal(100m, LargestRemainder.Split([a, b, c]).Sum());
    }

    [Fact]
    public void TheLargestRemaindersGetTheMissingUnits()
    {
        Assert.Equal([66.67m, 33.33m, 0m], LargestRemainder.Split([2, 1, 0]));
    }
}

public sealed class DepartmentGradingTests
{
    private static DepartmentGrade Grade(int s, int b, int d, GradingDenominator denominator = GradingDenominator.AllMembers, int all = 35, int present = 30) =>
        DepartmentGrading.Grade(TallyCounts.From(present, s + b + d, 0, s, b, d), all, present, denominator).Grade;

    [Fact]
    public void SeventeenPresentOfThirtyFiveIsNoQuorumAndEighteenIs()
    {
        Assert.Equal("Ballot_NoQuorum", Assert.Throws<DomainException>(() => Grade(17, 0, 0, present: 17)).Key);
        Assert.Equal(DepartmentGrade.Satisfied, Grade(18, 0, 0, present: 18));
    }

    [Fact]
    public void SatisfiedAtLeastHalfIsSatisfied()
    {
        // Denominator: all 34 members; 17 satisfied is exactly half.
        Assert.Equal(DepartmentGrade.Satisfied, Grade(17, 5, 8, all: 34));
        Assert.Equal(DepartmentGrade.BasicallySatisfied, Grade(16, 6, 8, all: 34));
    }

    [Fact]
    public void ApprovingExactlyHalfIsDissatisfied()
    {
        Assert.Equal(DepartmentGrade.Dissatisfied, Grade(10, 7, 13, all: 34));
        Assert.Equal(DepartmentGrade.BasicallySatisfied, Grade(10, 8, 12, all: 34));
    }

    [Fact]
    public void TheDenominatorIsConfigurable()
    {
        // 12 satisfied of 35 members is not half, of 22 valid ballots it is.
        Assert.Equal(DepartmentGrade.Dissatisfied, Grade(12, 0, 10, GradingDenominator.AllMembers, present: 22));
        Assert.Equal(DepartmentGrade.Satisfied, Grade(12, 0, 10, GradingDenominator.ValidBallots, present: 22));
    }

    [Fact]
    public void AVoidVoteIsRefused()
    {
        Assert.Equal("Ballot_VoidVote", Assert.Throws<DomainException>(() =>
            DepartmentGrading.Grade(TallyCounts.From(20, 21, 0, 21, 0, 0), 35, 20, GradingDenominator.AllMembers)).Key);
    }
}

public sealed class SatisfactionVoteTests
{
    private static readonly DateTime Now = new(2021, 5, 1, 8, 0, 0, DateTimeKind.Utc);
    private static readonly VoteSubject Report = new(VoteKind.ConstituentReport, 7);

    private static SatisfactionVote NewVote(VoteMode mode, int? electorate = 60) => new(Report, 2021, "t", mode, 1, electorate, false, "clerk", null);

    private static VoteOutcome Outcome(TallyCounts counts) => VoteTallies.Tally(VoteKind.ConstituentReport, counts, SatisfactionRuleSet.Defaults(2021));

    /// <summary>A vote brought into each state by its legal moves.</summary>
    private static SatisfactionVote InState(VoteMode mode, VoteStatus status)
    {
        var vote = NewVote(mode);
        var counts = TallyCounts.From(3, 3, 0, 3, 0, 0);
        if (mode == VoteMode.Electronic && status != VoteStatus.Draft)
        {
            vote.IssueCodes(3, Now);
            vote.Open("opener", Now);
            if (status is VoteStatus.Closed or VoteStatus.Confirmed) vote.Close(counts, Now);
        }

        if (status == VoteStatus.Confirmed) vote.Confirm(Outcome(counts), "second", Now);
        return vote;
    }

    public static TheoryData<VoteMode, VoteStatus, VoteAction[]> AllowedByState => new()
    {
        { VoteMode.Paper, VoteStatus.Open, [VoteAction.EnterBox, VoteAction.Confirm] },
        { VoteMode.Paper, VoteStatus.Confirmed, [VoteAction.Correct] },
        { VoteMode.Electronic, VoteStatus.Draft, [VoteAction.GenerateCodes, VoteAction.SetClosingTime, VoteAction.Open] },
        { VoteMode.Electronic, VoteStatus.Open, [VoteAction.SetClosingTime, VoteAction.Close] },
        { VoteMode.Electronic, VoteStatus.Closed, [VoteAction.Confirm] },
        { VoteMode.Electronic, VoteStatus.Confirmed, [VoteAction.Correct] },
    };

    [Theory]
    [MemberData(nameof(AllowedByState))]
    public void EveryStateAllowsExactlyItsActionsAndRefusesEveryOther(VoteMode mode, VoteStatus status, VoteAction[] allowed)
    {
        Assert.Equal(allowed.Order(), InState(mode, status).AllowedActions(Now).Order());
        var counts = TallyCounts.From(3, 3, 0, 3, 0, 0);
        foreach (var action in Enum.GetValues<VoteAction>().Except(allowed).Except([VoteAction.EnterBox]))
        {
            var vote = InState(mode, status);
            Action act = action switch
            {
                VoteAction.GenerateCodes => () => vote.IssueCodes(1, Now),
                VoteAction.SetClosingTime => () => vote.SetClosingTime(Now.AddHours(1), Now),
                VoteAction.Open => () => vote.Open("opener", Now),
                VoteAction.Close => () => vote.Close(counts, Now),
                VoteAction.Confirm => () => vote.Confirm(Outcome(counts), "second", Now),
                _ => () => vote.Correct(Outcome(counts), Now),
            };
            Assert.Equal("Vote_IllegalTransition", Assert.Throws<DomainException>(act).Key);
            Assert.Equal(status, vote.Status);
        }
    }

    [Fact]
    public void AVoteStopsTakingBallotsAtItsClosingTimeAndThenOnlyAwaitsItsConfirmation()
    {
        var vote = NewVote(VoteMode.Electronic);
        vote.SetClosingTime(Now.AddHours(1), Now);
        vote.IssueCodes(3, Now);
        vote.Open("opener", Now);

        Assert.True(vote.AcceptsBallots(Now.AddMinutes(59)));
        Assert.False(vote.AcceptsBallots(Now.AddHours(1)));
        Assert.True(vote.IsDueToClose(Now.AddHours(1)));
        Assert.Equal([VoteAction.Confirm], vote.AllowedActions(Now.AddHours(1)));
        vote.Close(TallyCounts.From(3, 2, 0, 2, 0, 0), Now.AddHours(1));
        Assert.Equal(VoteStatus.Closed, vote.Status);
    }

    [Fact]
    public void AClosingTimeInThePastIsRefused()
    {
        var vote = NewVote(VoteMode.Electronic);

        Assert.Equal("Vote_ClosingInPast", Assert.Throws<DomainException>(() => vote.SetClosingTime(Now.AddMinutes(-1), Now)).Key);
    }

    [Fact]
    public void NoMoreCodesThanVotersAreIssuedAndNoneAfterOpening()
    {
        var vote = NewVote(VoteMode.Electronic, electorate: 30);
        vote.IssueCodes(30, Now);

        Assert.Equal("Vote_CodesOverElectorate", Assert.Throws<DomainException>(() => vote.IssueCodes(1, Now)).Key);
        vote.Open("opener", Now);
        Assert.Equal("Vote_IllegalTransition", Assert.Throws<DomainException>(() => vote.IssueCodes(1, Now)).Key);
        Assert.Equal(30, vote.CodesIssued);
    }

    [Fact]
    public void AVoteWithoutCodesCannotOpen()
    {
        Assert.Equal("Vote_NoCodes", Assert.Throws<DomainException>(() => NewVote(VoteMode.Electronic).Open("opener", Now)).Key);
    }

    [Fact]
    public void TheClerkWhoOpenedAnElectronicVoteCannotConfirmItAlone()
    {
        var vote = InState(VoteMode.Electronic, VoteStatus.Closed);

        Assert.Equal("Vote_ConfirmBySecondPerson", Assert.Throws<DomainException>(() => vote.Confirm(Outcome(vote.Counts!), "OPENER", Now)).Key);
        vote.Confirm(Outcome(vote.Counts!), "second", Now);
        Assert.Equal(VoteStatus.Confirmed, vote.Status);
    }

    [Fact]
    public void AConfirmedVoidResultIsStoredAsVoidWithItsVerdict()
    {
        var vote = InState(VoteMode.Paper, VoteStatus.Open);

        vote.Confirm(Outcome(TallyCounts.From(30, 31, 0, 26, 0, 5)), "clerk", Now);

        Assert.True(vote.IsVoid);
        Assert.Equal("void", vote.Verdict);
        vote.Correct(Outcome(TallyCounts.From(31, 31, 0, 26, 0, 5)), Now);
        Assert.False(vote.IsVoid);
        Assert.Equal("competent", vote.Verdict);
    }
}

public sealed class VoteTalliesTests
{
    private static readonly SatisfactionRuleSet Rules = SatisfactionRuleSet.Defaults(2021);

    [Fact]
    public void AVoidVoteOfAnyKindHasNoRateAndNoBand()
    {
        var counts = TallyCounts.From(30, 31, 0, 26, 0, 5);
        foreach (var kind in Enum.GetValues<VoteKind>())
        {
            var outcome = VoteTallies.Tally(kind, counts, Rules, new Attendance(31, 31));
            Assert.True(outcome.IsVoid);
            Assert.Null(outcome.SatisfactionRate);
            Assert.Null(outcome.Band);
            Assert.Null(outcome.Grade);
            Assert.Equal("void", outcome.Verdict);
        }
    }

    [Fact]
    public void AReportIsTalliedByItsBandsAndADepartmentByTheZhenhaiRule()
    {
        var counts = TallyCounts.From(31, 31, 0, 15, 5, 11);

        var report = VoteTallies.Tally(VoteKind.ConstituentReport, counts, Rules);
        var department = VoteTallies.Tally(VoteKind.DepartmentEvaluation, counts, Rules, new Attendance(31, 31));

        Assert.Equal((ReportBand.BasicallyCompetent, (DepartmentGrade?)null), (report.Band!.Value, report.Grade));
        Assert.Equal("basically-competent", report.Verdict);
        Assert.Equal(DepartmentGrade.BasicallySatisfied, department.Grade);
        Assert.Equal((31, 31, 31), (department.Members!.Value, department.Present!.Value, department.Denominator!.Value));
    }

    [Fact]
    public void ACommitteeVoteWithoutAQuorumIsRefusedFifteenOfThirtyOneAndSixteenAccepted()
    {
        var counts = TallyCounts.From(15, 15, 0, 15, 0, 0);

        Assert.Equal("Ballot_NoQuorum", Assert.Throws<DomainException>(() => VoteTallies.Tally(VoteKind.DepartmentEvaluation, counts, Rules, new Attendance(31, 15))).Key);
        Assert.Equal("Vote_PresentRequired", Assert.Throws<DomainException>(() => VoteTallies.Tally(VoteKind.DepartmentEvaluation, counts, Rules)).Key);
        var accepted = VoteTallies.Tally(VoteKind.DepartmentEvaluation, TallyCounts.From(16, 16, 0, 16, 0, 0), Rules, new Attendance(31, 16));
        Assert.Equal(DepartmentGrade.Satisfied, accepted.Grade);
    }

    [Fact]
    public void TheDenominatorOfTheYearsRulesDecidesADepartmentsGrade()
    {
        // 10 satisfied of 31 members, 20 present, 18 valid: half of the valid ballots, not of the members.
        var counts = TallyCounts.From(20, 20, 2, 9, 5, 4);
        var valid = SatisfactionRuleSet.Defaults(2021);
        valid.DepartmentDenominator = GradingDenominator.ValidBallots;

        Assert.Equal(DepartmentGrade.Dissatisfied, VoteTallies.Tally(VoteKind.DepartmentEvaluation, counts, Rules, new Attendance(31, 20)).Grade);
        Assert.Equal(DepartmentGrade.Satisfied, VoteTallies.Tally(VoteKind.DepartmentEvaluation, counts, valid, new Attendance(31, 20)).Grade);
    }

    [Fact]
    public void ADeputysRatingOfAReplyReadsHisOneBallot()
    {
        Assert.Equal(DepartmentGrade.BasicallySatisfied, VoteTallies.Tally(VoteKind.SuggestionReply, TallyCounts.From(1, 1, 0, 0, 1, 0), Rules).Grade);
        Assert.Equal(DepartmentGrade.Dissatisfied, VoteTallies.Tally(VoteKind.SuggestionReply, TallyCounts.From(1, 1, 0, 0, 0, 1), Rules).Grade);
    }

    [Fact]
    public void EveryStoredVerdictNamesAText()
    {
        foreach (var verdict in new[] { "competent", "basically-competent", "not-competent", "no-valid-ballots", "void", "satisfied", "basically-satisfied", "dissatisfied" })
        {
            Assert.NotEqual(VoteTallies.VerdictKey(verdict), DomainText.Get(VoteTallies.VerdictKey(verdict)));
        }
    }

    [Fact]
    public void RatesAreShownWithOneRoundingRule()
    {
        Assert.Equal("16.67%", TallyResult.Format(16.665m));
        Assert.Equal("33.33%", TallyResult.Format(100m / 3));
        Assert.Equal("—", TallyResult.Format(null));
    }
}
