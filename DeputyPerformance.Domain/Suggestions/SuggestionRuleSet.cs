namespace DeputyPerformance.Domain.Suggestions;

/// <summary>
/// A year's rules for handling deputies' suggestions (domain.md section 6); a year without a stored set uses
/// <see cref="Defaults"/>. Every deadline of the clock is a value here, never a literal in the logic.
/// </summary>
public class SuggestionRuleSet
{
    public const int DefaultReplyMonths = 3;
    public const int DefaultExtendedReplyMonths = 6;
    public const int DefaultCoOpinionMonths = 1;
    public const int DefaultRehandlingMonths = 1;
    public const int DefaultMaxRehandlings = 1;
    public const int DefaultDueSoonDays = 15;
    public const bool DefaultCoSignersEarnDuty = false;

    private SuggestionRuleSet() { }

    public SuggestionRuleSet(int year) => Year = year;

    public int Id { get; private set; }
    public int Year { get; private set; }
    /// <summary>Months from the assignment to the reply deadline.</summary>
    public int ReplyMonths { get; set; } = DefaultReplyMonths;
    /// <summary>Months from the assignment to the deadline once it was extended (once, with a reason).</summary>
    public int ExtendedReplyMonths { get; set; } = DefaultExtendedReplyMonths;
    /// <summary>Months from the assignment within which a co-handling department sends its opinion to the lead department.</summary>
    public int CoOpinionMonths { get; set; } = DefaultCoOpinionMonths;
    /// <summary>Months from a 不满意 rating to the new reply.</summary>
    public int RehandlingMonths { get; set; } = DefaultRehandlingMonths;
    /// <summary>How often a 不满意 rating reopens the handling; a later 不满意 stands as the final rating.</summary>
    public int MaxRehandlings { get; set; } = DefaultMaxRehandlings;
    /// <summary>A reply due within this many days is marked due soon.</summary>
    public int DueSoonDays { get; set; } = DefaultDueSoonDays;
    /// <summary>Co-signers (联名代表) get the suggestion duty log too, not only the lead deputy.</summary>
    public bool CoSignersEarnDuty { get; set; } = DefaultCoSignersEarnDuty;

    public static SuggestionRuleSet Defaults(int year) => new(year);
}
