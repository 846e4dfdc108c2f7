using DeputyPerformance.Domain.Suggestions;

namespace DeputyPerformance.Tests.Suggestions;

/// <summary>The deadlines of a suggestion: calendar months from the assignment, clamped to the month's end, values from the rule set.</summary>
public sealed class SuggestionClockTests
{
    private static readonly SuggestionRuleSet Rules = SuggestionRuleSet.Defaults(2020);

    [Theory]
    [InlineData("2020-03-20", "2020-06-20", "2020-09-20")]
    [InlineData("2020-11-30", "2021-02-28", "2021-05-30")]
    [InlineData("2019-11-30", "2020-02-29", "2020-05-30")]
    [InlineData("2020-08-31", "2020-11-30", "2021-02-28")]
    public void TheReplyIsDueThreeMonthsAfterTheAssignmentAndSixOnceExtended(string assigned, string due, string extended)
    {
        var on = DateOnly.Parse(assigned, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), SuggestionClock.ReplyDue(on, Rules));
        Assert.Equal(DateOnly.Parse(extended, System.Globalization.CultureInfo.InvariantCulture), SuggestionClock.ExtendedReplyDue(on, Rules));
    }

    [Fact]
    public void ARehandlingAndACoHandlersOpinionAreDueOneMonthLater()
    {
        Assert.Equal(new DateOnly(2021, 2, 28), SuggestionClock.RehandlingDue(new DateOnly(2021, 1, 31), Rules));
        Assert.Equal(new DateOnly(2020, 4, 20), SuggestionClock.CoOpinionDue(new DateOnly(2020, 3, 20), Rules));
    }

    [Fact]
    public void TheMonthsComeFromTheYearsRuleSet()
    {
        var rules = new SuggestionRuleSet(2020) { ReplyMonths = 2, ExtendedReplyMonths = 4, RehandlingMonths = 2 };

        Assert.Equal(new DateOnly(2020, 5, 20), SuggestionClock.ReplyDue(new DateOnly(2020, 3, 20), rules));
        Assert.Equal(new DateOnly(2020, 7, 20), SuggestionClock.ExtendedReplyDue(new DateOnly(2020, 3, 20), rules));
        Assert.Equal(new DateOnly(2020, 5, 20), SuggestionClock.RehandlingDue(new DateOnly(2020, 3, 20), rules));
    }

    [Theory]
    [InlineData("2020-06-21", true, DueMark.Overdue)]
    [InlineData("2020-06-20", true, DueMark.DueSoon)]
    [InlineData("2020-06-05", true, DueMark.DueSoon)]
    [InlineData("2020-06-04", true, DueMark.None)]
    [InlineData("2020-07-01", false, DueMark.None)]
    public void AnAwaitedReplyIsOverdueAfterItsDayAndDueSoonWithinTheRuleSetsDays(string today, bool awaiting, DueMark expected)
    {
        var mark = SuggestionClock.Mark(new DateOnly(2020, 6, 20), awaiting, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), Rules);

        Assert.Equal(expected, mark);
    }
}
