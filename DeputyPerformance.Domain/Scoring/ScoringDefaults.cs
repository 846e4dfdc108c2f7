using DeputyPerformance.Domain.Duties;

namespace DeputyPerformance.Domain.Scoring;

/// <summary>
/// The shipped default rules of domain.md section 1, in this one place. They are used only to create a
/// year's rule set (and as its value until an administrator saves one); the scoring logic reads rule sets.
/// </summary>
public static class ScoringDefaults
{
    public const int BaseScore = 60;
    public const int GoodFrom = 80;
    public const int FairFrom = 60;
    public const int ShortlistPercent = 20;
    public const QuotaRounding ShortlistRounding = QuotaRounding.Floor;

    public static IReadOnlyList<RuleCategoryValues> Categories { get; } =
    [
        new(DutyCategory.CongressSession, 2, null),
        new(DutyCategory.CongressLeaveHalfDay, -1, null),
        new(DutyCategory.CongressAbsence, -5, null),
        new(DutyCategory.CommitteeAttendance, 2, null),
        new(DutyCategory.Inspection, 3, null),
        new(DutyCategory.Reception, 5, null),
        new(DutyCategory.Suggestion, 3, null),
        new(DutyCategory.ReportAuthor, 20, null),
        new(DutyCategory.TrainingDay, 1, null),
        new(DutyCategory.ConstituentReport, 5, null),
        new(DutyCategory.RecessAbsence, -2, null),
    ];

    public static RuleValues For(int year) =>
        new(year, BaseScore, GoodFrom, FairFrom, ShortlistPercent, ShortlistRounding, Categories);
}
