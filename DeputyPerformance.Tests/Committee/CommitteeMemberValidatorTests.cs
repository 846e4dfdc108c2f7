using DeputyPerformance.Domain.Committee;
using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Committee;

public sealed class CommitteeMemberValidatorTests
{
    private readonly CommitteeMemberValidator _validator = new();

    private static CommitteeMemberInput Valid() => new() { Name = "陈伟", TermId = 1, Position = CommitteePosition.ViceChairman };

    [Fact]
    public void AcceptsAMemberOfATerm() => ValidationAssert.Passes(_validator, Valid());

    [Fact]
    public void RefusesAnEmptyName()
    {
        var input = Valid();
        input.Name = "";
        ValidationAssert.FailsWith(_validator, input, nameof(CommitteeMemberInput.Name), "NameRequired");
    }

    [Fact]
    public void RefusesANameLongerThanFiftyCharacters()
    {
        var input = Valid();
        input.Name = new string('伟', 51);
        ValidationAssert.FailsWith(_validator, input, nameof(CommitteeMemberInput.Name), "NameTooLong");
    }

    [Fact]
    public void RefusesAMemberWithoutTerm()
    {
        var input = Valid();
        input.TermId = 0;
        ValidationAssert.FailsWith(_validator, input, nameof(CommitteeMemberInput.TermId), "TermRequired");
    }

    [Fact]
    public void RefusesAnUndefinedPosition()
    {
        var input = Valid();
        input.Position = (CommitteePosition)42;
        ValidationAssert.FailsWith(_validator, input, nameof(CommitteeMemberInput.Position), "ValueInvalid");
    }

    [Fact]
    public void GivesTheMessageInChineseAndEnglish()
    {
        var input = Valid();
        input.TermId = 0;
        using (new CultureScope("zh-CN"))
        {
            Assert.Equal("请选择届次。", Assert.Single(_validator.Validate(input).Errors).ErrorMessage);
        }

        using (new CultureScope("en"))
        {
            Assert.Equal("Choose a term.", Assert.Single(_validator.Validate(input).Errors).ErrorMessage);
        }
    }
}
