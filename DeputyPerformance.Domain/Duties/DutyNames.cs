using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Scoring;

namespace DeputyPerformance.Domain.Duties;

/// <summary>Display names of the duty and scoring values in the UI language (DutyText resources), for pages and exports.</summary>
public static class DutyNames
{
    public static string Category(string code) => DutyCategory.NameOf(code);
    public static string Of(DutyLogStatus status) => DomainText.Get("Status_" + status);
    public static string Of(DutyLogSource source) => DomainText.Get("Source_" + source);
    public static string Of(ScoreGrade grade) => DomainText.Get("Grade_" + grade);
    public static string Of(ShortlistExclusion exclusion) => DomainText.Get("Exclusion_" + exclusion);
    public static string Of(ShortlistDecisionKind decision) => DomainText.Get("Decision_" + decision);
    public static string Of(QuotaRounding rounding) => DomainText.Get("QuotaRounding_" + rounding);
}
