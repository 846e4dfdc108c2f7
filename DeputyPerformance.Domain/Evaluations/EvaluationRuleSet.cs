namespace DeputyPerformance.Domain.Evaluations;

/// <summary>A year's rules for the evaluation of government departments; a year without a stored set uses <see cref="Defaults"/>.</summary>
public class EvaluationRuleSet
{
    /// <summary>The shipped defaults (domain.md section 4): 6-7 departments a year, rectification due 3 months after feedback.</summary>
    public const int DefaultMinDepartments = 6;
    public const int DefaultMaxDepartments = 7;
    public const int DefaultRectificationMonths = 3;
    public const bool DefaultBasicRecommendsRectification = true;

    private EvaluationRuleSet() { }

    public EvaluationRuleSet(int year) => Year = year;

    public int Id { get; private set; }
    public int Year { get; private set; }
    public int MinDepartments { get; set; } = DefaultMinDepartments;
    public int MaxDepartments { get; set; } = DefaultMaxDepartments;
    /// <summary>Months from the feedback (publication) to the rectification deadline.</summary>
    public int RectificationMonths { get; set; } = DefaultRectificationMonths;
    /// <summary>A 基本满意 grade recommends a rectification (tracked like a required one, but no re-vote follows).</summary>
    public bool BasicRecommendsRectification { get; set; } = DefaultBasicRecommendsRectification;

    public static EvaluationRuleSet Defaults(int year) => new(year);
}
