using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Domain.Exits;

namespace DeputyPerformance.Tests.Exits;

/// <summary>The majorities of the 选举法 at their boundaries.</summary>
public sealed class ExitDecisionsTests
{
    [Theory]
    [InlineData(17, false)]
    [InlineData(18, true)]
    public void ACountyResignationNeedsMoreThanHalfOfAllThirtyFiveMembersEvenWith27Present(int yes, bool accepted)
    {
        var d = ExitDecisions.Resignation(DeputyLevel.County, 35, 27, yes);

        Assert.Equal((accepted, 18, "ExitDecision_ResignationCommittee"), (d.Passed, d.Needed, d.RuleKey));
    }

    [Theory]
    [InlineData(20, false)]
    [InlineData(21, true)]
    public void ATownResignationNeedsMoreThanHalfOfTheTownCongress(int yes, bool accepted)
    {
        var d = ExitDecisions.Resignation(DeputyLevel.Town, 40, 40, yes);

        Assert.Equal((accepted, "ExitDecision_ResignationTownCongress"), (d.Passed, d.RuleKey));
    }

    [Theory]
    [InlineData(1200, false)]
    [InlineData(1201, true)]
    public void ARecallPassesWithMoreThanHalfOfTheDistrictsRegisteredVoters(int yes, bool passed)
    {
        Assert.Equal(passed, ExitDecisions.Recall(2400, yes).Passed);
    }

    [Theory]
    [InlineData(DeputyLevel.County, 49, false)]
    [InlineData(DeputyLevel.County, 50, true)]
    [InlineData(DeputyLevel.Town, 29, false)]
    [InlineData(DeputyLevel.Town, 30, true)]
    public void ARecallPetitionNeedsFiftyVotersForACountyDeputyAndThirtyForATownDeputy(DeputyLevel level, int signers, bool enough)
    {
        Assert.Equal(enough, ExitDecisions.Petition(level, signers, ExitRuleSet.Defaults(2020)).Passed);
    }

    [Fact]
    public void MoreYesThanPresentIsRefused()
    {
        Assert.Equal("Exit_CountsInvalid", Assert.Throws<DomainException>(() => ExitDecisions.Resignation(DeputyLevel.County, 35, 27, 28)).Key);
    }
}
