namespace DeputyPerformance.Domain.Suggestions;

/// <summary>Whether a reply is late, close to its deadline, or neither.</summary>
public enum DueMark
{
    None,
    DueSoon,
    Overdue,
}

/// <summary>
/// The deadlines of a suggestion as pure functions of dates and the year's rules. Months are calendar months,
/// clamped to the month's end (assigned 2020-11-30 → due 2021-02-28); an extension counts from the assignment,
/// not from the first deadline (assigned 2020-03-20 → due 2020-06-20, extended 2020-09-20).
/// </summary>
public static class SuggestionClock
{
    public static DateOnly ReplyDue(DateOnly assignedOn, SuggestionRuleSet rules) => assignedOn.AddMonths(rules.ReplyMonths);

    public static DateOnly ExtendedReplyDue(DateOnly assignedOn, SuggestionRuleSet rules) => assignedOn.AddMonths(rules.ExtendedReplyMonths);

    public static DateOnly CoOpinionDue(DateOnly assignedOn, SuggestionRuleSet rules) => assignedOn.AddMonths(rules.CoOpinionMonths);

    /// <summary>After a 不满意 rating the department replies again within this date.</summary>
    public static DateOnly RehandlingDue(DateOnly ratedOn, SuggestionRuleSet rules) => ratedOn.AddMonths(rules.RehandlingMonths);

    /// <summary>The mark of a reply still awaited: overdue after its day, due soon within the rule set's days (the day itself included).</summary>
    public static DueMark Mark(DateOnly? dueOn, bool awaitingReply, DateOnly today, SuggestionRuleSet rules)
    {
        if (!awaitingReply || dueOn is not { } due) return DueMark.None;
        if (today > due) return DueMark.Overdue;
        return due.DayNumber - today.DayNumber <= rules.DueSoonDays ? DueMark.DueSoon : DueMark.None;
    }
}
