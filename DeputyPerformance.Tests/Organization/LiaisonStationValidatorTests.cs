using DeputyPerformance.Domain.Organization;
using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Organization;

public sealed class LiaisonStationValidatorTests
{
    private readonly LiaisonStationValidator _validator = new();

    private static LiaisonStationInput Valid() => new() { Name = "兴田街道人大代表中心联络站", Kind = StationKind.TownCentre, TownId = 1 };

    [Fact]
    public void AcceptsAStationInATown() => ValidationAssert.Passes(_validator, Valid());

    [Fact]
    public void AcceptsANameOfEightyCharacters()
    {
        var input = Valid();
        input.Name = new string('站', 80);
        ValidationAssert.Passes(_validator, input);
    }

    [Fact]
    public void RefusesAnEmptyName()
    {
        var input = Valid();
        input.Name = "";
        ValidationAssert.FailsWith(_validator, input, nameof(LiaisonStationInput.Name), "NameRequired");
    }

    [Fact]
    public void RefusesANameLongerThanEightyCharacters()
    {
        var input = Valid();
        input.Name = new string('站', 81);
        ValidationAssert.FailsWith(_validator, input, nameof(LiaisonStationInput.Name), "NameTooLong");
    }

    [Fact]
    public void RefusesAnUndefinedKind()
    {
        var input = Valid();
        input.Kind = (StationKind)7;
        ValidationAssert.FailsWith(_validator, input, nameof(LiaisonStationInput.Kind), "ValueInvalid");
    }

    [Fact]
    public void RefusesAStationWithoutTown()
    {
        var input = Valid();
        input.TownId = 0;
        ValidationAssert.FailsWith(_validator, input, nameof(LiaisonStationInput.TownId), "TownRequired");
    }

    [Fact]
    public void GivesTheMessageInChineseAndEnglish()
    {
        var input = Valid();
        input.Kind = (StationKind)7;
        using (new CultureScope("zh-CN"))
        {
            Assert.Equal("请选择有效的值。", Assert.Single(_validator.Validate(input).Errors).ErrorMessage);
        }

        using (new CultureScope("en"))
        {
            Assert.Equal("Choose a valid value.", Assert.Single(_validator.Validate(input).Errors).ErrorMessage);
        }
    }
}
