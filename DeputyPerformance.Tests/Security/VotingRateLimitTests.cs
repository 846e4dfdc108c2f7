using System.Net;
using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Security;

public sealed class VotingRateLimitTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task GuessingVotingCodesIsStoppedAfterThirtyRequestsAMinute()
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 31; i++)
        {
            statuses.Add((await client.GetAsync($"/v/GUESS{i:000}")).StatusCode);
        }

        Assert.All(statuses.Take(30), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[30]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
    }
}
