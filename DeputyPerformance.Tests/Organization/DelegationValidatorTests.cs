using DeputyPerformance.Domain.Organization;
using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Organization;

public sealed class DelegationValidatorTests
{
    private readonly DelegationValidator _validator = new();

    [Fact]
    public void AcceptsANamedDelegation() => ValidationAssert.Passes(_validator, new DelegationInput { Name = "兴田街道代表团" });

    [Fact]
    public void RefusesAnEmptyName() =>
        ValidationAssert.FailsWith(_validator, new DelegationInput { Name = " " }, nameof(DelegationInput.Name), "NameRequired");

    [Fact]
    public void RefusesANameLongerThanFiftyCharacters() =>
        ValidationAssert.FailsWith(_validator, new DelegationInput { Name = new string('团', 51) }, nameof(DelegationInput.Name), "NameTooLong");

    [Fact]
    public void GivesTheMessageInChineseAndEnglish()
    {
        var input = new DelegationInput { Name = new string('团', 51) };
        using (new CultureScope("zh-CN"))
        {
            Assert.Equal("名称过长。", Assert.Single(_validator.Validate(input).Errors).ErrorMessage);
        }

        using (new CultureScope("en"))
        {
            Assert.Equal("The name is too long.", Assert.Single(_validator.Validate(input).Errors).ErrorMessage);
        }
    }
}
