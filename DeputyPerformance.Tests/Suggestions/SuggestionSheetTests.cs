using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Suggestions;
using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Suggestions;

/// <summary>A file's rating cell: the contract code or the option's Chinese name, whatever the user's language.</summary>
public sealed class SuggestionSheetTests
{
    [Theory]
    [InlineData("satisfied", SatisfactionOption.Satisfied)]
    [InlineData(" Basically-Satisfied ", SatisfactionOption.BasicallySatisfied)]
    [InlineData("满意", SatisfactionOption.Satisfied)]
    [InlineData("基本满意", SatisfactionOption.BasicallySatisfied)]
    [InlineData("不满意", SatisfactionOption.Dissatisfied)]
    public void ARatingCellIsReadByCodeOrChineseName(string cell, SatisfactionOption expected)
    {
        using var culture = new CultureScope("en");
        Assert.Equal(expected, SuggestionSheet.RatingOf(cell));
    }

    [Fact]
    public void AnUnknownRatingIsNone() => Assert.Null(SuggestionSheet.RatingOf("good"));
}
