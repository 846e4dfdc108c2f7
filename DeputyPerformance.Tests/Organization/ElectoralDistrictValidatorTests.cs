using DeputyPerformance.Domain.Organization;
using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Organization;

public sealed class ElectoralDistrictValidatorTests
{
    private readonly ElectoralDistrictValidator _validator = new();

    [Fact]
    public void AcceptsANamedDistrictInATown() =>
        ValidationAssert.Passes(_validator, new ElectoralDistrictInput { Name = "兴田街道第1选区", TownId = 1 });

    [Fact]
    public void RefusesAnEmptyName() =>
        ValidationAssert.FailsWith(_validator, new ElectoralDistrictInput { Name = "", TownId = 1 }, nameof(ElectoralDistrictInput.Name), "NameRequired");

    [Fact]
    public void RefusesANameLongerThanFiftyCharacters() =>
        ValidationAssert.FailsWith(_validator, new ElectoralDistrictInput { Name = new string('区', 51), TownId = 1 }, nameof(ElectoralDistrictInput.Name), "NameTooLong");

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void RefusesADistrictWithoutTown(int townId) =>
        ValidationAssert.FailsWith(_validator, new ElectoralDistrictInput { Name = "x", TownId = townId }, nameof(ElectoralDistrictInput.TownId), "TownRequired");

    [Fact]
    public void GivesTheMessageInChineseAndEnglish()
    {
        var input = new ElectoralDistrictInput { Name = "x" };
        using (new CultureScope("zh-CN"))
        {
            Assert.Equal("请选择镇街。", Assert.Single(_validator.Validate(input).Errors).ErrorMessage);
        }

        using (new CultureScope("en"))
        {
            Assert.Equal("Choose a town.", Assert.Single(_validator.Validate(input).Errors).ErrorMessage);
        }
    }
}
