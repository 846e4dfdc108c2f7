using System.Net;
using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Evaluations;

/// <summary>The evaluation pages and downloads over real HTTP: the public results without sign-in, the export by role.</summary>
public sealed class EvaluationPagesTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task ThePublicResultsOpenWithoutSignInAndShowOnlyPublishedGrades()
    {
        using var client = factory.NewClient();

        var response = await client.GetAsync("/public/evaluations?year=2021");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The demo's 2021: one department in each phase; only the one rectifying has been published (不满意).
        Assert.Contains("尚未公布", html);
        Assert.Contains("不满意", html);
        Assert.DoesNotContain(">满意<", html);
        Assert.DoesNotContain("基本满意", html);
    }

    [Theory]
    [InlineData("county.clerk", HttpStatusCode.OK)]
    [InlineData("committee", HttpStatusCode.OK)]
    [InlineData("town.clerk", HttpStatusCode.Forbidden)]
    [InlineData("deputy", HttpStatusCode.Forbidden)]
    public async Task TheExportIsForCountyStaffAndCommitteeMembers(string user, HttpStatusCode expected)
    {
        var client = await factory.SignedInAsync(user);

        var response = await client.GetAsync("/evaluations/2019/export.xlsx");

        Assert.Equal(expected, response.StatusCode);
    }
}
