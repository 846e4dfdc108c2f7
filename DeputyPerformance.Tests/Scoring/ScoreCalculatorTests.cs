using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Scoring;

namespace DeputyPerformance.Tests.Scoring;

public sealed class ScoreCalculatorTests
{
    private static readonly RuleValues Defaults = ScoringDefaults.For(2019);

    private static RuleValues WithCap(string code, int? cap) =>
        Defaults with { Categories = Defaults.Categories.Select(c => c.Code == code ? c with { Cap = cap } : c).ToList() };

    [Fact]
    public void ScoreIsBasePlusCountTimesPoints()
    {
        var (score, breakdown) = ScoreCalculator.ScoreOf(
            [new CategoryCount(DutyCategory.Inspection, 2), new CategoryCount(DutyCategory.Reception, 1), new CategoryCount(DutyCategory.TrainingDay, 3)], Defaults);

        Assert.Equal(60 + 2 * 3 + 5 + 3, score);
        Assert.Equal([DutyCategory.Inspection, DutyCategory.Reception, DutyCategory.TrainingDay], breakdown.Select(b => b.Code));
    }

    [Fact]
    public void DeductionsLowerTheScoreAndTheBreakdownKeepsEachAbsenceCategorysCount()
    {
        var (score, breakdown) = ScoreCalculator.ScoreOf(
            [new CategoryCount(DutyCategory.CongressAbsence, 1), new CategoryCount(DutyCategory.RecessAbsence, 2), new CategoryCount(DutyCategory.CongressLeaveHalfDay, 3)], Defaults);

        Assert.Equal(60 - 5 - 4 - 3, score);
        Assert.Equal((1, 2), (breakdown.Single(b => b.Code == DutyCategory.CongressAbsence).Count, breakdown.Single(b => b.Code == DutyCategory.RecessAbsence).Count));
    }

    [Fact]
    public void CapLimitsPositivePointsOfACategoryPerYear()
    {
        var rules = WithCap(DutyCategory.Reception, 12);

        var (score, breakdown) = ScoreCalculator.ScoreOf([new CategoryCount(DutyCategory.Reception, 2), new CategoryCount(DutyCategory.Reception, 3)], rules);

        Assert.Equal(72, score);
        var reception = Assert.Single(breakdown);
        Assert.Equal(25, reception.RawPoints);
        Assert.Equal(12, reception.Points);
        Assert.True(reception.Capped);
    }

    [Fact]
    public void CapLimitsDeductionsToMinusTheCap()
    {
        var rules = WithCap(DutyCategory.CongressAbsence, 8);

        var (score, breakdown) = ScoreCalculator.ScoreOf([new CategoryCount(DutyCategory.CongressAbsence, 3)], rules);

        Assert.Equal(52, score);
        Assert.Equal(3, Assert.Single(breakdown).Count);
    }

    [Fact]
    public void CapAboveThePointsChangesNothing()
    {
        var (score, breakdown) = ScoreCalculator.ScoreOf([new CategoryCount(DutyCategory.Inspection, 2)], WithCap(DutyCategory.Inspection, 100));

        Assert.Equal(66, score);
        Assert.False(breakdown[0].Capped);
    }

    [Fact]
    public void CategoriesMissingFromTheRulesCountNothing()
    {
        var rules = Defaults with { Categories = Defaults.Categories.Where(c => c.Code != DutyCategory.Suggestion).ToList() };

        var (score, breakdown) = ScoreCalculator.ScoreOf([new CategoryCount(DutyCategory.Suggestion, 4)], rules);

        Assert.Equal(60, score);
        Assert.Empty(breakdown);
    }

    [Theory]
    [InlineData(59, ScoreGrade.Poor)]
    [InlineData(60, ScoreGrade.Fair)]
    [InlineData(79, ScoreGrade.Fair)]
    [InlineData(80, ScoreGrade.Good)]
    [InlineData(-10, ScoreGrade.Poor)]
    public void GradeBandsAreInclusiveAtTheirLowerBound(int score, ScoreGrade grade) =>
        Assert.Equal(grade, ScoreCalculator.GradeOf(score, Defaults));

    [Fact]
    public void GradeBandsComeFromTheRules()
    {
        var rules = Defaults with { GoodFrom = 90, FairFrom = 70 };

        Assert.Equal(ScoreGrade.Fair, ScoreCalculator.GradeOf(80, rules));
        Assert.Equal(ScoreGrade.Poor, ScoreCalculator.GradeOf(69, rules));
    }

    [Fact]
    public void TiesShareARankAndTheNextRankSkips() =>
        Assert.Equal([1, 2, 2, 4, 5, 5, 5, 8], ScoreCalculator.Ranks([90, 80, 80, 70, 60, 60, 60, 50]));

