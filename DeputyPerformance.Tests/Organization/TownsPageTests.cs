using System.Security.Claims;
using Bunit;
using DeputyPerformance.App.Components.Pages.Organization;
using DeputyPerformance.App.Security;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Tests.Support;
using MudBlazor;

namespace DeputyPerformance.Tests.Organization;

/// <summary>The towns page (a MasterDataPage): rows from the database, the empty state, write buttons by role.</summary>
public sealed class TownsPageTests : AppComponentTest
{
    private IRenderedComponent<Towns> RenderAs(string userName, string role, int? townId = null)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(userName);
        auth.SetRoles(role);
        if (townId is { } town)
        {
            auth.SetClaims(new Claim(AppClaimsPrincipalFactory.TownClaim, town.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        Render<MudPopoverProvider>();
        return Render<Towns>();
    }

    private static IEnumerable<string> Cells(AngleSharp.Dom.IElement row) =>
        row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).Where(t => t.Length > 0);

    [Fact]
    public void ListsTheSeededTownsWithTheirKinds()
    {
        using var culture = new CultureScope("zh-CN");

        var cut = RenderAs("county.clerk", Roles.CountyClerk);

        cut.WaitForAssertion(() =>
        {
            var rows = cut.FindAll("tbody tr.mud-table-row");
            Assert.Equal(20, rows.Count);
            // Name and kind cells: the kind is shown from the resources (TownKind_SubDistrict = 街道, TownKind_Town = 镇).
            Assert.Contains(rows, r => Cells(r).SequenceEqual(["兴田街道", "街道"]));
            Assert.Contains(rows, r => Cells(r).SequenceEqual(["刁坊镇", "镇"]));
        }, TimeSpan.FromSeconds(10));
        Assert.Contains("镇街", cut.Find("[data-testid=page-title]").TextContent);
    }

    [Fact]
    public void ASearchThatMatchesNothingShowsTheEmptyState()
    {
        using var culture = new CultureScope("zh-CN");
        var cut = RenderAs("county.clerk", Roles.CountyClerk);
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("tbody tr.mud-table-row")), TimeSpan.FromSeconds(10));

        // The search runs while typing (debounced), without Enter.
        cut.Find("input[data-testid=grid-search]").Input("没有这个镇");

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("暂无记录。", cut.Find("[data-testid=grid-empty]").TextContent.Trim());
            Assert.DoesNotContain("兴田街道", cut.Markup);
        }, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void CountyStaffSeeTheWriteButtons()
    {
        using var culture = new CultureScope("zh-CN");

        var cut = RenderAs("county.clerk", Roles.CountyClerk);

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=row-edit]")), TimeSpan.FromSeconds(10));
        Assert.NotNull(cut.Find("[data-testid=grid-new]"));
    }

    [Fact]
    public void ATownClerkReadsTheListWithoutWriteButtons()
    {
        using var culture = new CultureScope("zh-CN");

        var cut = RenderAs("town.clerk", Roles.TownClerk, townId: 1);

        cut.WaitForAssertion(() => Assert.Equal(20, cut.FindAll("tbody tr.mud-table-row").Count), TimeSpan.FromSeconds(10));
        Assert.Empty(cut.FindAll("[data-testid=grid-new]"));
        Assert.Empty(cut.FindAll("[data-testid=row-edit]"));
    }
}
