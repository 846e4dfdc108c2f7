using DeputyPerformance.Domain.Suggestions;
using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Suggestions;

/// <summary>Who may submit suggestions on behalf of deputies from the board.</summary>
public sealed class SuggestionPolicyTests
{
    [Fact]
    public void CountyStaffAndTownClerksSubmitForDeputiesButDeputiesAndTheCommitteeDoNot()
    {
        Assert.True(SuggestionPolicy.CanSubmitForOthers(TestCallers.Admin));
        Assert.True(SuggestionPolicy.CanSubmitForOthers(TestCallers.CountyClerk));
        Assert.True(SuggestionPolicy.CanSubmitForOthers(TestCallers.TownClerk(3)));
        Assert.False(SuggestionPolicy.CanSubmitForOthers(TestCallers.Deputy(7)));
        Assert.False(SuggestionPolicy.CanSubmitForOthers(TestCallers.CommitteeMember));
    }

    [Fact]
    public void ADeputysNewSuggestionIsHisOwnAndOthersPickTheLeadDeputy()
    {
        Assert.Equal(7, SuggestionPolicy.LeadDeputyOfNewSuggestion(TestCallers.Deputy(7)));
        Assert.False(SuggestionPolicy.PicksLeadDeputy(TestCallers.Deputy(7)));
        Assert.Null(SuggestionPolicy.LeadDeputyOfNewSuggestion(TestCallers.TownClerk(3)));
        Assert.True(SuggestionPolicy.PicksLeadDeputy(TestCallers.TownClerk(3)));
        Assert.True(SuggestionPolicy.PicksLeadDeputy(TestCallers.CountyClerk));
    }
}
