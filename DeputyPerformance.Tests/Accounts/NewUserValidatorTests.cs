using DeputyPerformance.Domain.Accounts;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Accounts;

public sealed class NewUserValidatorTests
{
    private readonly NewUserValidator _validator = new();

    private static NewUserInput Valid() => new() { UserName = "town.clerk2", DisplayName = "干事", Password = "Demo!2026pw", Role = Roles.TownClerk, TownId = 1 };

    [Fact]
    public void AcceptsATownClerkBoundToATown() => ValidationAssert.Passes(_validator, Valid());

    [Theory]
    [InlineData(Roles.Administrator)]
    [InlineData(Roles.CountyClerk)]
    [InlineData(Roles.CommitteeMember)]
    public void AcceptsCountyRolesWithoutTownOrDeputy(string role) =>
        ValidationAssert.Passes(_validator, new NewUserInput { UserName = "someone", Password = "x", Role = role });

    [Fact]
    public void AcceptsADeputyAccountBoundToADeputy() =>
        ValidationAssert.Passes(_validator, new NewUserInput { UserName = "d-001", Password = "x", Role = Roles.Deputy, DeputyId = 3 });

    [Theory]
    [InlineData("ab")]
    [InlineData("user@example.org")]
    [InlineData("a_b-c.d")]
    public void AcceptsUserNamesOfTheAllowedCharacters(string userName)
    {
        var input = Valid();
        input.UserName = userName;
        ValidationAssert.Passes(_validator, input);
    }

    [Fact]
    public void RefusesAnEmptyUserName()
    {
        var input = Valid();
        input.UserName = "";
        ValidationAssert.FailsWith(_validator, input, nameof(NewUserInput.UserName), "Account_UserNameRequired");
    }

    [Theory]
    [InlineData("a")]
    [InlineData("two words")]
    [InlineData("张三")]
    [InlineData("x'--")]
    public void RefusesAUserNameOfOtherCharactersOrLength(string userName)
    {
        var input = Valid();
        input.UserName = userName;
        ValidationAssert.FailsWith(_validator, input, nameof(NewUserInput.UserName), "Account_UserNameFormat");
    }

    [Fact]
    public void RefusesAUserNameLongerThanSixtyFourCharacters()
    {
        var input = Valid();
        input.UserName = new string('a', 65);
        ValidationAssert.FailsWith(_validator, input, nameof(NewUserInput.UserName), "Account_UserNameFormat");
    }

    [Fact]
    public void RefusesADisplayNameLongerThanFiftyCharacters()
    {
        var input = Valid();
        input.DisplayName = new string('名', 51);
        ValidationAssert.FailsWith(_validator, input, nameof(NewUserInput.DisplayName), "NameTooLong");
    }

    [Fact]
    public void RefusesAnEmptyPassword()
    {
        var input = Valid();
        input.Password = "";
        ValidationAssert.FailsWith(_validator, input, nameof(NewUserInput.Password), "Account_PasswordRequired");
    }

    [Theory]
    [InlineData("")]
    [InlineData("Superuser")]
    [InlineData("administrator")]
    public void RefusesAnUnknownRole(string role)
    {
        var input = Valid();
        input.Role = role;
        ValidationAssert.FailsWith(_validator, input, nameof(NewUserInput.Role), "ValueInvalid");
    }

    [Fact]
    public void RefusesATownClerkWithoutTown()
    {
        var input = Valid();
        input.TownId = null;
        ValidationAssert.FailsWith(_validator, input, nameof(NewUserInput.TownId), "TownRequired");
    }

    [Fact]
    public void RefusesADeputyAccountWithoutDeputy() =>
        ValidationAssert.FailsWith(_validator, new NewUserInput { UserName = "d-001", Password = "x", Role = Roles.Deputy },
            nameof(NewUserInput.DeputyId), "Account_DeputyRequired");

    [Fact]
    public void GivesTheMessageInChineseAndEnglish()
    {
        var input = Valid();
        input.Password = "";
        using (new CultureScope("zh-CN"))
        {
            Assert.Equal("请输入密码。", Assert.Single(_validator.Validate(input).Errors).ErrorMessage);
        }

        using (new CultureScope("en"))
        {
            Assert.Equal("Enter a password.", Assert.Single(_validator.Validate(input).Errors).ErrorMessage);
        }
    }
}
