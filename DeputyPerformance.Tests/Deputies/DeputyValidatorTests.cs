using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Deputies;

public sealed class DeputyValidatorTests
{
    private readonly DeputyValidator _validator = new();

    private static DeputyInput Valid() => new()
    {
        TermId = 1, DeputyNumber = "C001", Name = "陈伟", TownId = 1, Level = DeputyLevel.County, Gender = Gender.Male,
        Phone = "+86 139-1234 5678",
    };

    [Fact]
    public void AcceptsACompleteDeputy() => ValidationAssert.Passes(_validator, Valid());

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void AcceptsAnEmptyPhone(string? phone)
    {
        var input = Valid();
        input.Phone = phone;
        ValidationAssert.Passes(_validator, input);
    }

    [Fact]
    public void AcceptsANumberWithLettersDigitsDashAndUnderscore()
    {
        var input = Valid();
        input.DeputyNumber = "Xn-2016_01";
        ValidationAssert.Passes(_validator, input);
    }

    [Fact]
    public void AcceptsASuspensionWithADate()
    {
        var input = Valid();
        input.Status = DeputyStatus.Suspended;
        input.StatusSince = new DateOnly(2026, 3, 1);
        ValidationAssert.Passes(_validator, input);
    }

    [Fact]
    public void RefusesADeputyWithoutTerm()
    {
        var input = Valid();
        input.TermId = 0;
        ValidationAssert.FailsWith(_validator, input, nameof(DeputyInput.TermId), "TermRequired");
    }

    [Fact]
    public void RefusesAnEmptyNumber()
    {
        var input = Valid();
        input.DeputyNumber = "";
        ValidationAssert.FailsWith(_validator, input, nameof(DeputyInput.DeputyNumber), "Deputy_NumberRequired");
    }

    [Fact]
    public void RefusesANumberLongerThanThirtyCharacters()
    {
        var input = Valid();
        input.DeputyNumber = new string('A', 31);
        ValidationAssert.FailsWith(_validator, input, nameof(DeputyInput.DeputyNumber), "Deputy_NumberTooLong");
    }

    [Theory]
    [InlineData("C 001")]
    [InlineData("代表001")]
    [InlineData("C001;")]
    [InlineData("C/001")]
    public void RefusesANumberWithOtherCharacters(string number)
    {
        var input = Valid();
        input.DeputyNumber = number;
        ValidationAssert.FailsWith(_validator, input, nameof(DeputyInput.DeputyNumber), "Deputy_NumberFormat");
    }

    [Fact]
    public void RefusesAnEmptyName()
    {
        var input = Valid();
        input.Name = " ";
        ValidationAssert.FailsWith(_validator, input, nameof(DeputyInput.Name), "NameRequired");
    }

    [Fact]
    public void RefusesANameLongerThanFiftyCharacters()
    {
        var input = Valid();
        input.Name = new string('伟', 51);
        ValidationAssert.FailsWith(_validator, input, nameof(DeputyInput.Name), "NameTooLong");
    }

    [Fact]
    public void RefusesAnUndefinedLevel()
    {
        var input = Valid();
        input.Level = (DeputyLevel)5;
        ValidationAssert.FailsWith(_validator, input, nameof(DeputyInput.Level), "ValueInvalid");
    }

    [Fact]
    public void RefusesAnUndefinedGender()
    {
        var input = Valid();
        input.Gender = (Gender)5;
        ValidationAssert.FailsWith(_validator, input, nameof(DeputyInput.Gender), "ValueInvalid");
    }

    [Fact]
    public void RefusesAnUndefinedStatus()
    {
        var input = Valid();
        input.Status = (DeputyStatus)5;
        input.StatusSince = new DateOnly(2026, 1, 1);
        ValidationAssert.FailsWith(_validator, input, nameof(DeputyInput.Status), "ValueInvalid");
    }

    [Fact]
    public void RefusesADeputyWithoutTown()
    {
        var input = Valid();
        input.TownId = 0;
        ValidationAssert.FailsWith(_validator, input, nameof(DeputyInput.TownId), "TownRequired");
    }

    [Theory]
    [InlineData("139-1234-abcd")]
    [InlineData("(0753) 1234567")]
    [InlineData("1234567890123456789012345678901")]
    public void RefusesAPhoneWithOtherCharactersOrTooLong(string phone)
    {
        var input = Valid();
        input.Phone = phone;
        ValidationAssert.FailsWith(_validator, input, nameof(DeputyInput.Phone), "Deputy_PhoneFormat");
    }

    [Theory]
    [InlineData(DeputyStatus.Suspended)]
    [InlineData(DeputyStatus.Terminated)]
    public void RefusesAStatusOtherThanActiveWithoutDate(DeputyStatus status)
    {
        var input = Valid();
        input.Status = status;
        ValidationAssert.FailsWith(_validator, input, nameof(DeputyInput.StatusSince), "Deputy_StatusDateRequired");
    }

    [Fact]
    public void GivesTheMessageInChineseAndEnglish()
    {
        var input = Valid();
        input.DeputyNumber = "";
        using (new CultureScope("zh-CN"))
        {
            Assert.Equal("请输入代表编号。", Assert.Single(_validator.Validate(input).Errors).ErrorMessage);
        }

        using (new CultureScope("en"))
        {
            Assert.Equal("Enter the deputy number.", Assert.Single(_validator.Validate(input).Errors).ErrorMessage);
        }
    }
}
