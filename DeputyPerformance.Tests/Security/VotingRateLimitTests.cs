using System.Net;
using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Security;

/// <summary>The voting page limits failed code look-ups per address (and per code), not all requests.</summary>
public sealed class VotingRateLimitTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task GuessingVotingCodesIsStoppedAfterTwentyFailuresFromOneAddressOthersStillVote()
    {
        using var guesser = factory.NewClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 21; i++)
        {
            statuses.Add((await guesser.GetAsync($"/v/GUESS{i:000}")).StatusCode);
        }

        using var neighbour = factory.NewClient();

        Assert.All(statuses.Take(20), s => Assert.Equal(HttpStatusCode.OK, s));
        var refused = await guesser.GetAsync("/v/ANOTHER1");
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[20]);
        Assert.Contains("请求过于频繁", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await neighbour.GetAsync("/v/ANOTHER1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await guesser.GetAsync("/account/login")).StatusCode);
    }
}
