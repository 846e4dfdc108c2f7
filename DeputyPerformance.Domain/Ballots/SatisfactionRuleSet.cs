namespace DeputyPerformance.Domain.Ballots;

/// <summary>A year's rules for satisfaction votes; a year without a stored set uses <see cref="Defaults"/>.</summary>
public class SatisfactionRuleSet
{
    /// <summary>The shipped defaults (domain.md sections 2 and 3); the due days of a rectification plan are a product default.</summary>
    public const int DefaultCompetentFromPercent = 80;
    public const int DefaultBasicFromPercent = 50;
    public const int DefaultExitReviewBelowPercent = 50;
    public const int DefaultRectificationAbovePercent = 50;
    public const int DefaultMinimumAttendance = 50;
    public const int DefaultRectificationDueDays = 30;

    private SatisfactionRuleSet() { }

    public SatisfactionRuleSet(int year) => Year = year;

    public int Id { get; private set; }
    public int Year { get; private set; }
    public int CompetentFromPercent { get; set; } = DefaultCompetentFromPercent;
    public int BasicFromPercent { get; set; } = DefaultBasicFromPercent;
    public int ExitReviewBelowPercent { get; set; } = DefaultExitReviewBelowPercent;
    public int RectificationAbovePercent { get; set; } = DefaultRectificationAbovePercent;
    public int MinimumAttendance { get; set; } = DefaultMinimumAttendance;
    public int RectificationDueDays { get; set; } = DefaultRectificationDueDays;
    public GradingDenominator DepartmentDenominator { get; set; } = GradingDenominator.AllMembers;
    /// <summary>A paper vote is confirmed only after an independent second entry of every box (default on, decision 0012).</summary>
    public bool RequireSecondEntry { get; set; } = true;

    public static SatisfactionRuleSet Defaults(int year) => new(year);

    public ReportThresholds ReportThresholds => new(CompetentFromPercent, BasicFromPercent, ExitReviewBelowPercent, RectificationAbovePercent);
}
