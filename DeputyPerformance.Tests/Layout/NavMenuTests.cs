using Bunit;
using DeputyPerformance.App.Components.Layout;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Tests.Duties;
using DeputyPerformance.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace DeputyPerformance.Tests.Layout;

/// <summary>The side menu: one item lit for the page shown, and the counts of waiting work.</summary>
public sealed class NavMenuTests : AppComponentTest
{
    private IRenderedComponent<NavMenu> RenderAt(string path)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(path);
        return Render<NavMenu>(p => p.Add(x => x.Location, navigation.Uri));
    }

    [Theory]
    [InlineData("/scores/shortlist", "/scores/shortlist")]
    [InlineData("/reports/coverage", "/reports/coverage")]
    [InlineData("/duties/import", "/duties/import")]
    [InlineData("/scores", "/scores")]
    public void OnlyTheItemOfThePageShownIsHighlighted(string path, string lit)
    {
        using var culture = new CultureScope("zh-CN");
        DailyAuth.SignIn(this, "county.clerk", Roles.CountyClerk);

        var cut = RenderAt(path);

        var active = cut.FindAll("a.mud-nav-link.active");
        var link = Assert.Single(active);
        Assert.Equal(lit, link.GetAttribute("href"));
    }

    [Fact]
    public async Task TheDutyLogsItemShowsHowManyLogsWaitForReview()
    {
        using var culture = new CultureScope("zh-CN");
        var towns = await DutyTestData.TownIdsAsync(Db);
        var deputy = await DutyTestData.DeputyOfTownAsync(Db, towns[0]);
        var logs = Db.Get<DutyLogService>();
        await logs.SubmitAsync(TestCallers.Deputy(deputy.Id), DutyTestData.Input(deputy.Id));
        await logs.SubmitAsync(TestCallers.Deputy(deputy.Id), DutyTestData.Input(deputy.Id, DutyCategory.Reception));
        DailyAuth.SignIn(this, "town.clerk", Roles.TownClerk, townId: towns[0]);

        var cut = RenderAt("/");

        cut.WaitForAssertion(() =>
        {
            var item = cut.FindAll("a.mud-nav-link").Single(a => a.GetAttribute("href") == "/duties");
            Assert.Equal("2", item.QuerySelector("[data-testid=todo-count]")?.TextContent);
        });
    }
}
