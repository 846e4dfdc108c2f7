using DeputyPerformance.Domain.Organization;
using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Organization;

public sealed class TermValidatorTests
{
    private readonly TermValidator _validator = new();

    private static TermInput Valid() => new() { Name = "2021-2026", StartYear = 2021, EndYear = 2026 };

    [Fact]
    public void AcceptsAFiveYearTerm() => ValidationAssert.Passes(_validator, Valid());

    [Fact]
    public void AcceptsATermOfExactlyTenYears()
    {
        var input = Valid();
        input.EndYear = input.StartYear + 10;
        ValidationAssert.Passes(_validator, input);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void RefusesAnEmptyName(string name)
    {
        var input = Valid();
        input.Name = name;
        ValidationAssert.FailsWith(_validator, input, nameof(TermInput.Name), "Term_NameRequired");
    }

    [Fact]
    public void RefusesANameLongerThanTwentyCharacters()
    {
        var input = Valid();
        input.Name = new string('1', 21);
        ValidationAssert.FailsWith(_validator, input, nameof(TermInput.Name), "Term_NameTooLong");
    }

    [Theory]
    [InlineData(1948)]
    [InlineData(2201)]
    public void RefusesAStartYearOutOfRange(int start)
    {
        var input = new TermInput { Name = "x", StartYear = start, EndYear = start + 5 };
        ValidationAssert.FailsWith(_validator, input, nameof(TermInput.StartYear), "Term_YearOutOfRange");
    }

    [Theory]
    [InlineData(2021)]
    [InlineData(2020)]
    public void RefusesAnEndYearNotAfterTheStart(int end)
    {
        var input = Valid();
        input.EndYear = end;
        ValidationAssert.FailsWith(_validator, input, nameof(TermInput.EndYear), "Term_EndBeforeStart");
    }

    [Fact]
    public void RefusesATermLongerThanTenYears()
    {
        var input = Valid();
        input.EndYear = input.StartYear + 11;
        ValidationAssert.FailsWith(_validator, input, nameof(TermInput.EndYear), "Term_TooLong");
    }

    [Fact]
    public void GivesTheMessageInChineseAndEnglish()
    {
        var input = Valid();
        input.Name = "";
        using (new CultureScope("zh-CN"))
        {
            Assert.Equal("请输入届次，例如 2016-2021。", Assert.Single(_validator.Validate(input).Errors).ErrorMessage);
        }

        using (new CultureScope("en"))
        {
            Assert.Equal("Enter the term, e.g. 2016-2021.", Assert.Single(_validator.Validate(input).Errors).ErrorMessage);
        }
    }
}
