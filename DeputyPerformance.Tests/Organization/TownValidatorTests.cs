using DeputyPerformance.Domain.Organization;
using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Organization;

public sealed class TownValidatorTests
{
    private readonly TownValidator _validator = new();

    [Fact]
    public void AcceptsANamedTown() => ValidationAssert.Passes(_validator, new TownInput { Name = "兴田街道", Kind = TownKind.SubDistrict });

    [Fact]
    public void AcceptsANameOfFiftyCharacters() => ValidationAssert.Passes(_validator, new TownInput { Name = new string('镇', 50) });

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void RefusesAnEmptyName(string name) =>
        ValidationAssert.FailsWith(_validator, new TownInput { Name = name }, nameof(TownInput.Name), "NameRequired");

    [Fact]
    public void RefusesANameLongerThanFiftyCharacters() =>
        ValidationAssert.FailsWith(_validator, new TownInput { Name = new string('镇', 51) }, nameof(TownInput.Name), "NameTooLong");

    [Fact]
    public void RefusesAnUndefinedKind() =>
        ValidationAssert.FailsWith(_validator, new TownInput { Name = "x", Kind = (TownKind)9 }, nameof(TownInput.Kind), "ValueInvalid");

    [Fact]
    public void GivesTheMessageInChineseAndEnglish()
    {
        using (new CultureScope("zh-CN"))
        {
            Assert.Equal("请输入名称。", Assert.Single(_validator.Validate(new TownInput()).Errors).ErrorMessage);
        }

        using (new CultureScope("en"))
        {
            Assert.Equal("Enter a name.", Assert.Single(_validator.Validate(new TownInput()).Errors).ErrorMessage);
        }
    }
}
