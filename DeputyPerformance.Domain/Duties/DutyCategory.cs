namespace DeputyPerformance.Domain.Duties;

/// <summary>
/// The duty categories of domain.md section 1. The codes are stable identifiers used in the database, the
/// import and export files and the rule sets; names are shown from resources (DutyText: "Category_" + code).
/// Points, caps and exit flags are NOT here: they belong to the year's rule set (Scoring/ScoringDefaults).
/// </summary>
public static class DutyCategory
{
    public const string CongressSession = "congress-session";
    public const string CongressLeaveHalfDay = "congress-leave-halfday";
    public const string CongressAbsence = "congress-absence";
    public const string CommitteeAttendance = "committee-attendance";
    public const string Inspection = "inspection";
    public const string Reception = "reception";
    public const string Suggestion = "suggestion";
    public const string ReportAuthor = "report-author";
    public const string TrainingDay = "training-day";
    public const string ConstituentReport = "constituent-report";
    public const string RecessAbsence = "recess-absence";

    /// <summary>Every known code, in the order of domain.md (also the column order of exports).</summary>
    public static readonly IReadOnlyList<string> All =
    [
        CongressSession, CongressLeaveHalfDay, CongressAbsence, CommitteeAttendance, Inspection, Reception,
        Suggestion, ReportAuthor, TrainingDay, ConstituentReport, RecessAbsence,
    ];

    public const int MaxCodeLength = 30;

    public static bool IsKnown(string? code) => code is not null && All.Contains(code);

    /// <summary>The display name in the current UI culture.</summary>
    public static string NameOf(string code) => Common.DomainText.Get("Category_" + code);
}
