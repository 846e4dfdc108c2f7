using DeputyPerformance.Domain.Departments;
using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Departments;

public sealed class GovernmentDepartmentValidatorTests
{
    private readonly GovernmentDepartmentValidator _validator = new();

    [Fact]
    public void AcceptsANamedDepartment() =>
        ValidationAssert.Passes(_validator, new GovernmentDepartmentInput { Name = "税务局", Kind = DepartmentKind.VerticallyManaged });

    [Fact]
    public void AcceptsANameOfEightyCharacters() =>
        ValidationAssert.Passes(_validator, new GovernmentDepartmentInput { Name = new string('局', 80) });

    [Fact]
    public void RefusesAnEmptyName() =>
        ValidationAssert.FailsWith(_validator, new GovernmentDepartmentInput(), nameof(GovernmentDepartmentInput.Name), "NameRequired");

    [Fact]
    public void RefusesANameLongerThanEightyCharacters() =>
        ValidationAssert.FailsWith(_validator, new GovernmentDepartmentInput { Name = new string('局', 81) }, nameof(GovernmentDepartmentInput.Name), "NameTooLong");

    [Fact]
    public void GivesTheMessageInChineseAndEnglish()
    {
        using (new CultureScope("zh-CN"))
        {
            Assert.Equal("请输入名称。", Assert.Single(_validator.Validate(new GovernmentDepartmentInput()).Errors).ErrorMessage);
        }

        using (new CultureScope("en"))
        {
            Assert.Equal("Enter a name.", Assert.Single(_validator.Validate(new GovernmentDepartmentInput()).Errors).ErrorMessage);
        }
    }
}
