using DeputyPerformance.Domain.Organization;

namespace DeputyPerformance.Tests.Organization;

public sealed class TermTests
{
    [Theory]
    [InlineData("2016-2021", 2016, 2021)]
    [InlineData(" 2016 - 2021 ", 2016, 2021)]
    [InlineData("2016–2021", 2016, 2021)]
    [InlineData("2016—2021", 2016, 2021)]
    [InlineData("1949-1954", 1949, 1954)]
    [InlineData("2016-2026", 2016, 2026)]
    public void ParseYearsReadsTwoOrderedYears(string text, int start, int end) =>
        Assert.Equal((start, end), Term.ParseYears(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2016")]
    [InlineData("2021-2016")]
    [InlineData("2016-2016")]
    [InlineData("2016-2027")]
    [InlineData("1948-1953")]
    [InlineData("2201-2206")]
    [InlineData("2016-2021-2026")]
    [InlineData("abcd-efgh")]
    [InlineData("第十六届")]
    public void ParseYearsGivesNullForAnythingElse(string? text) => Assert.Null(Term.ParseYears(text));
}
