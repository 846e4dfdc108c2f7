using DeputyPerformance.Domain.Exits;
using DeputyPerformance.Domain.Scoring;

namespace DeputyPerformance.Tests.Exits;

/// <summary>Every exit rule at its boundary, as a pure function of a deputy's facts.</summary>
public sealed class ExitFlagRulesTests
{
    private const string Congress = "congress-absence";
    private const string Recess = "recess-absence";
    private const string Leave = "congress-leave-halfday";

    private static ExitRuleSet Rules(int year) => ExitRuleSet.Defaults(year);

    private static ExitFacts Facts(IEnumerable<AbsenceFact>? absences = null, IEnumerable<GradeFact>? grades = null,
        IEnumerable<ReportVoteFact>? votes = null, DateOnly? mandateEnded = null, IEnumerable<DetentionFact>? detentions = null) =>
        new(1, 2016, 2021, mandateEnded, (absences ?? []).ToList(), (grades ?? []).ToList(), (votes ?? []).ToList(), (detentions ?? []).ToList());

    private static AbsenceFact Absence(long id, string date, string category = Congress, int count = 1) =>
        new(id, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), category, count);

    private static IReadOnlyList<ExpectedFlag> Evaluate(ExitFacts facts, Func<int, ExitRuleSet>? rules = null) =>
        ExitFlagRules.Evaluate(facts, rules ?? Rules);

    [Fact]
    public void OneCongressAbsenceInTheTermRaisesNothing()
    {
        Assert.Empty(Evaluate(Facts([Absence(1, "2017-03-01")])));
    }

    [Fact]
    public void TwoCongressAbsencesInTheTermRaiseTerminationOnceInTheYearOfTheSecond()
    {
        var flags = Evaluate(Facts([Absence(1, "2017-03-01"), Absence(2, "2019-03-02"), Absence(3, "2020-03-03")]));

        var flag = Assert.Single(flags);
        Assert.Equal((ExitRuleCodes.CongressAbsencesTerm, 2019, ExitTier.Red), (flag.Rule, flag.Year, flag.Tier));
        Assert.Equal("2017-03-01; 2019-03-02; 2020-03-03", flag.Evidence);
        Assert.Equal("log:1;log:2;log:3", flag.Refs);
    }

    [Fact]
    public void ApprovedLeaveIsNotCountedAsAnAbsence()
    {
        Assert.Empty(Evaluate(Facts([Absence(1, "2017-03-01"), Absence(2, "2018-03-01", Leave), Absence(3, "2018-03-02", Leave, 4)])));
    }

    [Fact]
    public void AbsencesAreCountedOnlyOverTheDaysOfTheMandate()
    {
        var ended = new DateOnly(2018, 6, 30);
        Assert.Empty(Evaluate(Facts([Absence(1, "2017-03-01"), Absence(2, "2018-07-01")], mandateEnded: ended)));
        Assert.Single(Evaluate(Facts([Absence(1, "2017-03-01"), Absence(2, "2018-06-30")], mandateEnded: ended)));
    }

    [Fact]
    public void TwoRecessAbsencesInOneYearRaiseAPersuadeToResignReviewButOneInEachOfTwoYearsDoesNot()
    {
        Assert.Empty(Evaluate(Facts([Absence(1, "2018-05-01", Recess), Absence(2, "2019-05-01", Recess)])));

        var flag = Assert.Single(Evaluate(Facts([Absence(1, "2018-05-01", Recess), Absence(2, "2018-09-01", Recess)])));
        Assert.Equal((ExitRuleCodes.RecessAbsencesYear, 2018, ExitTier.Bottom), (flag.Rule, flag.Year, flag.Tier));
    }

    [Fact]
    public void ALogsCountCountsForRecessAbsences()
    {
        var flag = Assert.Single(Evaluate(Facts([Absence(1, "2018-05-01", Recess, 2)])));
        Assert.Equal("2018-05-01 x2", flag.Evidence);
    }

    [Fact]
    public void RecessAbsencesDoNotCountTowardsTheTermsCongressAbsences()
    {
        Assert.DoesNotContain(Evaluate(Facts([Absence(1, "2017-03-01"), Absence(2, "2018-05-01", Recess)])),
            f => f.Rule == ExitRuleCodes.CongressAbsencesTerm);
    }

    [Theory]
    [InlineData(59, 59, true)]
    [InlineData(59, 60, false)]
    [InlineData(60, 59, false)]
    public void APoorGradeTwoYearsRunningRaisesAReviewAt59ButNotAt60(int first, int second, bool raised)
    {
        var rules = new RuleValues(2018, 60, 80, 60, 20, QuotaRounding.Floor, []);
        var grades = new[] { new GradeFact(2017, first, ScoreCalculator.GradeOf(first, rules)), new GradeFact(2018, second, ScoreCalculator.GradeOf(second, rules)) };

        var flags = Evaluate(Facts(grades: grades));

        Assert.Equal(raised, flags.Any(f => f is { Rule: ExitRuleCodes.PoorGradeConsecutive, Year: 2018 }));
    }

    [Fact]
    public void ThreePoorYearsRaiseTheSecondAndTheThirdYear()
    {
        var grades = new[] { 2016, 2017, 2018 }.Select(y => new GradeFact(y, 50, ScoreGrade.Poor));

        Assert.Equal([2017, 2018], Evaluate(Facts(grades: grades)).Select(f => f.Year));
    }

    [Fact]
    public void TheWarningTalkIsTheDefenceLineOnlyWhenTheYearsRulesSwitchItOn()
    {
        var grades = new[] { new GradeFact(2018, 50, ScoreGrade.Poor) };
        Assert.Empty(Evaluate(Facts(grades: grades)));

        var flag = Assert.Single(Evaluate(Facts(grades: grades), y => new ExitRuleSet(y) { WarningTalkPoorYears = 1 }));
        Assert.Equal((ExitRuleCodes.PoorGradeWarning, ExitTier.Defence), (flag.Rule, flag.Tier));
    }

    [Theory]
    [InlineData(5000, 10000, false)]
    [InlineData(4999, 10000, true)]
    public void AReportRateOfExactlyFiftyPercentIsNotBelowTheThresholdButFortyNineNinetyNineIs(int approving, int valid, bool raised)
    {
        var flags = Evaluate(Facts(votes: [new ReportVoteFact(7, 3, 2019, approving, valid, 50)]));

        Assert.Equal(raised, flags.Any(f => f is { Rule: ExitRuleCodes.ReportSatisfactionLow, Year: 2019, Refs: "vote:7" }));
    }

    [Fact]
    public void ADetentionIsARedLineUntilTheReleaseWithoutConviction()
    {
        var detained = new DateOnly(2019, 4, 1);
        Assert.Equal(ExitTier.Red, Assert.Single(Evaluate(Facts(detentions: [new DetentionFact(1, detained, null, false)]))).Tier);
        Assert.Empty(Evaluate(Facts(detentions: [new DetentionFact(1, detained, detained.AddDays(20), false)])));
        Assert.Single(Evaluate(Facts(detentions: [new DetentionFact(1, detained, detained.AddDays(20), true)])));
    }

    [Fact]
    public void TheYearsRulesSetTheThreshold()
    {
        var three = (int y) => new ExitRuleSet(y) { CongressAbsencesPerTerm = 3 };

        Assert.Empty(Evaluate(Facts([Absence(1, "2017-03-01"), Absence(2, "2018-03-01")]), three));
        Assert.Single(Evaluate(Facts([Absence(1, "2017-03-01"), Absence(2, "2018-03-01"), Absence(3, "2019-03-01")]), three));
    }
}
