namespace DeputyPerformance.Domain.Exits;

/// <summary>
/// A year's rules of the exit procedure (domain.md section 5); a year without a stored set uses <see cref="Defaults"/>.
/// The report-satisfaction threshold is the satisfaction rules' <c>ExitReviewBelowPercent</c> (one value, one place).
/// </summary>
public class ExitRuleSet
{
    public const string DefaultCongressAbsenceCategory = "congress-absence";
    public const string DefaultRecessAbsenceCategory = "recess-absence";
    /// <summary>代表法 art. 49: two congress sessions missed without approval in the term.</summary>
    public const int DefaultCongressAbsencesPerTerm = 2;
    /// <summary>寿县: two recess activities missed without approval in one year.</summary>
    public const int DefaultRecessAbsencesPerYear = 2;
    /// <summary>银川: poor two years running.</summary>
    public const int DefaultPoorYearsInRow = 2;
    /// <summary>The defence line (约谈) after this many poor years in a row; 0 switches it off (the default).</summary>
    public const int DefaultWarningTalkPoorYears = 0;
    /// <summary>选举法: a recall petition needs 50 voters of a county deputy's district, 30 of a town deputy's.</summary>
    public const int DefaultRecallPetitionCounty = 50;
    public const int DefaultRecallPetitionTown = 30;
    /// <summary>Days the deputy has for his written defence (申辩) once a review starts (product default).</summary>
    public const int DefaultDefenceDays = 15;

    private ExitRuleSet() { }

    public ExitRuleSet(int year) => Year = year;

    public int Id { get; private set; }
    public int Year { get; private set; }
    /// <summary>The duty category whose approved logs are unapproved congress absences (counted per term, red line).</summary>
    public string CongressAbsenceCategory { get; set; } = DefaultCongressAbsenceCategory;
    /// <summary>The duty category whose approved logs are unapproved recess absences (counted per year, bottom line).</summary>
    public string RecessAbsenceCategory { get; set; } = DefaultRecessAbsenceCategory;
    public int CongressAbsencesPerTerm { get; set; } = DefaultCongressAbsencesPerTerm;
    public int RecessAbsencesPerYear { get; set; } = DefaultRecessAbsencesPerYear;
    public int PoorYearsInRow { get; set; } = DefaultPoorYearsInRow;
    public int WarningTalkPoorYears { get; set; } = DefaultWarningTalkPoorYears;
    public int RecallPetitionCounty { get; set; } = DefaultRecallPetitionCounty;
    public int RecallPetitionTown { get; set; } = DefaultRecallPetitionTown;
    public int DefenceDays { get; set; } = DefaultDefenceDays;

    public static ExitRuleSet Defaults(int year) => new(year);
}
