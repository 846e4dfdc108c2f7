using System.Security.Claims;
using Bunit;
using DeputyPerformance.App.Components.Pages.Deputies;
using DeputyPerformance.App.Security;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Seeding;
using DeputyPerformance.Tests.Support;
using MudBlazor;

namespace DeputyPerformance.Tests.Deputies;

/// <summary>The deputy list as a town clerk sees it: his town's deputies only, no town filter.</summary>
public sealed class DeputyListTests : AppComponentTest
{
    [Fact]
    public void ATownClerkSeesOnlyHisTownsDeputies()
    {
        using var culture = new CultureScope("zh-CN");
        var auth = AddAuthorization();
        auth.SetAuthorized("town.clerk");
        auth.SetRoles(Roles.TownClerk);
        auth.SetClaims(new Claim(AppClaimsPrincipalFactory.TownClaim, "1"));
        Render<MudPopoverProvider>();

        var cut = Render<DeputyList>();

        cut.WaitForAssertion(() =>
        {
            var rows = cut.FindAll("tbody tr.mud-table-row");
            Assert.Equal(DemoCountySeeder.DeputiesPerTown, rows.Count);
            Assert.All(rows, r => Assert.Contains("兴田街道", r.TextContent, StringComparison.Ordinal));
        }, TimeSpan.FromSeconds(10));
        Assert.Empty(cut.FindAll("[data-testid=filter-town]"));
        Assert.NotNull(cut.Find("[data-testid=deputy-new]"));
    }

    [Fact]
    public void ACommitteeMemberReadsWithoutTheNewButton()
    {
        using var culture = new CultureScope("zh-CN");
        var auth = AddAuthorization();
        auth.SetAuthorized("committee");
        auth.SetRoles(Roles.CommitteeMember);
        Render<MudPopoverProvider>();

        var cut = Render<DeputyList>();

        cut.WaitForAssertion(() => Assert.Equal(25, cut.FindAll("tbody tr.mud-table-row").Count), TimeSpan.FromSeconds(10));
        Assert.Empty(cut.FindAll("[data-testid=deputy-new]"));
    }
}