    [Fact]
    public void ScoreYearRanksInCountyTownAndDelegation()
    {
        DeputyFacts[] deputies = [new(1, 10, 100), new(2, 10, null), new(3, 20, 100), new(4, 20, 100)];
        var counts = new[]
        {
            (Id: 1, Count: new CategoryCount(DutyCategory.Inspection, 5)),   // 75
            (Id: 2, Count: new CategoryCount(DutyCategory.Reception, 3)),    // 75
            (Id: 3, Count: new CategoryCount(DutyCategory.Suggestion, 2)),   // 66
            (Id: 4, Count: new CategoryCount(DutyCategory.ReportAuthor, 1)), // 80
        }.ToLookup(x => x.Id, x => x.Count);

        var scores = ScoreCalculator.ScoreYear(deputies, counts, Defaults).ToDictionary(s => s.DeputyId);

        Assert.Equal([2, 2, 4, 1], new[] { 1, 2, 3, 4 }.Select(id => scores[id].RankCounty));
        Assert.Equal([1, 1, 2, 1], new[] { 1, 2, 3, 4 }.Select(id => scores[id].RankTown));
        Assert.Equal([2, null, 3, 1], new[] { 1, 2, 3, 4 }.Select(id => scores[id].RankDelegation));
        Assert.Equal(ScoreGrade.Good, scores[4].Grade);
    }

    [Theory]
    [InlineData(14, 20, QuotaRounding.Floor, 2)]
    [InlineData(14, 20, QuotaRounding.HalfUp, 3)]
    [InlineData(12, 20, QuotaRounding.HalfUp, 2)]
    [InlineData(10, 25, QuotaRounding.Floor, 2)]
    [InlineData(10, 25, QuotaRounding.HalfUp, 3)]
    [InlineData(4, 20, QuotaRounding.Floor, 0)]
    [InlineData(4, 20, QuotaRounding.HalfUp, 1)]
    [InlineData(0, 20, QuotaRounding.HalfUp, 0)]
    [InlineData(100, 20, QuotaRounding.Floor, 20)]
    public void QuotaRoundsAsTheRulesSay(int eligible, int percent, QuotaRounding rounding, int quota) =>
        Assert.Equal(quota, ScoreCalculator.QuotaOf(eligible, percent, rounding));

    [Fact]
    public void ShortlistExcludesLeadersOpenExitCasesPoorGradesAndEndedMandatesWithTheirReasons()
    {
        ShortlistCandidate[] candidates =
        [
            new(1, 120, ScoreGrade.Good, IsStateOrganLeader: true, HasOpenExitCase: false, MandateActive: true),
            new(2, 110, ScoreGrade.Good, false, HasOpenExitCase: true, true),
            new(3, 55, ScoreGrade.Poor, false, false, true),
            new(4, 100, ScoreGrade.Good, false, false, MandateActive: false),
            new(5, 90, ScoreGrade.Good, true, true, true),
            .. Enumerable.Range(10, 10).Select(i => new ShortlistCandidate(i, 60 + i, ScoreGrade.Fair, false, false, true)),
        ];

        var selection = ScoreCalculator.Shortlist(candidates, Defaults);
        var byId = selection.Entries.ToDictionary(e => e.DeputyId);

        Assert.Equal([ShortlistExclusion.StateOrganLeader], byId[1].Exclusions);
        Assert.Equal([ShortlistExclusion.OpenExitCase], byId[2].Exclusions);
        Assert.Equal([ShortlistExclusion.PoorGrade], byId[3].Exclusions);
        Assert.Equal([ShortlistExclusion.MandateNotActive], byId[4].Exclusions);
        Assert.Equal([ShortlistExclusion.StateOrganLeader, ShortlistExclusion.OpenExitCase], byId[5].Exclusions);
        Assert.Equal(10, selection.EligibleCount);
        Assert.Equal(2, selection.Quota);
        Assert.Equal([19, 18], selection.Entries.Where(e => e.Proposed).Select(e => e.DeputyId));
        Assert.DoesNotContain(selection.Entries, e => e.Proposed && !e.Eligible);
    }

    [Fact]
    public void ShortlistProposesEveryoneTiedAtTheQuotaBoundaryAndSaysSo()
    {
        ShortlistCandidate[] candidates =
        [
            new(1, 100, ScoreGrade.Good, false, false, true),
            new(2, 90, ScoreGrade.Good, false, false, true),
            new(3, 90, ScoreGrade.Good, false, false, true),
            .. Enumerable.Range(4, 7).Select(i => new ShortlistCandidate(i, 70, ScoreGrade.Fair, false, false, true)),
        ];

        var selection = ScoreCalculator.Shortlist(candidates, Defaults);

        Assert.Equal(2, selection.Quota);
        Assert.True(selection.TiedAtBoundary);
        Assert.Equal([1, 2, 3], selection.Entries.Where(e => e.Proposed).Select(e => e.DeputyId).Order());
    }

    [Fact]
    public void ShortlistQuotaCountsOnlyEligibleDeputies()
    {
        var candidates = Enumerable.Range(1, 10).Select(i => new ShortlistCandidate(i, 100 - i, ScoreGrade.Good, IsStateOrganLeader: i <= 5, false, true));

        var selection = ScoreCalculator.Shortlist(candidates, Defaults);

        Assert.Equal(5, selection.EligibleCount);
        Assert.Equal(1, selection.Quota);
        Assert.Equal([6], selection.Entries.Where(e => e.Proposed).Select(e => e.DeputyId));
    }
}
